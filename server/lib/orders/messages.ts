// Notifications are queued as documents; the sender (issue 7) delivers and retries them.

import type { Database } from '../cloud';
import { COLLECTIONS } from '../collections';

/** What staff are told: a paid order, a ticket that did not print, a table's round or idle end. */
type StaffMessageKind = 'order_paid' | 'print_failed' | 'table_round' | 'table_expired';

/** What the message is about: an order (or a table's key), and for some kinds more. */
interface StaffMessageAbout {
  storeId: string;
  orderId: string;
  jobId?: string;
  sessionId?: string;
  roundId?: string;
}

/** Queues the message; returns it as stored, so the caller can deliver it without reading it. */
export async function queueStaffMessage(
  db: Database,
  kind: StaffMessageKind,
  about: StaffMessageAbout,
  now: Date = new Date(),
) {
  const data = {
    kind,
    to: 'staff' as const,
    ...about,
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
