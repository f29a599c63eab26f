// Refunds: the order first moves to `refunding` (through the status machine, by whoever
// cancels), then WeChat Pay is asked under the order's stable refund number, and the refund
// result (its own callback) moves it to `refunded`. A refused or failed request stays recorded
// on the order and the cron asks again with the same number, which can never refund twice.

import type { Order, RefundRecord } from '../../../miniprogram/domain/order';
import { refundNumber } from '../../../miniprogram/domain/order-number';
import type { Actor } from '../../../miniprogram/domain/order-status';
import type { Database } from '../cloud';
import { applyTransition, loadOrder, updateWhileStatus } from './order-store';
import { deliverQueuedForOrder } from '../notify';
import { queueCustomerMessage } from './messages';
import { failureText, refund, succeeded } from './pay';

export type RefundReason = 'customer_cancel' | 'late_payment' | 'staff_reject' | 'staff_refund';

/** Refunds staff started are announced to the customer when the money is back. */
const ANNOUNCED_REASONS: readonly string[] = ['staff_reject', 'staff_refund'];

/** The refund record set in the same write that moves an order to `refunding`. */
export function newRefund(
  order: Order,
  reason: RefundReason,
  paidFen: number,
  now: Date,
): RefundRecord {
  return {
    outRefundNo: refundNumber(order.orderNo),
    refundFen: paidFen,
    reason,
    requestedAt: now.getTime(),
  };
}

/** Asks WeChat Pay to refund an order that is in `refunding`; records the answer on it. */
export async function requestRefund(db: Database, order: Order): Promise<void> {
  if (order.status !== 'refunding' || !order.refund) return;
  let error: string | null = null;
  let refundId: string | undefined;
  try {
    const answer = await refund(order, order.refund.refundFen);
    if (succeeded(answer)) refundId = String(answer.refundId ?? '');
    else error = failureText(answer);
  } catch (thrown) {
    error = String((thrown as Error)?.message ?? thrown);
  }
  if (error) console.error(`[refund] ${order.orderNo}: ${error}`);
  // Nested fields merge; the result callback may already have moved the order on, then no-op.
  await updateWhileStatus(db, order._id, 'refunding', {
    refund: error ? { ...order.refund, error } : { ...order.refund, refundId, error: '' },
  });
}

export interface RefundResult {
  outTradeNo: string;
  outRefundNo: string;
  refundId: string;
  refundStatus: string;
}

const REFUND_CALLBACK: Actor = { role: 'system', id: 'payNotify' };

/** Applies a refund result callback: refunding → refunded once, whatever the replays. */
export async function applyRefundResult(
  db: Database,
  result: RefundResult,
  now: Date = new Date(),
): Promise<'refunded' | 'duplicate' | 'failed' | 'unknown_order'> {
  const order = await loadOrder(db, result.outTradeNo);
  if (!order || !order.refund || order.refund.outRefundNo !== result.outRefundNo) {
    return 'unknown_order';
  }
  if (result.refundStatus !== 'SUCCESS') {
    await updateWhileStatus(db, order._id, 'refunding', {
      refund: { ...order.refund, error: `refund ${result.refundStatus}` },
    });
    return 'failed';
  }
  if (order.status !== 'refunding') return 'duplicate';
  const done = await applyTransition(
    db,
    order,
    'refunded',
    REFUND_CALLBACK,
    {
      refund: { ...order.refund, refundId: result.refundId, error: '', completedAt: now.getTime() },
    },
    now,
  );
  if (!done) return 'duplicate';
  if (ANNOUNCED_REASONS.includes(order.refund.reason)) {
    await queueCustomerMessage(db, 'order_refunded', order, now);
    await deliverQueuedForOrder(db, order._id, now.getTime()); // never throws; cron retries
  }
  return 'refunded';
}
