// The table's shared cart (issue 15): the phones at one table add to one cart, each line saying
// who added it, and any of them may take a line out. Lines are priced before they are added.

import { DomainError } from '../../../miniprogram/domain/errors';
import type { OrderLineInput } from '../../../miniprogram/domain/order';
import {
  LIVE_SESSION_STATUSES,
  type CartLine,
  type TableSession,
} from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { updatedCount } from '../orders/updates';
import { COLLECTIONS } from '../collections';
import { lineInput, priceLines } from './pricing';
import {
  busy,
  ended,
  isLive,
  loadMemberSession,
  newId,
  writeSession,
  WRITE_ATTEMPTS,
} from './store';

const MAX_CART_LINES = 50;

/** table.cart.add: one atomic push, so lines added at the same moment by other phones stay. */
export async function addCartLine(
  db: Database,
  sessionId: string,
  openid: string,
  line: OrderLineInput,
  now: Date = new Date(),
): Promise<TableSession> {
  const session = await loadMemberSession(db, sessionId, openid);
  if (!isLive(session)) throw ended(session);
  if (session.cart.length >= MAX_CART_LINES) {
    throw new DomainError('INVALID_AMOUNT', `购物车最多 ${MAX_CART_LINES} 行，请先下单`);
  }
  await priceLines(db, session, [lineInput(line)], now); // NOT_FOUND, SOLD_OUT, … before writing
  const cartLine: CartLine = {
    ...lineInput(line),
    lineId: newId('l'),
    by: openid,
    addedAt: now.getTime(),
  };
  const _ = db.command;
  const result = await db
    .collection(COLLECTIONS.tableSessions)
    .where({ _id: sessionId, status: _.in([...LIVE_SESSION_STATUSES]), 'members.openid': openid })
    .update({
      data: { cart: _.push([cartLine]), version: _.inc(1), lastActivityAt: now.getTime() },
    });
  const after = await loadMemberSession(db, sessionId, openid);
  if (updatedCount(result) !== 1) throw ended(after);
  return after;
}

/** table.cart.remove: any diner of the table may take a line out of the shared cart. */
export async function removeCartLine(
  db: Database,
  sessionId: string,
  openid: string,
  lineId: string,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const session = await loadMemberSession(db, sessionId, openid);
    if (!isLive(session)) throw ended(session);
    if (!session.cart.some((line) => line.lineId === lineId)) {
      throw new DomainError('NOT_FOUND', `购物车中没有这一项 (line "${lineId}")`);
    }
    const cart = session.cart.filter((line) => line.lineId !== lineId);
    const written = await writeSession(db, session, { cart }, undefined, now);
    if (written) return written;
  }
  throw busy();
}
