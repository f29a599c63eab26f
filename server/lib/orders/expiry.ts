// The cron's work on orders: cancel unpaid orders past their expiry (stock back, payment closed
// through cancelUnpaid) unless WeChat Pay reports them paid, and ask again for refunds that
// WeChat Pay has not confirmed. Both are safe to run concurrently with payments and with
// themselves: every change is conditional on the status it starts from.

import type { Order } from '../../../miniprogram/domain/order';
import type { Actor } from '../../../miniprogram/domain/order-status';
import { REFUND_RETRY_AFTER_MINUTES } from '../../config';
import type { Database } from '../cloud';
import { fetchDocs } from '../db';
import { cancelUnpaid } from './cancel';
import { requestRefund } from './refunds';
import type { PaymentOutcome } from './payment-result';
import { syncPayment } from './sync';
import { COLLECTIONS } from '../collections';

const CRON: Actor = { role: 'system', id: 'cron' };
/** Per run; a backlog is worked off over the following runs. */
const BATCH = 100;

/** Expiry asks WeChat Pay per order; past this, the rest waits for the next run (20 s timeout). */
const EXPIRY_BUDGET_MS = 8_000;

export async function expireUnpaidOrders(db: Database, now: Date = new Date()): Promise<number> {
  const started = Date.now();
  const _ = db.command;
  const due = await fetchDocs<Order>(
    db
      .collection(COLLECTIONS.orders)
      .where({ status: 'pending_payment', expiresAt: _.lte(now.getTime()) })
      .limit(BATCH),
  );
  let expired = 0;
  for (const order of due) {
    if (Date.now() - started > EXPIRY_BUDGET_MS) break; // refunds and messages must run too
    const reported = await askWeChatPay(db, order);
    // Paid in time but its callback has not arrived (yet, or ever): the order stands.
    if (KEPT.includes(reported)) continue;
    // Lost races (paid or cancelled meanwhile) simply do not count.
    const cancelled = await cancelUnpaid(db, order, CRON, now);
    if (!cancelled) continue;
    expired += 1;
    // A payment that did not match the order: now that it is cancelled, it is refunded.
    if (reported === 'amount_mismatch') await askWeChatPay(db, cancelled);
  }
  return expired;
}

/** What WeChat Pay's answer did to the order: these keep it from expiring. */
const KEPT: ReadonlyArray<PaymentOutcome | 'not_paid'> = [
  'paid',
  'duplicate',
  'late_payment_refunded',
];

/**
 * Asks WeChat Pay about an order before giving up on it, applying what it reports (a payment
 * whose callback was lost makes the order paid; one that does not match is flagged).
 */
async function askWeChatPay(db: Database, order: Order): Promise<PaymentOutcome | 'not_paid'> {
  try {
    return await syncPayment(db, order);
  } catch (error) {
    console.warn(`[expiry] queryOrder ${order.orderNo} failed; expiring it`, error);
    return 'not_paid';
  }
}

/**
 * Asks again for refunds whose `refund.retryAt` is due, the longest-waiting first, so a batch
 * full of refunds that keep failing (each attempt pushes its retryAt back) cannot starve newer
 * ones. Refunds recorded before retryAt existed are due 5 minutes after their request.
 */
export async function retryStaleRefunds(db: Database, now: Date = new Date()): Promise<number> {
  const _ = db.command;
  const stale = await fetchDocs<Order>(
    db
      .collection(COLLECTIONS.orders)
      .where(
        _.and([
          { status: 'refunding' },
          _.or([
            { 'refund.retryAt': _.lte(now.getTime()) },
            {
              'refund.retryAt': _.exists(false),
              'refund.requestedAt': _.lte(now.getTime() - REFUND_RETRY_AFTER_MINUTES * 60_000),
            },
          ]),
        ]),
      )
      .orderBy('refund.retryAt', 'asc')
      .limit(BATCH),
  );
  for (const order of stale) await requestRefund(db, order, now);
  return stale.length;
}
