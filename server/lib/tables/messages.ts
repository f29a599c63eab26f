// Staff hear of each round sent at a table (issue 15) as they hear of a new order: a `messages`
// document `table_round` to every staff member of the store, delivered at once and retried by
// the cron (server/lib/notify). The template is the new-order one, filled from the round. The
// kitchen prints each round, and a line taken off before it was made (退菜).

import type { Round, RoundLine, TableSession } from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { deliverQueuedForOrder } from '../notify';
import { queueStaffMessage } from '../orders/messages';
import { queueRoundJobs } from '../printing/jobs';
import { roundKey, roundOrder, storeOf } from './round-order';

/**
 * Queues the round's staff message and sends it now, and prints its kitchen tickets when the
 * store has printers; never throws.
 */
export async function tellStaffOfRound(
  db: Database,
  session: TableSession,
  round: Round,
  now: Date,
): Promise<void> {
  try {
    await queueStaffMessage(
      db,
      'table_round',
      {
        storeId: session.storeId,
        orderId: roundKey(round.roundId),
        sessionId: session._id,
        roundId: round.roundId,
      },
      now,
    );
    await deliverQueuedForOrder(db, roundKey(round.roundId), now.getTime());
  } catch (error) {
    console.error(`[tables] could not tell staff of round ${round.roundId}`, error);
  }
  try {
    const store = await storeOf(db, session.storeId);
    await queueRoundJobs(
      db,
      roundOrder(session, round, store),
      { sessionId: session._id, roundId: round.roundId },
      now.getTime(),
    );
  } catch (error) {
    console.error(`[tables] could not print round ${round.roundId}`, error);
  }
}

/** The kitchen's 退菜 ticket for a line cancelled before its round was made; never throws. */
export async function printCancelledLine(
  db: Database,
  session: TableSession,
  round: Round,
  line: RoundLine,
  now: Date,
): Promise<void> {
  try {
    const store = await storeOf(db, session.storeId);
    const ticket = roundOrder(session, { ...round, lines: [{ ...line, status: 'sent' }] }, store);
    await queueRoundJobs(
      db,
      {
        ...ticket,
        _id: `${ticket._id}-x-${line.lineId}`,
        remark: `${session.tableNo} 桌第 ${round.no} 轮 退菜`,
      },
      { sessionId: session._id, roundId: round.roundId },
      now.getTime(),
      'cancel',
    );
  } catch (error) {
    console.error(`[tables] could not print the cancel of line ${line.lineId}`, error);
  }
}

/** Staff are told the cron ended an idle session (`table_expired`); never throws. */
export async function tellStaffOfExpiry(
  db: Database,
  session: TableSession,
  now: Date,
): Promise<void> {
  try {
    const about = {
      storeId: session.storeId,
      orderId: roundKey(session._id),
      sessionId: session._id,
    };
    await queueStaffMessage(db, 'table_expired', about, now);
    await deliverQueuedForOrder(db, roundKey(session._id), now.getTime());
  } catch (error) {
    console.error(`[tables] could not tell staff of idle session ${session._id}`, error);
  }
}
