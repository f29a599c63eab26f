// Cancelling: an unpaid order is cancelled (its payment closed), a paid one moves to refunding and
// is refunded. The writer that wins the status change — and only it — gives the order's stock back.

import type { Order } from '../../../miniprogram/domain/order';
import type { Actor } from '../../../miniprogram/domain/order-status';
import type { Database } from '../cloud';
import { applyTransition } from './order-store';
import { closePaymentIfDue, payCloseAt } from './payment-close';
import { newRefund, requestRefund, type RefundReason } from './refunds';
import { releaseOrderStock } from './stock';

/**
 * pending_payment → cancelled, stock back, and its payment (if order.pay started one) closed now
 * or, within WeChat Pay's first 5 minutes, by the cron (payment-close.ts); null when another
 * writer changed the order first.
 */
export async function cancelUnpaid(
  db: Database,
  order: Order,
  actor: Actor,
  now: Date = new Date(),
  note = '',
): Promise<Order | null> {
  const closeAt = payCloseAt(order);
  const cancelled = await applyTransition(
    db,
    order,
    'cancelled',
    actor,
    {
      stockReleased: true,
      ...(closeAt === undefined ? {} : { payCloseAt: closeAt }),
      ...(note ? { cancelNote: note } : {}),
    },
    now,
  );
  if (!cancelled) return null;
  await releaseOrderStock(db, cancelled);
  await closePaymentIfDue(db, cancelled, now);
  return cancelled;
}

/** paid → refunding, stock back, refund requested; null when another writer came first. */
export async function cancelPaid(
  db: Database,
  order: Order,
  actor: Actor,
  reason: RefundReason,
  now: Date = new Date(),
  note = '',
): Promise<Order | null> {
  const paidFen = order.payment?.paidFen ?? order.amounts.totalFen;
  const refunding = await applyTransition(
    db,
    order,
    'refunding',
    actor,
    {
      stockReleased: true,
      refund: newRefund(order, reason, paidFen, now),
      ...(note ? { cancelNote: note } : {}),
    },
    now,
  );
  if (!refunding) return null;
  await releaseOrderStock(db, refunding);
  await requestRefund(db, refunding, now);
  return refunding;
}
