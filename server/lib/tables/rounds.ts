// Rounds sent to the kitchen (加菜, issue 15): the shared cart sent by a diner, or a round staff
// enter for a diner; priced by the server, its limited stock held, added to the bill, and staff
// told (messages.ts). A round sent while the bill is being paid withdraws the bill first.

import { DomainError } from '../../../miniprogram/domain/errors';
import type { OrderLineInput } from '../../../miniprogram/domain/order';
import { stockHolds } from '../../../miniprogram/domain/order-pricing';
import type { Round, RoundLine, TableSession } from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { releaseStock, reserveStock } from '../orders/stock';
import { withdrawBill } from './bill';
import { tellStaffOfRound } from './messages';
import { lineInput, priceLines } from './pricing';
import {
  busy,
  ended,
  loadMemberSession,
  loadStoreSession,
  newId,
  writeSession,
  WRITE_ATTEMPTS,
  type TableActor,
} from './store';

type RoundSource = { kind: 'cart'; openid: string } | { kind: 'staff'; lines: OrderLineInput[] };

/**
 * 下单 (the shared cart) or a staff round: priced by the server, its limited stock held, added
 * to the bill; the cart empties for everyone in the same conditional write.
 */
export async function sendRound(
  db: Database,
  load: () => Promise<TableSession>,
  actor: TableActor,
  source: RoundSource,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    let session = await load();
    if (session.status === 'paying') {
      const reopened = await withdrawBill(db, session, actor, now);
      if (!reopened) continue;
      session = reopened;
    }
    if (session.status !== 'open') throw ended(session);
    const cart = source.kind === 'cart' ? session.cart : null;
    const inputs = cart ? cart.map(lineInput) : source.kind === 'staff' ? source.lines : [];
    if (inputs.length === 0) throw new DomainError('INVALID_INPUT', '购物车是空的');
    const priced = await priceLines(db, session, inputs, now);
    const holds = stockHolds(priced.lines, priced.goods);
    const names = new Map(priced.goods.map((goods) => [goods._id, goods.name]));
    await reserveStock(db, holds, names);
    const limited = new Set(priced.goods.filter((g) => g.stock !== null).map((g) => g._id));
    const members = session.members;
    const lines: RoundLine[] = priced.lines.map((line, i) => {
      const by = cart ? cart[i].by : actor.id;
      const seat = members.findIndex((member) => member.openid === by) + 1;
      return {
        ...line,
        lineId: cart ? cart[i].lineId : newId('l'),
        by,
        seat,
        status: 'sent',
        stockHeld: limited.has(line.goodsId) ? line.qty : 0,
      };
    });
    const round: Round = {
      roundId: newId('r'),
      no: session.rounds.length + 1,
      sentBy: actor.id,
      sentByRole: actor.role,
      sentAt: now.getTime(),
      lines,
    };
    const fields: Partial<TableSession> = { rounds: [...session.rounds, round] };
    if (cart) fields.cart = [];
    const written = await writeSession(db, session, fields, undefined, now);
    if (written) {
      await tellStaffOfRound(db, written, round, now);
      return written;
    }
    await releaseStock(db, holds); // someone changed the table meanwhile: again, from a fresh read
  }
  throw busy();
}

/** How sendRound reads the session: as staff of its store, or as one of its diners. */
export function staffLoader(db: Database, storeId: string, sessionId: string) {
  return () => loadStoreSession(db, storeId, sessionId);
}

export function memberLoader(db: Database, sessionId: string, openid: string) {
  return () => loadMemberSession(db, sessionId, openid);
}
