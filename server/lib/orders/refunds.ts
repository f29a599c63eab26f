// Refunds: the order first moves to `refunding` (through the status machine, by whoever
// cancels), then WeChat Pay is asked under the order's stable refund number, and the refund
// result (its own callback) moves it to `refunded`. A refused or failed request stays recorded
// on the order and the cron asks again with the same number, which can never refund twice.
// Every attempt is counted and pushes `refund.retryAt` back (exponential backoff), so a refund
// that keeps failing is asked for less and less often and cannot starve newer ones.

import type { Order, RefundRecord } from '../../../miniprogram/domain/order';
import { refundNumber } from '../../../miniprogram/domain/order-number';
import type { Actor } from '../../../miniprogram/domain/order-status';
import { REFUND_RETRY_AFTER_MINUTES } from '../../config';
import type { Database } from '../cloud';
import { applyTransition, loadOrder, updateWhileStatus } from './order-store';
import { deliverQueuedForOrder } from '../notify';
import { queueCustomerMessage } from './messages';
import { failureText, refund, succeeded } from './pay';

export type RefundReason = 'customer_cancel' | 'late_payment' | 'staff_reject' | 'staff_refund';

/** Refunds staff started are announced to the customer when the money is back. */
const ANNOUNCED_REASONS: readonly string[] = ['staff_reject', 'staff_refund'];

/** Longest wait between two requests for the same refund. */
const MAX_RETRY_DELAY_MS = 6 * 3_600_000;

/** After the nth attempt (n ≥ 1): 5, 10, 20, 40 … minutes, at most 6 hours. */
export function refundRetryDelayMs(attempts: number): number {
  const base = REFUND_RETRY_AFTER_MINUTES * 60_000;
  return Math.min(base * 2 ** Math.max(0, Math.min(attempts - 1, 20)), MAX_RETRY_DELAY_MS);
}

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
    attempts: 0,
    // Lets the cron pick it up if the function dies before its first request.
    retryAt: now.getTime() + refundRetryDelayMs(1),
  };
}

/**
 * Asks WeChat Pay to refund an order that is in `refunding`; records the answer, the attempt and
 * the next due time on it in one write (conditional on the status).
 */
export async function requestRefund(
  db: Database,
  order: Order,
  now: Date = new Date(),
): Promise<void> {
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
  // Even an accepted request is re-asked (same refund number, never twice the money) if its
  // result callback never comes, so success schedules the next check too.
  const attempts = (order.refund.attempts ?? 0) + 1;
  // Only this attempt's fields: a result callback that wrote refund.error meanwhile keeps it
  // unless this attempt has news. If the callback already moved the order on, nothing is written.
  await updateWhileStatus(db, order._id, 'refunding', {
    'refund.attempts': attempts,
    'refund.retryAt': now.getTime() + refundRetryDelayMs(attempts),
    ...(error
      ? { 'refund.error': error }
      : { 'refund.error': '', 'refund.refundId': refundId ?? '' }),
  });
}

interface RefundResult {
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
      'refund.error': `refund ${result.refundStatus}`,
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
