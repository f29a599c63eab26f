// Reads orders and changes their status. Every status change goes through the domain status
// machine (`transition`) and is written conditionally on the status it was computed from, so of
// two concurrent changes exactly one wins and the other sees `null` and can re-read.

import type { Order } from '../../../miniprogram/domain/order';
import { transition, type Actor, type OrderStatus } from '../../../miniprogram/domain/order-status';
import type { Database } from '../cloud';
import { findById, findOne } from '../db';
import { replaceWhole, updatedCount } from './updates';
import { COLLECTIONS } from '../collections';

export function loadOrder(db: Database, orderId: string): Promise<Order | null> {
  return findById<Order>(db, COLLECTIONS.orders, orderId);
}

/** The caller's own order, or null: other customers' orders look exactly like missing ones. */
export function loadOwnOrder(db: Database, orderId: string, openid: string): Promise<Order | null> {
  return findOne<Order>(db, COLLECTIONS.orders, { _id: orderId, _openid: openid });
}

/**
 * Moves `order` to `to` for `actor`, setting `fields` in the same write. Throws
 * ILLEGAL_TRANSITION when the machine forbids it; returns null when another writer changed the
 * status first (nothing written), else the order as now stored.
 */
export async function applyTransition(
  db: Database,
  order: Order,
  to: OrderStatus,
  actor: Actor,
  fields: Partial<Order> = {},
  now: Date = new Date(),
): Promise<Order | null> {
  const { status, log } = transition(order, to, actor, now);
  const _ = db.command;
  const result = await db
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: order.status })
    .update({ data: { ...replaceWhole(_, fields), status, statusLog: _.push([log]) } });
  if (updatedCount(result) !== 1) return null;
  return { ...order, ...fields, status, statusLog: [...order.statusLog, log] };
}

/** Sets fields on an order only while it still has `status` (no status change). */
export async function updateWhileStatus(
  db: Database,
  orderId: string,
  status: OrderStatus,
  fields: Record<string, unknown>,
): Promise<boolean> {
  const result = await db
    .collection(COLLECTIONS.orders)
    .where({ _id: orderId, status })
    .update({ data: replaceWhole(db.command, fields) });
  return updatedCount(result) === 1;
}
