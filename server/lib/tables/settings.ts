// A store's table settings (issue 15): whether dine-in is paid first or after eating (先吃后付,
// which the table actions need), and how long a table may sit idle before the cron ends it.

import type { Store } from '../../../miniprogram/domain/catalog';
import { DomainError } from '../../../miniprogram/domain/errors';
import {
  DEFAULT_TABLE_IDLE_MINUTES,
  type StaffTableSettingsRequest,
  type StaffTableSettingsResponse,
} from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { loadStore } from '../staff/stores';
import { COLLECTIONS } from '../collections';

/** Store fields of this issue (optional on the document: missing = pay first, 180 min). */
export type TableStore = Store & { dineInPayment?: 'first' | 'after'; tableIdleMinutes?: number };

export async function loadAfterStore(db: Database, storeId: string): Promise<TableStore> {
  const store = (await loadStore(db, storeId)) as TableStore;
  if (store.dineInPayment !== 'after') {
    throw new DomainError('INVALID_INPUT', '本店堂食为先付款后用餐 (dineInPayment is "first")');
  }
  return store;
}

export function tableSettingsOf(store: TableStore): StaffTableSettingsResponse {
  return {
    dineInPayment: store.dineInPayment ?? 'first',
    tableIdleMinutes: store.tableIdleMinutes ?? DEFAULT_TABLE_IDLE_MINUTES,
  };
}

/** staff.table.settings (manager): pay first / pay after, and the idle minutes. */
export async function updateTableSettings(
  db: Database,
  request: StaffTableSettingsRequest,
): Promise<StaffTableSettingsResponse> {
  await loadStore(db, request.storeId);
  const data: Record<string, unknown> = {};
  if (request.dineInPayment !== undefined) data.dineInPayment = request.dineInPayment;
  if (request.tableIdleMinutes !== undefined) data.tableIdleMinutes = request.tableIdleMinutes;
  if (Object.keys(data).length > 0) {
    data.catalogVersion = db.command.inc(1); // catalog.home carries dineInPayment
    await db.collection(COLLECTIONS.stores).doc(request.storeId).update({ data });
  }
  return tableSettingsOf((await loadStore(db, request.storeId)) as TableStore);
}
