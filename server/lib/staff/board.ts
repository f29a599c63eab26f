// The order board: one tab's orders and the count of every tab, for one store.

import { businessDate } from '../../../miniprogram/domain/order-number';
import type { Order } from '../../../miniprogram/domain/order';
import {
  BOARD_TABS,
  type BoardTab,
  type StaffOrdersResponse,
} from '../../../miniprogram/domain/staff';
import { type StaffRole } from '../../../miniprogram/domain/roles';
import type { Database } from '../cloud';
import { fetchDocs } from '../db';
import { toBoardOrder } from './board-view';
import { loadStore } from './stores';
import { COLLECTIONS } from '../collections';

/** Waiting tabs list oldest first (serve in order); history tabs newest first, today only. */
const WAITING_TABS: readonly BoardTab[] = ['new', 'accepted', 'ready'];

export async function readBoard(
  db: Database,
  request: { storeId: string; tab: BoardTab; limit?: number },
  role: StaffRole,
  now: Date = new Date(),
): Promise<StaffOrdersResponse> {
  const store = await loadStore(db, request.storeId);
  const today = businessDate(now.getTime(), store.timeZone);
  const _ = db.command;
  const orders = db.collection(COLLECTIONS.orders);
  const whereTab = (tab: BoardTab) => {
    const where: Record<string, unknown> = {
      storeId: request.storeId,
      status: _.in([...BOARD_TABS[tab]]),
    };
    if (!WAITING_TABS.includes(tab)) where.businessDate = today;
    return where;
  };
  const waiting = WAITING_TABS.includes(request.tab);
  const [page, ...totals] = await Promise.all([
    fetchDocs<Order>(
      orders
        .where(whereTab(request.tab))
        .orderBy('createdAt', waiting ? 'asc' : 'desc')
        .limit(request.limit ?? 50),
    ),
    ...(Object.keys(BOARD_TABS) as BoardTab[]).map(async (tab) => {
      const { total } = (await orders.where(whereTab(tab)).count()) as { total: number };
      return [tab, total] as const;
    }),
  ]);
  return {
    orders: page.map((order) => toBoardOrder(order, role, now.getTime())),
    counts: Object.fromEntries(totals) as Record<BoardTab, number>,
    now: now.getTime(),
  };
}
