// Staff moves on an order, all through the one status machine (applyTransition / cancelPaid),
// each logged with the staff member's openid and role (staff, manager or owner), then the
// customer is told (a queued message, delivered at once by server/lib/notify).

import { DomainError } from '../../../miniprogram/domain/errors';
import type { Order } from '../../../miniprogram/domain/order';
import type { Actor, OrderStatus } from '../../../miniprogram/domain/order-status';
import type { Database } from '../cloud';
import { deliverQueuedForOrder } from '../notify';
import { cancelPaid } from '../orders/cancel';
import { queueCustomerMessage, type CustomerMessageKind } from '../orders/messages';
import { applyTransition, loadOrder } from '../orders/order-store';
import { newShipping, reportShipping } from '../orders/shipping';
import { queueOrderJobs } from '../printing/jobs';

/** The store's order, or NOT_FOUND: another store's order looks exactly like a missing one. */
async function storeOrder(db: Database, storeId: string, orderId: string): Promise<Order> {
  const order = await loadOrder(db, orderId);
  if (!order || order.storeId !== storeId) {
    throw new DomainError('NOT_FOUND', `订单不存在 (order "${orderId}")`);
  }
  return order;
}

const NOTICE_OF: Partial<Record<OrderStatus, CustomerMessageKind>> = {
  accepted: 'order_accepted',
  ready: 'order_ready',
};

// The customer (cancel), the pay callback or another staff member may change the order
// between our read and our write; re-read and let the status machine decide again.
const ATTEMPTS = 3;

async function retrying(
  db: Database,
  storeId: string,
  orderId: string,
  move: (order: Order) => Promise<Order | null>,
): Promise<Order> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const moved = await move(await storeOrder(db, storeId, orderId));
    if (moved) return moved;
  }
  throw new DomainError('INTERNAL', '订单状态正在变化，请稍后重试');
}

/**
 * paid → accepted, accepted → ready, ready → completed; the customer hears of the first two, and
 * a completed order's shipping is reported to WeChat Pay (server/lib/orders/shipping.ts).
 */
export async function advanceOrder(
  db: Database,
  target: { storeId: string; orderId: string },
  to: 'accepted' | 'ready' | 'completed',
  actor: Actor,
  now: Date = new Date(),
): Promise<Order> {
  const moved = await retrying(db, target.storeId, target.orderId, (order) =>
    applyTransition(
      db,
      order,
      to,
      actor,
      to === 'completed' ? { shipping: newShipping(order, now) } : {},
      now,
    ),
  );
  const notice = NOTICE_OF[to];
  if (notice) {
    await queueCustomerMessage(db, notice, moved, now);
    // Sent at once (never throws); whatever fails is retried by the cron.
    await deliverQueuedForOrder(db, moved._id, now.getTime());
  }
  // WeChat Pay shipping information, reported at once (never throws); the cron retries.
  if (to === 'completed') await reportShipping(db, moved, now);
  // Stores that print on accept get their tickets now (never throws; issue 16).
  if (to === 'accepted') await queueOrderJobs(db, moved, 'accepted', now.getTime());
  return moved;
}

/**
 * Reject (paid) or refund (accepted / ready): → refunding, stock back, the whole paid amount
 * refunded through the same code as a customer's cancel. `from` guards which button was meant.
 */
export async function refundOrder(
  db: Database,
  target: { storeId: string; orderId: string; reason?: string },
  kind: 'reject' | 'refund',
  actor: Actor,
  now: Date = new Date(),
): Promise<Order> {
  return retrying(db, target.storeId, target.orderId, async (order) => {
    const allowed: OrderStatus[] = kind === 'reject' ? ['paid'] : ['accepted', 'ready'];
    if (!allowed.includes(order.status)) {
      const what = kind === 'reject' ? '拒单只适用于待接单的订单' : '退款只适用于已接单的订单';
      throw new DomainError('ILLEGAL_TRANSITION', `${what} (order is ${order.status})`);
    }
    const reason = kind === 'reject' ? 'staff_reject' : 'staff_refund';
    return cancelPaid(db, order, actor, reason, now, target.reason?.trim() ?? '');
  });
}
