// The cron's work on orders: cancel unpaid orders past their expiry (stock back), and ask again
// for refunds that WeChat Pay has not confirmed. Both are safe to run concurrently with payments
// and with themselves: every change is conditional on the status it starts from.

import type { Order } from '../../../miniprogram/domain/order';
import type { Actor } from '../../../miniprogram/domain/order-status';
import { REFUND_RETRY_AFTER_MINUTES } from '../../config';
import type { Database } from '../cloud';
import { fetchDocs } from '../db';
import { cancelUnpaid } from './cancel';
import { ORDER_COLLECTIONS } from './collections';
import { requestRefund } from './refunds';

const CRON: Actor = { role: 'system', id: 'cron' };
/** Per run; a backlog is worked off over the following runs. */
const BATCH = 100;

export async function expireUnpaidOrders(db: Database, now: Date = new Date()): Promise<number> {
  const _ = db.command;
  const due = await fetchDocs<Order>(
    db
      .collection(ORDER_COLLECTIONS.orders)
      .where({ status: 'pending_payment', expiresAt: _.lte(now.getTime()) })
      .limit(BATCH),
  );
  let expired = 0;
  for (const order of due) {
    // Lost races (paid or cancelled meanwhile) simply do not count.
    if (await cancelUnpaid(db, order, CRON, now)) expired += 1;
  }
  return expired;
}

export async function retryStaleRefunds(db: Database, now: Date = new Date()): Promise<number> {
  const _ = db.command;
  const stale = await fetchDocs<Order>(
    db
      .collection(ORDER_COLLECTIONS.orders)
      .where({
        status: 'refunding',
        'refund.requestedAt': _.lte(now.getTime() - REFUND_RETRY_AFTER_MINUTES * 60_000),
      })
      .limit(BATCH),
  );
  for (const order of stale) await requestRefund(db, order);
  return stale.length;
}
