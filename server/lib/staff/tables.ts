// Dine-in tables and their codes: the scene ("s=<store>&t=<table>", ≤ 32 characters) is built
// once by buildTableScene and stored; the code opens the menu at that table.

import type { Table } from '../../../miniprogram/domain/catalog';
import { ENTRY_PAGE_PATHS, buildTableScene } from '../../../miniprogram/domain/entry';
import { DomainError } from '../../../miniprogram/domain/errors';
import type { StaffTableAddRequest, StaffTableQrResponse } from '../../../miniprogram/domain/staff';
import type { Database } from '../cloud';
import { findOne, readAll } from '../db';
import { loadStore } from './stores';
import { miniProgramCode } from './wxacode';
import { COLLECTIONS } from '../collections';

export function listTables(db: Database, storeId: string): Promise<Table[]> {
  return readAll<Table>(
    db.collection(COLLECTIONS.tables).where({ storeId }).orderBy('tableNo', 'asc'),
  );
}

export async function addTable(db: Database, request: StaffTableAddRequest): Promise<Table> {
  await loadStore(db, request.storeId);
  const scene = buildTableScene(request.storeId, request.tableNo); // INVALID_SCENE when too long
  if (
    await findOne<Table>(db, COLLECTIONS.tables, {
      storeId: request.storeId,
      tableNo: request.tableNo,
    })
  ) {
    throw new DomainError('INVALID_INPUT', `桌号 ${request.tableNo} 已存在`);
  }
  const table: Table = {
    _id: `${request.storeId}-table-${request.tableNo}`,
    storeId: request.storeId,
    tableNo: request.tableNo,
    name: request.name ?? `${request.tableNo} 号桌`,
    seats: request.seats ?? 2,
    scene,
  };
  const { _id, ...data } = table;
  // The id is derived from store + table number: a racing duplicate add fails here.
  await db.collection(COLLECTIONS.tables).add({ data: { _id, ...data } });
  return table;
}

export async function tableCode(
  db: Database,
  storeId: string,
  tableNo: string,
): Promise<StaffTableQrResponse> {
  const table = await findOne<Table>(db, COLLECTIONS.tables, { storeId, tableNo });
  if (!table) throw new DomainError('NOT_FOUND', `桌号 ${tableNo} 不存在`);
  const page = ENTRY_PAGE_PATHS.menu;
  return { scene: table.scene, page, image: await miniProgramCode(table.scene, page) };
}
