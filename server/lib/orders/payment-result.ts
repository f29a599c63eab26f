// Applies "this order was paid" — from the pay callback or from an active queryOrder — through
// one path, so both are idempotent in the same way: only the writer that wins the conditional
// pending → paid update numbers the order and queues the staff notification (a cron sweep
// finishes that work should the writer die half-way); a payment for an order that was already
// cancelled (expired) is refunded automatically; a wrong amount pays nothing and is flagged.

import type { Order } from '../../../miniprogram/domain/order';
import {
  IN_PROGRESS_STATUSES,
  transition,
  type Actor,
} from '../../../miniprogram/domain/order-status';
import { paySubMchId } from '../../config';
import type { Database } from '../cloud';
import { fetchDocs, updateAndReturn } from '../db';
import { deliverQueuedMessage } from '../notify';
import { queueStaffMessage } from './messages';
import { applyTransition, loadOrder, updateWhileStatus } from './order-store';
import { replaceWhole } from './updates';
import { queueOrderJobs } from '../printing/jobs';
import { assignPickupNumber } from './pickup-counter';
import { newRefund, requestRefund } from './refunds';
import { COLLECTIONS } from '../collections';
import { settleTableBill } from '../tables/settle';

interface PaymentReport {
  outTradeNo: string;
  totalFee: number;
  transactionId: string;
  /** The merchant the payment went to, when the report names it. */
  subMchId?: string;
  via: 'callback' | 'query';
  /** The callback or query answer as received, kept with flags and in `payments`. */
  raw: Record<string, unknown>;
}

export type PaymentOutcome =
  | 'paid'
  | 'duplicate'
  | 'amount_mismatch'
  | 'merchant_mismatch'
  | 'late_payment_refunded'
  | 'unknown_order';

// Two concurrent writers can each lose once (e.g. expiry then payment); three reads settle it.
const MAX_ATTEMPTS = 3;

function actorFor(report: PaymentReport): Actor {
  return { role: 'system', id: report.via === 'callback' ? 'payNotify' : 'order.sync' };
}

async function flag(
  db: Database,
  order: Order,
  kind: 'amount_mismatch' | 'merchant_mismatch',
  report: PaymentReport,
): Promise<void> {
  await updateWhileStatus(db, order._id, order.status, {
    payment: { ...order.payment, flag: kind, flaggedCallback: report.raw },
  });
  console.error(`[pay] ${order.orderNo} flagged ${kind}`, report.raw);
}

/** Only the writer that moved the order to paid (or the cron's sweep) comes here. */
async function numberAndTellStaff(db: Database, paid: Order, now: Date): Promise<boolean> {
  // A table's bill (先吃后付, issue 15): the rounds were sent to the kitchen already; the session
  // is settled instead (no pickup number, no new-order message or tickets).
  if (paid.tableSessionId) {
    await settleTableBill(db, paid, now);
    return true;
  }
  const numbered = paid.pickupNo ? paid : await assignPickupNumber(db, paid, now);
  if (!numbered) return false; // refunded (or numbered by the sweep) meanwhile: staff need not hear
  const message = await queueStaffMessage(
    db,
    'order_paid',
    { storeId: numbered.storeId, orderId: numbered._id },
    now,
  );
  await Promise.all([
    // Kitchen tickets and the receipt, when the store prints on payment (never throws; issue 16).
    queueOrderJobs(db, numbered, 'paid', now.getTime()),
    // Staff hear of the order now rather than at the next cron run; never throws.
    deliverQueuedMessage(db, message, numbered, now.getTime()),
  ]);
  return true;
}

/**
 * The usual report in one operation: the order, still pending and for exactly the amount paid,
 * moves to paid, and the write answers it as now stored. Null when that is not the case (or the
 * SDK cannot answer a write with the document): applyOnce then reads the order and decides.
 */
async function payPendingOrder(
  db: Database,
  report: PaymentReport,
  now: Date,
): Promise<Order | null> {
  const update = updateAndReturn(db);
  if (!update || !Number.isSafeInteger(report.totalFee)) return null;
  if (report.subMchId && report.subMchId !== paySubMchId()) return null;
  const from: Pick<Order, 'status'> = { status: 'pending_payment' };
  const { status, log } = transition(from, 'paid', actorFor(report), now);
  const payment = {
    transactionId: report.transactionId,
    paidFen: report.totalFee,
    paidAt: now.getTime(),
  };
  const _ = db.command;
  return update<Order>(
    COLLECTIONS.orders,
    { _id: report.outTradeNo, status: from.status, 'amounts.totalFen': report.totalFee },
    { ...replaceWhole(_, { payment }), status, statusLog: _.push([log]) },
  );
}

/** One attempt; null = lost a race, read again. */
async function applyOnce(
  db: Database,
  report: PaymentReport,
  now: Date,
): Promise<PaymentOutcome | null> {
  const order = await loadOrder(db, report.outTradeNo);
  if (!order) return 'unknown_order';
  if (report.subMchId && report.subMchId !== paySubMchId()) {
    await flag(db, order, 'merchant_mismatch', report);
    return 'merchant_mismatch';
  }
  const payment = {
    transactionId: report.transactionId,
    paidFen: report.totalFee,
    paidAt: now.getTime(),
  };
  if (order.status === 'pending_payment') {
    if (report.totalFee !== order.amounts.totalFen) {
      await flag(db, order, 'amount_mismatch', report);
      return 'amount_mismatch';
    }
    const paid = await applyTransition(db, order, 'paid', actorFor(report), { payment }, now);
    if (!paid) return null;
    await numberAndTellStaff(db, paid, now);
    return 'paid';
  }
  if (order.status === 'cancelled') {
    // Whatever arrived for an order that will not be made goes back, whatever the amount.
    const refund = newRefund(order, 'late_payment', report.totalFee, now);
    const refunding = await applyTransition(
      db,
      order,
      'refunding',
      actorFor(report),
      { payment, refund },
      now,
    );
    if (!refunding) return null;
    await requestRefund(db, refunding, now);
    return 'late_payment_refunded';
  }
  return 'duplicate';
}

export async function applyPayment(
  db: Database,
  report: PaymentReport,
  now: Date = new Date(),
): Promise<PaymentOutcome> {
  const paid = await payPendingOrder(db, report, now);
  if (paid) {
    await numberAndTellStaff(db, paid, now);
    return 'paid';
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const outcome = await applyOnce(db, report, now);
    if (outcome) return outcome;
  }
  return 'duplicate';
}

/** Keeps every payment report and what it did, for reconciliation ("payments" collection). */
export async function recordPaymentEvent(
  db: Database,
  entry: {
    kind: 'payment' | 'refund' | 'refused';
    outTradeNo: string;
    outcome: string;
    via: 'callback' | 'query';
    raw: unknown;
  },
  now: Date = new Date(),
): Promise<void> {
  try {
    await db.collection(COLLECTIONS.payments).add({
      data: { ...entry, receivedAt: now.getTime() },
    });
  } catch (error) {
    // The order is already right; a missing audit line must not make WeChat retry.
    console.error('[pay] could not record payment event', error);
  }
}

/** Paid longer ago than any function runs, still without a number: its payer failed half-way. */
const FORGOTTEN_AFTER_MS = 2 * 60_000;

/**
 * The cron's sweep for orders whose paying writer died between the payment and the number (a
 * transaction conflict on a busy counter, a timeout): numbers them — also those staff already
 * accepted — and tells staff of those still waiting to be accepted. Returns how many it numbered.
 */
export async function numberForgottenPaidOrders(db: Database, now: Date = new Date()) {
  const _ = db.command;
  const forgotten = await fetchDocs<Order>(
    db
      .collection(COLLECTIONS.orders)
      .where({
        status: _.in([...IN_PROGRESS_STATUSES]),
        pickupNo: '',
        'payment.paidAt': _.lte(now.getTime() - FORGOTTEN_AFTER_MS),
      })
      .limit(100),
  );
  let numbered = 0;
  for (const order of forgotten) {
    const done =
      order.status === 'paid'
        ? await numberAndTellStaff(db, order, now)
        : (await assignPickupNumber(db, order, now)) !== null;
    if (done) numbered += 1;
  }
  return numbered;
}
