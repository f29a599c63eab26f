// The `cron` cloud function, fired every minute by its timer trigger (config.json): cancels
// unpaid orders past their expiry (stock back), closes payments of cancelled orders once WeChat
// Pay allows it, asks again for unconfirmed refunds, numbers paid orders whose payer died
// before numbering them, reports completed orders' shipping that WeChat has not taken yet and
// retries print jobs.
// How long an order may stay unpaid is set in server/config.ts (unpaidOrderTtlMinutes); it is
// stamped on each order as expiresAt when the order is created.

import { cloud, getDb } from '../../lib/cloud';
import { processMessageQueue } from '../../lib/notify';
import { refreshArticlesIfDue } from '../../lib/oa/articles';
import { expireUnpaidOrders, retryStaleRefunds } from '../../lib/orders/expiry';
import { closeDuePayments } from '../../lib/orders/payment-close';
import { numberForgottenPaidOrders } from '../../lib/orders/payment-result';
import { retryShippingReports } from '../../lib/orders/shipping';
import { retryPrintJobs } from '../../lib/printing/jobs';
import { expireIdleSessions } from '../../lib/tables/expiry';

const TIMER_SOURCE = 'wx_trigger';

export async function main(_event: unknown, _context?: unknown) {
  const { SOURCE } = cloud.getWXContext();
  // Clients and HTTP access always name themselves in SOURCE; only they are turned away.
  if (SOURCE && SOURCE !== TIMER_SOURCE) {
    return { ok: false, error: 'FORBIDDEN: cron only runs from its timer trigger' };
  }
  const db = getDb();
  const now = new Date();
  const expired = await expireUnpaidOrders(db, now);
  const paymentsClosed = await closeDuePayments(db, now);
  const refundsRetried = await retryStaleRefunds(db, now);
  const numbered = await numberForgottenPaidOrders(db, now);
  const shippingReported = await retryShippingReports(db, now);
  // Print jobs (issue 16): due resends, and sent tickets not yet confirmed printed.
  const printing = await retryPrintJobs(db, now.getTime());
  // Restaurant tables (issue 15): sessions idle longer than their store allows.
  const tablesExpired = await expireIdleSessions(db, now);
  // Notifications and articles (issue 7): each contains its own failures.
  const messages = await processMessageQueue(db, now.getTime());
  const articles = await refreshArticlesIfDue(db, now.getTime());
  return {
    ok: true,
    expired,
    paymentsClosed,
    refundsRetried,
    numbered,
    shippingReported,
    printing,
    tablesExpired,
    messages,
    articles,
  };
}
