// A table's bill paid by WeChat Pay (issue 15): called from the payment path once a bill or AA
// share order is paid, it marks the share, settles the session and completes the bill order.

import type { Order } from '../../../miniprogram/domain/order';
import type { Settlement, TableSession } from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { applyTransition } from '../orders/order-store';
import { newShipping } from '../orders/shipping';
import { loadSession, writeSession, WRITE_ATTEMPTS, type TableActor } from './store';

/** A share of an AA was paid: marked; the last one settles the session. False: read again. */
async function settleShare(db: Database, order: Order, now: Date): Promise<boolean> {
  const session = order.tableSessionId ? await loadSession(db, order.tableSessionId) : null;
  const split = session?.split;
  const share = split?.shares.find((s) => s.no === order.tableShare && s.orderId === order._id);
  if (!session || !split || !share || session.status !== 'paying') {
    console.error(`[tables] share ${order._id} paid but its session moved on`);
    return true;
  }
  if (share.paidAt) return true; // a replay
  const shares = split.shares.map((s) => (s === share ? { ...s, paidAt: now.getTime() } : s));
  const all = shares.every((s) => s.paidAt);
  const fields: Partial<TableSession> = { split: { ...split, shares } };
  if (all) {
    fields.settlement = {
      method: 'wechat',
      fen: shares.reduce((sum, s) => sum + s.fen, 0),
      by: 'payNotify',
      role: 'system',
      at: now.getTime(),
      note: `AA ${split.parts} 份`,
    };
  }
  const system: TableActor = { role: 'system', id: 'payNotify' };
  const move = all ? { to: 'paid' as const, actor: system } : undefined;
  return (await writeSession(db, session, fields, move, now)) !== null;
}

/**
 * Called by the payment path (payment-result.ts) for the one writer that moved a bill order to
 * paid, or by the cron's sweep: the session paying → paid with the settlement, and the bill
 * order paid → completed (the meal was served before paying; its WeChat Pay shipping report is
 * then due, which the cron sends). Never throws.
 */
export async function settleTableBill(db: Database, order: Order, now: Date): Promise<void> {
  try {
    const system: TableActor = { role: 'system', id: 'payNotify' };
    for (let attempt = 0; order.tableShare && attempt < WRITE_ATTEMPTS; attempt += 1) {
      if (await settleShare(db, order, now)) break;
    }
    for (let attempt = 0; !order.tableShare && attempt < WRITE_ATTEMPTS; attempt += 1) {
      const session = order.tableSessionId ? await loadSession(db, order.tableSessionId) : null;
      if (!session || session.settlement?.orderId === order._id) break;
      if (session.status !== 'paying' || session.billOrderId !== order._id) {
        console.error(`[tables] bill ${order._id} paid but session ${session._id} moved on`);
        break;
      }
      const settlement: Settlement = {
        method: 'wechat',
        fen: order.payment?.paidFen ?? order.amounts.totalFen,
        by: order.payment?.transactionId ?? 'payNotify',
        role: 'system',
        at: now.getTime(),
        orderId: order._id,
      };
      const paid = await writeSession(
        db,
        session,
        { settlement },
        { to: 'paid', actor: system },
        now,
      );
      if (paid) break;
    }
    if (order.status === 'paid') {
      await applyTransition(
        db,
        order,
        'completed',
        { role: 'system', id: 'table.bill' },
        { shipping: newShipping(order, now) },
        now,
      );
    }
  } catch (error) {
    console.error(`[tables] could not settle bill ${order._id}`, error);
  }
}
