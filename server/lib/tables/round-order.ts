// A table round read as an order, for the notification sender (server/lib/notify): the template
// fields of the new-order message and the page it opens. No imports from notify (it imports this).

import type { Order } from '../../../miniprogram/domain/order';
import { PAGES, withQuery } from '../../../miniprogram/domain/routes';
import { asPricedLine, type Round, type TableSession } from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { findById } from '../db';
import { COLLECTIONS } from '../collections';

/** The key messages of one round are queued and delivered under (deliverQueuedForOrder). */
export const roundKey = (roundId: string) => `table-${roundId}`;

/** What a round read as an order needs of its store ('' when the store is gone). */
export async function storeOf(
  db: Database,
  storeId: string,
): Promise<{ name: string; timeZone?: string }> {
  return (
    (await findById<{ name: string; timeZone?: string }>(db, COLLECTIONS.stores, storeId)) ?? {
      name: '',
    }
  );
}

/** A round read as an order: what a template or a ticket reads of an order. */
export function roundOrder(
  session: TableSession,
  round: Round,
  store: { name: string; timeZone?: string },
): Order {
  const lines = round.lines.filter((line) => line.status === 'sent');
  const totalFen = lines.reduce((sum, line) => sum + line.lineTotalFen, 0);
  const label = `${session.tableNo}-${round.no}`;
  return {
    _id: roundKey(round.roundId),
    orderNo: label,
    pickupNo: label,
    _openid: '',
    storeId: session.storeId,
    storeName: store.name,
    mode: 'dine_in',
    dineIn: { tableNo: session.tableNo, diners: Math.max(1, session.members.length) },
    pickup: null,
    delivery: null,
    lines: lines.map(asPricedLine),
    amounts: { itemsFen: totalFen, packagingFeeFen: 0, deliveryFeeFen: 0, totalFen },
    remark: `${session.tableNo} 桌第 ${round.no} 轮${round.no > 1 ? '（加菜）' : ''}`,
    entry: { source: 'table_qr', scene: 0 },
    businessDate: '',
    timeZone: store.timeZone,
    status: 'accepted',
    statusLog: [],
    createdAt: round.sentAt,
    expiresAt: round.sentAt,
    stockHolds: [],
    stockReleased: true,
    payment: null,
    refund: null,
    tableSessionId: session._id,
  };
}

/** The whole session read as one order: an idle session the cron ended (`table_expired`). */
export function sessionOrder(session: TableSession, store: { name: string; timeZone?: string }) {
  const all: Round = {
    roundId: session._id,
    no: 0,
    sentBy: '',
    sentByRole: 'system',
    sentAt: session.closedAt ?? session.lastActivityAt,
    lines: session.rounds.flatMap((round) => round.lines),
  };
  const order = roundOrder(session, all, store);
  const unpaid = session.settlement
    ? ''
    : `，账单 ¥${(order.amounts.totalFen / 100).toFixed(2)} 未结`;
  return {
    ...order,
    orderNo: session.tableNo,
    pickupNo: session.tableNo,
    remark: `${session.tableNo} 桌闲置超时已结束${unpaid}`,
  };
}

/**
 * The round a `table_round` message names (or the session of a `table_expired` one), read as an
 * order for the template fields ("A3-2": table A3, round 2; its items and amount), and the page
 * the message opens: the store's 桌台 console.
 */
export async function tableRoundAsOrder(
  db: Database,
  message: { storeId: string; sessionId?: string; roundId?: string },
): Promise<{ order: Order; page: string } | null> {
  if (!message.sessionId) return null;
  const session = await findById<TableSession>(db, COLLECTIONS.tableSessions, message.sessionId);
  if (!session) return null;
  const store = await storeOf(db, session.storeId);
  const page = withQuery(PAGES.staffFloor, { storeId: session.storeId });
  if (!message.roundId) return { order: sessionOrder(session, store), page };
  const round = session.rounds.find((r) => r.roundId === message.roundId);
  return round ? { order: roundOrder(session, round, store), page } : null;
}
