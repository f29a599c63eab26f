// Store settings staff may change: the open/busy/closed switch, the notice and opening hours.
// Every change bumps `catalogVersion`, so customers' cached menus refresh on their next visit.

import type { Store } from '../../../miniprogram/domain/catalog';
import { DomainError } from '../../../miniprogram/domain/errors';
import { assertWeeklyHours } from '../../../miniprogram/domain/hours';
import type {
  StaffStoreResponse,
  StaffStoreUpdateRequest,
} from '../../../miniprogram/domain/staff';
import type { Database } from '../cloud';
import { findById } from '../db';
import { COLLECTIONS } from '../collections';

export async function loadStore(db: Database, storeId: string): Promise<Store> {
  const store = await findById<Store>(db, COLLECTIONS.stores, storeId);
  if (!store) throw new DomainError('NOT_FOUND', `门店不存在 (store "${storeId}")`);
  return store;
}

export function toStaffStore(store: Store): StaffStoreResponse['store'] {
  return {
    _id: store._id,
    name: store.name,
    notice: store.notice,
    hours: store.hours,
    timeZone: store.timeZone,
    statusOverride: store.statusOverride ?? null,
    catalogVersion: store.catalogVersion ?? 0,
    dineInPayment: store.dineInPayment ?? 'first',
  };
}

/** Tells customers' clients to refetch the menu (docs/API.md, catalog.home `version`). */
export async function bumpCatalogVersion(db: Database, storeId: string): Promise<void> {
  await db
    .collection(COLLECTIONS.stores)
    .doc(storeId)
    .update({ data: { catalogVersion: db.command.inc(1) } });
}

export async function updateStoreSettings(
  db: Database,
  request: StaffStoreUpdateRequest,
): Promise<StaffStoreResponse['store']> {
  await loadStore(db, request.storeId);
  // Validated before anything is written: bad hours change nothing.
  if (request.hours) assertWeeklyHours(request.hours);
  const _ = db.command;
  const data: Record<string, unknown> = { catalogVersion: _.inc(1) };
  if (request.notice !== undefined) data.notice = request.notice;
  // Replaced whole: update() would otherwise merge into (or fail on) the stored value.
  if (request.hours) data.hours = _.set(request.hours);
  if (request.statusOverride !== undefined) {
    data.statusOverride = request.statusOverride === null ? null : _.set(request.statusOverride);
  }
  await db.collection(COLLECTIONS.stores).doc(request.storeId).update({ data });
  return toStaffStore(await loadStore(db, request.storeId));
}
