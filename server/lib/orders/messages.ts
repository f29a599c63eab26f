// Notifications are queued as documents; the sender (issue 7) delivers and retries them.

import type { Database } from '../cloud';
import { COLLECTIONS } from '../collections';

type MessageKind = 'order_paid';

export async function queueStaffMessage(
  db: Database,
  kind: MessageKind,
  order: { _id: string; storeId: string },
  now: Date = new Date(),
): Promise<void> {
  await db.collection(COLLECTIONS.messages).add({
    data: {
      kind,
      to: 'staff',
      storeId: order.storeId,
      orderId: order._id,
      status: 'queued',
      attempts: 0,
      createdAt: now.getTime(),
    },
  });
}

/** What staff actions tell the customer; the sender (issue 7) delivers these too. */
export type CustomerMessageKind = 'order_accepted' | 'order_ready' | 'order_refunded';

export async function queueCustomerMessage(
  db: Database,
  kind: CustomerMessageKind,
  order: { _id: string; storeId: string; _openid: string },
  now: Date = new Date(),
): Promise<void> {
  await db.collection(COLLECTIONS.messages).add({
    data: {
      kind,
      to: 'customer',
      openid: order._openid,
      storeId: order.storeId,
      orderId: order._id,
      status: 'queued',
      attempts: 0,
      createdAt: now.getTime(),
    },
  });
}
