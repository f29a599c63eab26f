// Notifications are queued as documents; the sender (issue 7) delivers and retries them.

import type { Database } from '../cloud';
import { COLLECTIONS } from '../collections';

type MessageKind = 'order_paid';

/** Queues the message; returns it as stored, so the caller can deliver it without reading it. */
export async function queueStaffMessage(
  db: Database,
  kind: MessageKind,
  order: { _id: string; storeId: string },
  now: Date = new Date(),
) {
  const data = {
    kind,
    to: 'staff' as const,
    storeId: order.storeId,
    orderId: order._id,
    status: 'queued' as const,
    attempts: 0,
    createdAt: now.getTime(),
  };
  const { _id } = (await db.collection(COLLECTIONS.messages).add({ data })) as { _id: string };
  return { _id: String(_id), ...data };
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
