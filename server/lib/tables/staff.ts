// What staff do to a table's session (issue 15): take back a line, mark a round made (出品),
// move the table, settle it at the counter, close it. The 桌台 view is board.ts.

import { DomainError } from '../../../miniprogram/domain/errors';
import { billFen, type Settlement, type TableSession } from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { releaseStock } from '../orders/stock';
import { cancelOpenBills, withdrawBill } from './bill';
import { printCancelledLine } from './messages';
import { claimSlot, currentSession, loadTable } from './slots';
import {
  busy,
  ended,
  isLive,
  loadStoreSession,
  writeSession,
  WRITE_ATTEMPTS,
  type TableActor,
} from './store';

/** staff.table.cancelLine: a sent line not yet made comes off the bill; its stock goes back. */
export async function cancelLine(
  db: Database,
  storeId: string,
  sessionId: string,
  lineId: string,
  actor: TableActor,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    let session = await loadStoreSession(db, storeId, sessionId);
    const round = session.rounds.find((r) => r.lines.some((l) => l.lineId === lineId));
    const line = round?.lines.find((l) => l.lineId === lineId);
    if (!round || !line) throw new DomainError('NOT_FOUND', `没有这道菜 (line "${lineId}")`);
    if (line.status !== 'sent') throw new DomainError('ILLEGAL_TRANSITION', '这道菜已取消');
    const made = Boolean(round.madeAt);
    if (made && actor.role === 'staff') {
      throw new DomainError('FORBIDDEN', '已出品的菜退菜需要店长权限 (made: needs manager)');
    }
    if (session.status === 'paying') {
      const reopened = await withdrawBill(db, session, actor, now);
      if (!reopened) continue;
      session = reopened;
    }
    if (session.status !== 'open') throw ended(session);
    const rounds = session.rounds.map((round) => ({
      ...round,
      lines: round.lines.map((l) =>
        l.lineId === lineId && l.status === 'sent'
          ? {
              ...l,
              status: 'cancelled' as const,
              cancelledBy: actor.id,
              cancelledAt: now.getTime(),
            }
          : l,
      ),
    }));
    const written = await writeSession(db, session, { rounds }, undefined, now);
    if (!written) continue;
    // Made food is not back on the shelf: only a line not yet made gives its stock back, and
    // the kitchen, which has its ticket, is told not to make it.
    if (!made) {
      if (line.stockHeld > 0) {
        await releaseStock(db, [{ goodsId: line.goodsId, qty: line.stockHeld }]);
      }
      await printCancelledLine(db, written, round, line, now);
    }
    return written;
  }
  throw busy();
}

/** staff.table.made (出品): a round is made; its lines are then a manager's to cancel. */
export async function markRoundMade(
  db: Database,
  storeId: string,
  sessionId: string,
  roundId: string,
  actor: TableActor,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const session = await loadStoreSession(db, storeId, sessionId);
    const round = session.rounds.find((r) => r.roundId === roundId);
    if (!round) throw new DomainError('NOT_FOUND', `没有这一轮 (round "${roundId}")`);
    if (round.madeAt) return session;
    if (session.status === 'closed' || session.status === 'expired') throw ended(session);
    const rounds = session.rounds.map((r) =>
      r.roundId === roundId ? { ...r, madeAt: now.getTime(), madeBy: actor.id } : r,
    );
    const written = await writeSession(db, session, { rounds }, undefined, now);
    if (written) return written;
  }
  throw busy();
}

/** staff.table.move: the session (and its bill) to a free table of the same store. */
export async function moveSession(
  db: Database,
  storeId: string,
  sessionId: string,
  toTableNo: string,
  actor: TableActor,
  now: Date = new Date(),
): Promise<TableSession> {
  await loadTable(db, storeId, toTableNo);
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    let session = await loadStoreSession(db, storeId, sessionId);
    if (!isLive(session)) throw ended(session);
    if (session.tableNo === toTableNo) throw new DomainError('INVALID_INPUT', '已在这张桌');
    const target = await currentSession(db, storeId, toTableNo);
    if (target.session) throw new DomainError('ILLEGAL_TRANSITION', `${toTableNo} 桌有人在用餐`);
    if (session.status === 'paying') {
      // The bill names the table: it is made again at the new one.
      const reopened = await withdrawBill(db, session, actor, now);
      if (!reopened) continue;
      session = reopened;
    }
    const entry = {
      from: session.status,
      to: session.status,
      by: actor.id,
      role: actor.role,
      at: now.getTime(),
      note: `换桌 ${session.tableNo} → ${toTableNo}`,
    };
    // The session names its new table before the table's slot names the session, so a phone
    // scanning there meanwhile never finds a slot pointing at a session of another table.
    const moved = await writeSession(
      db,
      session,
      { tableNo: toTableNo, statusLog: [...session.statusLog, entry] },
      undefined,
      now,
    );
    if (!moved) continue;
    if (await claimSlot(db, storeId, toTableNo, target.slot, sessionId, now.getTime())) {
      return moved;
    }
    // Someone sat down there first: the session goes back to its table.
    await writeSession(
      db,
      moved,
      { tableNo: session.tableNo, statusLog: session.statusLog },
      undefined,
      now,
    );
    throw new DomainError('ILLEGAL_TRANSITION', `${toTableNo} 桌有人在用餐`);
  }
  throw busy();
}

/** staff.table.markPaid: settled at the counter (cash, card, other) — who and when kept. */
export async function markPaid(
  db: Database,
  storeId: string,
  sessionId: string,
  method: 'cash' | 'card' | 'other',
  note: string,
  actor: TableActor,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const session = await loadStoreSession(db, storeId, sessionId);
    if (!isLive(session)) throw ended(session);
    const fen = billFen(session.rounds);
    if (fen < 1) throw new DomainError('ILLEGAL_TRANSITION', '没有待结的菜品 (nothing to pay)');
    // Open WeChat Pay bills are withdrawn first (a payment that still lands is refunded); AA
    // shares already paid stay paid and the counter takes the rest.
    if (session.status === 'paying') {
      if (!(await cancelOpenBills(db, session, actor, now, '柜台结账', true))) continue;
    }
    const sharesPaid = (session.split?.shares ?? [])
      .filter((share) => share.paidAt)
      .reduce((sum, share) => sum + share.fen, 0);
    const settlement: Settlement = {
      method,
      fen: fen - sharesPaid,
      by: actor.id,
      role: actor.role,
      at: now.getTime(),
      ...(note ? { note } : {}),
    };
    const written = await writeSession(
      db,
      session,
      { settlement },
      { to: 'paid', actor, note: note || undefined },
      now,
    );
    if (written) return written;
  }
  throw busy();
}

/** staff.table.close: a paid table by any staff; an unpaid one by a manager, with a reason. */
export async function closeSession(
  db: Database,
  storeId: string,
  sessionId: string,
  reason: string,
  actor: TableActor,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const session = await loadStoreSession(db, storeId, sessionId);
    if (session.status !== 'paid') {
      if (!isLive(session)) throw ended(session);
      if (actor.role === 'staff') {
        throw new DomainError('FORBIDDEN', '未买单关台需要店长权限 (needs manager)');
      }
      if (!reason) throw new DomainError('INVALID_INPUT', '未买单关台请填写原因 (reason required)');
      if (session.status === 'paying') {
        if (!(await cancelOpenBills(db, session, actor, now, '店长关台', true))) continue;
      }
    }
    const written = await writeSession(
      db,
      session,
      { closedAt: now.getTime(), ...(reason ? { closeNote: reason } : {}) },
      { to: 'closed', actor, note: reason || undefined },
      now,
    );
    if (written) return written;
  }
  throw busy();
}
