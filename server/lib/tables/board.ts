// 桌台 (issue 15): staff's view of every table of a store — its state, bill and time open — and
// the sessions that expired lately.

import type { Table } from '../../../miniprogram/domain/catalog';
import {
  billFen,
  type StaffTableBoardResponse,
  type TableSession,
  type TableState,
} from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { fetchDocs, readAll } from '../db';
import { COLLECTIONS } from '../collections';

function stateOf(session: TableSession | undefined): TableState {
  if (!session) return 'free';
  if (session.status === 'paid') return 'paid';
  if (session.status === 'paying') return 'paying';
  return session.rounds.length > 0 ? 'eating' : 'ordering';
}

const EXPIRED_SHOWN_MS = 12 * 3_600_000;

/** staff.table.board: every table of the store, free or with its session. */
export async function tableBoard(
  db: Database,
  storeId: string,
  now: Date = new Date(),
): Promise<StaffTableBoardResponse> {
  const _ = db.command;
  const [tables, sessions, expired] = await Promise.all([
    readAll<Table>(db.collection(COLLECTIONS.tables).where({ storeId }).orderBy('tableNo', 'asc')),
    readAll<TableSession>(
      db
        .collection(COLLECTIONS.tableSessions)
        .where({ storeId, status: _.in(['open', 'paying', 'paid']) }),
    ),
    fetchDocs<TableSession>(
      db
        .collection(COLLECTIONS.tableSessions)
        .where({
          storeId,
          status: 'expired',
          closedAt: _.gte(now.getTime() - EXPIRED_SHOWN_MS),
        })
        .orderBy('closedAt', 'desc')
        .limit(50),
    ),
  ]);
  const byTable = new Map<string, TableSession>();
  for (const session of sessions) {
    const seen = byTable.get(session.tableNo);
    if (!seen || seen.createdAt < session.createdAt) byTable.set(session.tableNo, session);
  }
  return {
    tables: tables.map((table) => {
      const session = byTable.get(table.tableNo);
      const lastRound = session?.rounds[session.rounds.length - 1];
      return {
        tableNo: table.tableNo,
        name: table.name,
        seats: table.seats,
        state: stateOf(session),
        sessionId: session?._id ?? '',
        billFen: session ? billFen(session.rounds) : 0,
        diners: session?.members.length ?? 0,
        rounds: session?.rounds.length ?? 0,
        lastRoundAt: lastRound?.sentAt ?? 0,
        roundsToMake: session?.rounds.filter((round) => !round.madeAt).length ?? 0,
        cartLines: session?.cart.length ?? 0,
        openedAt: session?.createdAt ?? 0,
      };
    }),
    expired: expired.map((session) => ({
      sessionId: session._id,
      tableNo: session.tableNo,
      billFen: billFen(session.rounds),
      expiredAt: session.closedAt ?? session.lastActivityAt,
    })),
  };
}
