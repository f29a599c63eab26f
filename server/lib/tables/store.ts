// Table sessions in the database (issue 15): reading them, the caller's membership, the one
// conditional write every change goes through (and the errors for a session that keeps changing
// under a write or has ended), and the views diners and staff get.
//
// Concurrency: a session is one document. Diners' cart lines are appended with an atomic push
// (6 phones adding at once lose nothing); every other change (a round sent, a line cancelled, a
// status move) is read-modify-write conditional on `version`, which every write bumps, so of
// two concurrent changes exactly one wins and the other reads again.

import { randomBytes } from 'crypto';
import { DomainError } from '../../../miniprogram/domain/errors';
import type { ActorRole } from '../../../miniprogram/domain/roles';
import {
  billFen,
  LIVE_SESSION_STATUSES,
  transitionSession,
  type AddedBy,
  type SessionStatus,
  type StaffTableSessionView,
  type TableSession,
  type TableSessionView,
} from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { findById, findOne } from '../db';
import { replaceWhole, updatedCount } from '../orders/updates';
import { COLLECTIONS } from '../collections';

export interface TableActor {
  role: ActorRole;
  id: string;
}

/** Optimistic writes retry this often before giving up (INTERNAL: try again). */
export const WRITE_ATTEMPTS = 6;

export const isLive = (session: TableSession) => LIVE_SESSION_STATUSES.includes(session.status);

/** What a change answers when every one of its WRITE_ATTEMPTS lost to another writer. */
export function busy(): DomainError {
  return new DomainError('INTERNAL', '桌台正忙，请稍后重试 (too many concurrent changes)');
}

export function ended(session: TableSession): DomainError {
  return new DomainError(
    'ILLEGAL_TRANSITION',
    session.status === 'paid' ? '本桌已买单' : `本桌已结束 (session is ${session.status})`,
  );
}

export function newId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
}

export function loadSession(db: Database, sessionId: string): Promise<TableSession | null> {
  return findById<TableSession>(db, COLLECTIONS.tableSessions, sessionId);
}

/** The session, only if `openid` joined it: anyone else's session looks exactly like a missing one. */
export async function loadMemberSession(
  db: Database,
  sessionId: string,
  openid: string,
): Promise<TableSession> {
  const session = await findOne<TableSession>(db, COLLECTIONS.tableSessions, {
    _id: sessionId,
    'members.openid': openid,
  });
  if (!session)
    throw new DomainError('NOT_FOUND', `桌台不存在或未扫码加入 (session "${sessionId}")`);
  return session;
}

/** The session, only if it belongs to `storeId` (staff of another store see NOT_FOUND). */
export async function loadStoreSession(
  db: Database,
  storeId: string,
  sessionId: string,
): Promise<TableSession> {
  const session = await findOne<TableSession>(db, COLLECTIONS.tableSessions, {
    _id: sessionId,
    storeId,
  });
  if (!session) throw new DomainError('NOT_FOUND', `桌台不存在 (session "${sessionId}")`);
  return session;
}

/**
 * Writes `fields` (and, when `to` is given, the status move with its log entry) only while the
 * session still has the version it was read at. Returns the session as stored, or null when
 * another writer came first (nothing written).
 */
export async function writeSession(
  db: Database,
  session: TableSession,
  fields: Partial<TableSession>,
  move?: { to: SessionStatus; actor: TableActor; note?: string },
  now: Date = new Date(),
): Promise<TableSession | null> {
  const _ = db.command;
  const data: Record<string, unknown> = {
    ...replaceWhole(_, fields as Record<string, unknown>),
    version: session.version + 1,
    lastActivityAt: now.getTime(),
  };
  let next: TableSession = { ...session, ...fields };
  // The day's figures count a table once, by when it was paid and what it paid: its bill, or
  // the AA shares paid when a manager closed it (or it expired) without the rest.
  const sharesPaid = (next.split?.shares ?? [])
    .filter((share) => share.paidAt)
    .reduce((sum, share) => sum + share.fen, 0);
  const ended = (move?.to === 'closed' || move?.to === 'expired') && !session.paidAt;
  const paidFen = move?.to === 'paid' ? billFen(next.rounds) : ended ? sharesPaid : 0;
  if (paidFen > 0) {
    const paid = { paidAt: now.getTime(), paidFen };
    Object.assign(data, paid);
    next = { ...next, ...paid };
  }
  if (move) {
    const { status, log } = transitionSession(session, move.to, move.actor, now, move.note);
    data.status = status;
    data.statusLog = _.push([log]);
    next = { ...next, status, statusLog: [...session.statusLog, log] };
  }
  const result = await db
    .collection(COLLECTIONS.tableSessions)
    .where({ _id: session._id, version: session.version })
    .update({ data });
  if (updatedCount(result) !== 1) return null;
  return { ...next, version: session.version + 1, lastActivityAt: now.getTime() };
}

/** Seat n = the n-th phone that joined; staff rounds are seat 0. */
function seatOf(session: TableSession, openid: string): number {
  return session.members.findIndex((member) => member.openid === openid) + 1;
}

function addedBy(session: TableSession, openid: string): AddedBy {
  const seat = seatOf(session, openid);
  return seat > 0 ? { seat, kind: 'diner' } : { seat: 0, kind: 'staff' };
}

/** What a diner (or, with viewer '', staff) sees. No other diner's openid leaves the server. */
export function toSessionView(session: TableSession, viewer: string): TableSessionView {
  const rounds = session.rounds.map((round) => {
    const lines = round.lines.map(({ by, seat, stockHeld, cancelledBy, cancelledAt, ...line }) => {
      void stockHeld;
      void cancelledBy;
      void cancelledAt;
      return {
        ...line,
        addedBy: (seat > 0 ? { seat, kind: 'diner' } : { seat: 0, kind: 'staff' }) as AddedBy,
        mine: viewer !== '' && by === viewer,
      };
    });
    return {
      roundId: round.roundId,
      no: round.no,
      sentAt: round.sentAt,
      lines,
      itemsFen: billFen([round]),
      madeAt: round.madeAt ?? 0,
    };
  });
  const settlement = session.settlement
    ? (({ by, ...rest }) => {
        void by;
        return rest;
      })(session.settlement)
    : null;
  const itemCount = session.rounds
    .flatMap((round) => round.lines)
    .filter((line) => line.status === 'sent')
    .reduce((sum, line) => sum + line.qty, 0);
  return {
    sessionId: session._id,
    storeId: session.storeId,
    tableNo: session.tableNo,
    status: session.status,
    version: session.version,
    seat: viewer ? seatOf(session, viewer) : 0,
    diners: session.members.length,
    cart: session.cart.map(({ by, addedAt, ...line }) => {
      void addedAt;
      return { ...line, addedBy: addedBy(session, by), mine: viewer !== '' && by === viewer };
    }),
    rounds,
    bill: {
      totalFen: billFen(session.rounds),
      itemCount,
      orderId: session.billOrderId,
      payingSeat:
        session.status === 'paying' && session.billBy ? seatOf(session, session.billBy) : 0,
      settlement,
      split: session.split
        ? {
            parts: session.split.parts,
            shares: session.split.shares.map((share) => ({
              no: share.no,
              fen: share.fen,
              state: share.paidAt ? 'paid' : share.orderId ? 'paying' : 'open',
              seat: share.by ? seatOf(session, share.by) : 0,
              mine: viewer !== '' && share.by === viewer,
            })),
          }
        : null,
    },
    createdAt: session.createdAt,
    lastActivityAt: session.lastActivityAt,
  };
}

export function toStaffSessionView(session: TableSession): StaffTableSessionView {
  return {
    ...toSessionView(session, ''),
    statusLog: session.statusLog,
    closeNote: session.closeNote,
  };
}
