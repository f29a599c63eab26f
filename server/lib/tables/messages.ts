// Staff hear of each round sent at a table (issue 15) as they hear of a new order: a `messages`
// document `table_round` to every staff member of the store, delivered at once and retried by
// the cron (server/lib/notify). The template is the new-order one, filled from the round.

import type { Round, TableSession } from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { deliverQueuedForOrder } from '../notify';
import { queueStaffMessage } from '../orders/messages';
import { COLLECTIONS } from '../collections';
import { findById } from '../db';
import { queueRoundJobs } from '../printing/jobs';
import { roundKey, roundOrder } from './round-order';

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
    const store = await findById<{ name: string; timeZone?: string }>(
      db,
      COLLECTIONS.stores,
      session.storeId,
    );
    await queueRoundJobs(db, roundOrder(session, round, store ?? { name: '' }), now.getTime());
  } catch (error) {
    console.error(`[tables] could not print round ${round.roundId}`, error);
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
