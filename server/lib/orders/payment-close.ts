// Closing the WeChat Pay payment of a cancelled order (cloudPay.closeOrder), so a customer can no
// longer pay an order that was cancelled or expired. WeChat Pay refuses closeOrder sooner than 5
// minutes after the payment was created, so the cancel that wins the order (cancelUnpaid) marks it
// with `payCloseAt` and closes it at once when allowed; otherwise the cron closes it once due.
// A payment that lands before that is refunded by payNotify (late payment).

import type { Order } from '../../../miniprogram/domain/order';
import type { Database } from '../cloud';
import { fetchDocs } from '../db';
import { closeOrder, failureText, succeeded } from './pay';
import { COLLECTIONS } from '../collections';

/** WeChat Pay: "订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟". */
const CLOSE_ORDER_AFTER_MS = 5 * 60_000;
/** Per cron run; each is one WeChat Pay call. */
const BATCH = 20;

/** The `payCloseAt` a cancel sets: only orders whose payment order.pay started have one. */
export function payCloseAt(order: Order): number | undefined {
  return order.payStartedAt === undefined ? undefined : order.payStartedAt + CLOSE_ORDER_AFTER_MS;
}

/**
 * Closes the payment of a cancelled order if its `payCloseAt` is due; true when WeChat Pay closed
 * it. Never throws. The mark goes once the payment is closed or the order's expiresAt has passed
 * (the payment then expired with it: time_expire); until then a failure is tried again by the
 * cron.
 */
export async function closePaymentIfDue(db: Database, order: Order, now: Date): Promise<boolean> {
  if (order.payCloseAt === undefined || order.payCloseAt > now.getTime()) return false;
  let closed = false;
  try {
    const answer = await closeOrder(order.orderNo);
    closed = succeeded(answer);
    if (!closed) console.warn(`[pay] closeOrder ${order.orderNo}: ${failureText(answer)}`);
  } catch (error) {
    console.warn(`[pay] closeOrder ${order.orderNo} failed`, error);
  }
  if (closed || now.getTime() >= order.expiresAt) {
    try {
      await db
        .collection(COLLECTIONS.orders)
        .doc(order._id)
        .update({ data: { payCloseAt: db.command.remove() } });
    } catch (error) {
      console.warn(`[pay] could not clear payCloseAt of ${order.orderNo}`, error);
    }
  }
  return closed;
}

/** The cron's part: payments of cancelled orders that may now be closed. */
export async function closeDuePayments(db: Database, now: Date = new Date()): Promise<number> {
  const _ = db.command;
  const due = await fetchDocs<Order>(
    db
      .collection(COLLECTIONS.orders)
      .where({ status: 'cancelled', payCloseAt: _.lte(now.getTime()) })
      .orderBy('payCloseAt', 'asc')
      .limit(BATCH),
  );
  let closed = 0;
  for (const order of due) if (await closePaymentIfDue(db, order, now)) closed += 1;
  return closed;
}
