// A store's tables and which session sits at each (issue 15). A table's current session is
// named by its slot (`table_slots`, `<storeId>:<tableNo>`): a new session claims the slot with a
// conditional write, so two phones scanning a free table at once open one session, and a code
// scanned after the session ended opens a new one.

import type { Table } from '../../../miniprogram/domain/catalog';
import { DomainError } from '../../../miniprogram/domain/errors';
import type { TableSession } from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { findById, findOne } from '../db';
import { updatedCount } from '../orders/updates';
import { COLLECTIONS } from '../collections';
import { isLive, loadSession } from './store';

interface Slot {
  _id: string;
  storeId: string;
  tableNo: string;
  sessionId: string;
  updatedAt: number;
}

const slotId = (storeId: string, tableNo: string) => `${storeId}:${tableNo}`;

export async function loadTable(db: Database, storeId: string, tableNo: string): Promise<Table> {
  const table = await findOne<Table>(db, COLLECTIONS.tables, { storeId, tableNo });
  if (!table) throw new DomainError('NOT_FOUND', `桌号 ${tableNo} 不存在`);
  return table;
}

/** Points the table's slot at `sessionId` if it still points where we read it (`from`). */
export async function claimSlot(
  db: Database,
  storeId: string,
  tableNo: string,
  from: Slot | null,
  sessionId: string,
  now: number,
): Promise<boolean> {
  const _id = slotId(storeId, tableNo);
  if (!from) {
    try {
      await db
        .collection(COLLECTIONS.tableSlots)
        .add({ data: { _id, storeId, tableNo, sessionId, updatedAt: now } });
      return true;
    } catch {
      return false; // another phone opened the table first: read again
    }
  }
  const result = await db
    .collection(COLLECTIONS.tableSlots)
    .where({ _id, sessionId: from.sessionId })
    .update({ data: { sessionId, updatedAt: now } });
  return updatedCount(result) === 1;
}

/** The table's current session (live or paid, and still at this table), with its slot. */
export async function currentSession(
  db: Database,
  storeId: string,
  tableNo: string,
): Promise<{ slot: Slot | null; session: TableSession | null }> {
  const slot = await findById<Slot>(db, COLLECTIONS.tableSlots, slotId(storeId, tableNo));
  const session = slot?.sessionId ? await loadSession(db, slot.sessionId) : null;
  const current =
    session &&
    session.storeId === storeId &&
    session.tableNo === tableNo &&
    (isLive(session) || session.status === 'paid');
  return { slot, session: current ? session : null };
}
