// Today's figures for one store, computed by database aggregation (not by reading every order):
// orders and revenue by mode and by entry source, refunds, and the best-selling goods.
// "Today" is the store's local business day (the orders' businessDate).

import type { EntrySource } from '../../../miniprogram/domain/entry';
import type { OrderMode } from '../../../miniprogram/domain/order';
import { businessDate } from '../../../miniprogram/domain/order-number';
import type { OrderStatus } from '../../../miniprogram/domain/order-status';
import type { StaffTodayResponse, TodayBucket } from '../../../miniprogram/domain/staff';
import type { Database } from '../cloud';
import { ORDER_COLLECTIONS } from '../orders/collections';
import { loadStore } from './stores';

/** Paid and still paid: this is the money the store keeps. */
const REVENUE_STATUSES: OrderStatus[] = ['paid', 'accepted', 'ready', 'completed'];
const REFUND_STATUSES: OrderStatus[] = ['refunding', 'refunded'];
const TOP_GOODS = 5;

interface Group {
  _id: string | null;
  orders: number;
  revenueFen: number;
}

async function aggregate<T>(
  db: Database,
  build: (
    pipeline: ReturnType<ReturnType<Database['collection']>['aggregate']>,
  ) => ReturnType<ReturnType<Database['collection']>['aggregate']>,
): Promise<T[]> {
  const result = (await build(db.collection(ORDER_COLLECTIONS.orders).aggregate()).end()) as {
    list: T[];
  };
  return result.list;
}

export async function todayFigures(
  db: Database,
  storeId: string,
  now: Date = new Date(),
): Promise<StaffTodayResponse> {
  const store = await loadStore(db, storeId);
  const date = businessDate(now.getTime(), store.timeZone);
  const _ = db.command;
  const $ = _.aggregate;
  const kept = { storeId, businessDate: date, status: _.in(REVENUE_STATUSES) };
  const sums = { orders: $.sum(1), revenueFen: $.sum('$amounts.totalFen') };
  const [byMode, bySource, refunds, topGoods] = await Promise.all([
    aggregate<Group>(db, (p) => p.match(kept).group({ _id: '$mode', ...sums })),
    aggregate<Group>(db, (p) => p.match(kept).group({ _id: '$entry.source', ...sums })),
    aggregate<Group>(db, (p) =>
      p
        .match({ storeId, businessDate: date, status: _.in(REFUND_STATUSES) })
        .group({ _id: null, ...sums }),
    ),
    aggregate<{ _id: string; name: string; qty: number; revenueFen: number }>(db, (p) =>
      p
        .match(kept)
        .unwind('$lines')
        .group({
          _id: '$lines.goodsId',
          name: $.first('$lines.name'),
          qty: $.sum('$lines.qty'),
          revenueFen: $.sum('$lines.lineTotalFen'),
        })
        .sort({ qty: -1, revenueFen: -1 })
        .limit(TOP_GOODS),
    ),
  ]);
  const bucket = <K extends string>(group: Group): TodayBucket<K> => ({
    key: (group._id ?? 'other') as K,
    orders: group.orders,
    revenueFen: group.revenueFen,
  });
  const byRevenue = (a: TodayBucket, b: TodayBucket) => b.revenueFen - a.revenueFen;
  const orders = byMode.reduce((sum, group) => sum + group.orders, 0);
  const revenueFen = byMode.reduce((sum, group) => sum + group.revenueFen, 0);
  return {
    date,
    orders,
    revenueFen,
    averageTicketFen: orders ? Math.round(revenueFen / orders) : 0,
    refundedFen: refunds[0]?.revenueFen ?? 0,
    byMode: byMode.map((g) => bucket<OrderMode>(g)).sort(byRevenue),
    bySource: bySource.map((g) => bucket<EntrySource>(g)).sort(byRevenue),
    topGoods: topGoods.map(({ _id, name, qty, revenueFen: fen }) => ({
      goodsId: _id,
      name,
      qty,
      revenueFen: fen,
    })),
  };
}
