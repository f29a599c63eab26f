// Idle tables ended by the cron (issue 15), after the store's tableIdleMinutes (settings.ts).

import {
  DEFAULT_TABLE_IDLE_MINUTES,
  LIVE_SESSION_STATUSES,
  type TableSession,
} from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { fetchDocs, findById } from '../db';
import { COLLECTIONS } from '../collections';
import { cancelOpenBills } from './bill';
import { tellStaffOfExpiry } from './messages';
import type { TableStore } from './settings';
import { writeSession, type TableActor } from './store';

/**
 * The cron: sessions idle longer than their store allows end as `expired` (open bill orders are
 * withdrawn first) and staff are told; paid ones left that long are closed. Returns how many
 * expired.
 */
export async function expireIdleSessions(db: Database, now: Date = new Date()): Promise<number> {
  const _ = db.command;
  const candidates = await fetchDocs<TableSession>(
    db
      .collection(COLLECTIONS.tableSessions)
      .where({
        status: _.in([...LIVE_SESSION_STATUSES, 'paid']),
        lastActivityAt: _.lte(now.getTime() - 60_000),
      })
      .orderBy('lastActivityAt', 'asc')
      .limit(100),
  );
  const idle = new Map<string, number>();
  const system: TableActor = { role: 'system', id: 'cron' };
  let expired = 0;
  for (const session of candidates) {
    try {
      if (!idle.has(session.storeId)) {
        const store = (await findById<TableStore>(db, COLLECTIONS.stores, session.storeId)) ?? null;
        idle.set(session.storeId, store?.tableIdleMinutes ?? DEFAULT_TABLE_IDLE_MINUTES);
      }
      const minutes = idle.get(session.storeId) ?? DEFAULT_TABLE_IDLE_MINUTES;
      if (session.lastActivityAt > now.getTime() - minutes * 60_000) continue;
      if (session.status === 'paid') {
        // Paid and left: the table is cleared (nothing for staff to hear).
        await writeSession(
          db,
          session,
          { closedAt: now.getTime() },
          { to: 'closed', actor: system, note: `买单后闲置超过 ${minutes} 分钟` },
          now,
        );
        continue;
      }
      if (session.status === 'paying') {
        // A bill paid meanwhile is settled by its callback: nothing to expire.
        const cancelled = await cancelOpenBills(db, session, system, now, '桌台超时', true).catch(
          () => false,
        );
        if (!cancelled) continue;
      }
      const written = await writeSession(
        db,
        session,
        { closedAt: now.getTime() },
        { to: 'expired', actor: system, note: `闲置超过 ${minutes} 分钟` },
        now,
      );
      if (written) {
        expired += 1;
        await tellStaffOfExpiry(db, written, now);
      }
    } catch (error) {
      console.error(`[tables] could not expire ${session._id}`, error);
    }
  }
  return expired;
}
