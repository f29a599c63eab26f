// Today's figures for one store, computed by database aggregation (not by reading every order):
// orders and revenue by mode and by entry source, refunds, the best-selling goods, orders by
// local hour today and on the same weekday last week, and revenue over the last 7 days.
// "Today" is the store's local business day (the orders' businessDate). Tables that paid after
// eating count as one order each, from their sessions (today-tables.ts).

import type { EntrySource } from '../../../miniprogram/domain/entry';
import type { OrderMode } from '../../../miniprogram/domain/order';
import { localTimeAt } from '../../../miniprogram/domain/hours';
import { businessDate } from '../../../miniprogram/domain/order-number';
import { PAID_STATUSES, type OrderStatus } from '../../../miniprogram/domain/order-status';
import type {
  HourBucket,
  StaffTodayResponse,
  TodayBucket,
} from '../../../miniprogram/domain/staff';
import type { Database } from '../cloud';
import { loadStore } from './stores';
import { COLLECTIONS } from '../collections';
import { tableFigures, type Sums } from './today-tables';

/** Paid and still paid: this is the money the store keeps. */
const REVENUE_STATUSES = [...PAID_STATUSES];
const REFUND_STATUSES: OrderStatus[] = ['refunding', 'refunded'];
const TOP_GOODS = 5;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const TREND_DAYS = 7;
const MAX_GROUPS = 1000;

/** "20261123" `days` calendar days before `date` (plain calendar arithmetic, no time zone). */
export function daysBefore(date: string, days: number): string {
  const utc = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) - days * DAY_MS;
  return new Date(utc).toISOString().slice(0, 10).replace(/-/g, '');
}

/** How far the store's wall clock is ahead of UTC at `epochMs`, in ms. */
function offsetMs(epochMs: number, timeZone: string): number {
  const local = localTimeAt(epochMs, timeZone);
  const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
  return wallAsUtc - Math.floor(epochMs / 60_000) * 60_000;
}

const ZERO: Sums = { orders: 0, revenueFen: 0 };

function plus(a: Sums, b: Sums): Sums {
  return { orders: a.orders + b.orders, revenueFen: a.revenueFen + b.revenueFen };
}

function sum(list: Sums[]): Sums {
  return list.reduce<Sums>((total, item) => plus(total, item), ZERO);
}

/** 24 hours, each with its orders and tables and their revenue (0 where there are none). */
function hours(
  groups: Array<{ _id: number; orders: number; revenueFen: number }>,
  tables: Map<number, Sums>,
): HourBucket[] {
  return Array.from({ length: 24 }, (_, hour) => ({
    hour,
    ...plus(sum(groups.filter((g) => g._id === hour)), tables.get(hour) ?? ZERO),
  }));
}

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
  // Without a $limit stage the cloud answers only the first 20 results (24 hours, or the goods
  // sold today, can be more).
  const pipeline = build(db.collection(COLLECTIONS.orders).aggregate()).limit(MAX_GROUPS);
  const result = (await pipeline.end()) as {
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
  // A table's bill and AA shares are orders too; the table counts instead (today-tables.ts).
  const kept = {
    storeId,
    businessDate: date,
    status: _.in(REVENUE_STATUSES),
    tableSessionId: _.exists(false),
  };
  const sums = { orders: $.sum(1), revenueFen: $.sum('$amounts.totalFen') };
  const lastWeekDate = daysBefore(date, 7);
  const trendDates = Array.from({ length: TREND_DAYS }, (_, i) =>
    daysBefore(date, TREND_DAYS - 1 - i),
  );
  // The local hour an order was placed: (createdAt + the zone's offset) within its day. Both
  // days use today's offset; a daylight-saving change in between shifts last week by an hour.
  const offset = offsetMs(now.getTime(), store.timeZone);
  const localHour = $.floor($.divide([$.mod([$.add(['$createdAt', offset]), DAY_MS]), HOUR_MS]));
  type HourGroup = { _id: number; orders: number; revenueFen: number };
  const byHourOf = (day: string) =>
    aggregate<HourGroup>(db, (p) =>
      p.match({ ...kept, businessDate: day }).group({ _id: localHour, ...sums }),
    );
  const [byMode, bySource, refunds, orderGoods, todayHours, lastWeekHours, trend, tables] =
    await Promise.all([
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
          }),
      ),
      byHourOf(date),
      byHourOf(lastWeekDate),
      aggregate<Group>(db, (p) =>
        p
          .match({ ...kept, businessDate: _.in(trendDates) })
          .group({ _id: '$businessDate', ...sums }),
      ),
      tableFigures(db, storeId, { date, offsetMs: offset }, lastWeekDate, trendDates),
    ]);
  // Paid tables are dine-in orders from a table code.
  const tableTotal = sum([...tables.today.values()]);
  const withTables = (groups: Group[], key: string): Group[] =>
    tableTotal.orders === 0
      ? groups
      : [
          ...groups.filter((g) => g._id !== key),
          { _id: key, ...plus(groups.find((g) => g._id === key) ?? ZERO, tableTotal) },
        ];
  const modes = withTables(byMode, 'dine_in');
  const sources = withTables(bySource, 'table_qr');
  const soldGoods = new Map(orderGoods.map((g) => [g._id, { ...g }]));
  for (const sold of tables.goods) {
    const known = soldGoods.get(sold.goodsId);
    if (known) {
      known.qty += sold.qty;
      known.revenueFen += sold.revenueFen;
    } else {
      soldGoods.set(sold.goodsId, { _id: sold.goodsId, ...sold });
    }
  }
  const topGoods = [...soldGoods.values()]
    .sort((a, b) => b.qty - a.qty || b.revenueFen - a.revenueFen)
    .slice(0, TOP_GOODS);
  const todayByHour = hours(todayHours, tables.today);
  const lastWeekByHour = hours(lastWeekHours, tables.lastWeek);
  const bucket = <K extends string>(group: Group): TodayBucket<K> => ({
    key: (group._id ?? 'other') as K,
    orders: group.orders,
    revenueFen: group.revenueFen,
  });
  const byRevenue = (a: TodayBucket, b: TodayBucket) => b.revenueFen - a.revenueFen;
  const { orders, revenueFen } = sum(modes);
  return {
    date,
    orders,
    revenueFen,
    averageTicketFen: orders ? Math.round(revenueFen / orders) : 0,
    refundedFen: refunds[0]?.revenueFen ?? 0,
    byMode: modes.map((g) => bucket<OrderMode>(g)).sort(byRevenue),
    bySource: sources.map((g) => bucket<EntrySource>(g)).sort(byRevenue),
    topGoods: topGoods.map(({ _id, name, qty, revenueFen: fen }) => ({
      goodsId: _id,
      name,
      qty,
      revenueFen: fen,
    })),
    byHour: todayByHour,
    lastWeek: { date: lastWeekDate, ...sum(lastWeekByHour), byHour: lastWeekByHour },
    last7Days: trendDates.map((day) => ({
      date: day,
      ...plus(trend.find((g) => g._id === day) ?? ZERO, tables.byDate.get(day) ?? ZERO),
    })),
  };
}
