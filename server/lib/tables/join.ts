// table.join (issue 15): a diner scanning a table's code joins its open session, or opens one
// and names it in the table's slot (slots.ts).

import { LIVE_SESSION_STATUSES, type TableSession } from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { updatedCount } from '../orders/updates';
import { COLLECTIONS } from '../collections';
import { loadAfterStore } from './settings';
import { claimSlot, currentSession, loadTable } from './slots';
import { busy, isLive, loadSession, newId, writeSession, WRITE_ATTEMPTS } from './store';

/**
 * table.join: the caller joins the table's open session, or opens one. A paid session still on
 * the table is closed first: a code scanned after the bill was settled never shows the old bill.
 */
export async function joinTable(
  db: Database,
  storeId: string,
  tableNo: string,
  openid: string,
  now: Date = new Date(),
): Promise<TableSession> {
  await loadAfterStore(db, storeId);
  await loadTable(db, storeId, tableNo);
  const _ = db.command;
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const { slot, session } = await currentSession(db, storeId, tableNo);
    if (session && isLive(session)) {
      if (session.members.some((member) => member.openid === openid)) return session;
      const result = await db
        .collection(COLLECTIONS.tableSessions)
        .where({
          _id: session._id,
          status: _.in([...LIVE_SESSION_STATUSES]),
          'members.openid': _.neq(openid),
        })
        .update({
          data: {
            members: _.push([{ openid, joinedAt: now.getTime() }]),
            version: _.inc(1),
            lastActivityAt: now.getTime(),
          },
        });
      if (updatedCount(result) === 1) return (await loadSession(db, session._id)) as TableSession;
      continue;
    }
    if (session && session.status === 'paid') {
      await writeSession(
        db,
        session,
        { closedAt: now.getTime() },
        { to: 'closed', actor: { role: 'system', id: 'table.join' }, note: '新顾客扫码' },
        now,
      );
      continue;
    }
    // The session is stored before the slot names it, so whoever reads the slot finds it; a
    // session whose claim lost is removed again (nobody was handed it).
    const sessionId = newId('ts');
    const created: TableSession = {
      _id: sessionId,
      storeId,
      tableNo,
      status: 'open',
      statusLog: [{ from: 'open', to: 'open', by: openid, role: 'customer', at: now.getTime() }],
      version: 1,
      members: [{ openid, joinedAt: now.getTime() }],
      cart: [],
      rounds: [],
      billOrderId: '',
      billBy: '',
      settlement: null,
      closeNote: '',
      createdAt: now.getTime(),
      lastActivityAt: now.getTime(),
      closedAt: null,
    };
    const { _id, ...data } = created;
    await db.collection(COLLECTIONS.tableSessions).add({ data: { _id, ...data } });
    if (await claimSlot(db, storeId, tableNo, slot, sessionId, now.getTime())) return created;
    await db.collection(COLLECTIONS.tableSessions).where({ _id: sessionId }).remove();
  }
  throw busy();
}
