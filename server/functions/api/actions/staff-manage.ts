// Store management from the console: goods switches, store status / notice / hours, tables and
// their codes, and today's figures.

import type {
  StaffGoodsListResponse,
  StaffGoodsUpdateRequest,
  StaffGoodsUpdateResponse,
  StaffStoreResponse,
  StaffStoreUpdateRequest,
  StaffTableAddRequest,
  StaffTableQrRequest,
  StaffTableQrResponse,
  StaffTableResponse,
  StaffTablesResponse,
  StaffTodayResponse,
  StoreRef,
} from '../../../../miniprogram/domain/staff';
import { DomainError } from '../../../../miniprogram/domain/errors';
import { listStoreCategories, listStoreGoods, updateGoods } from '../../../lib/staff/goods';
import { loadStore, toStaffStore, updateStoreSettings } from '../../../lib/staff/stores';
import { addTable, listTables, tableCode } from '../../../lib/staff/tables';
import { todayFigures } from '../../../lib/staff/today';
import { storeAction } from './staff-access';
import {
  goodsUpdateInput,
  storeInput,
  storeUpdateInput,
  tableAddInput,
  tableRefInput,
} from './staff-schemas';

export const staffGoodsList = storeAction<StoreRef, StaffGoodsListResponse>({
  input: storeInput,
  role: 'staff',
  async handler({ storeId }, { db }) {
    const [categories, goods] = await Promise.all([
      listStoreCategories(db, storeId),
      listStoreGoods(db, storeId),
    ]);
    return { categories, goods };
  },
});

// The sold-out switch is counter work; price, stock and shelf changes need a manager.
const MANAGER_FIELDS = ['priceFen', 'stock', 'onShelf'] as const;

export const staffGoodsUpdate = storeAction<StaffGoodsUpdateRequest, StaffGoodsUpdateResponse>({
  input: goodsUpdateInput,
  role: 'staff',
  async handler(input, { db, role }) {
    if (role === 'staff' && MANAGER_FIELDS.some((field) => input[field] !== undefined)) {
      throw new DomainError('FORBIDDEN', '改价格、库存或上下架需要店长权限 (needs manager)');
    }
    return updateGoods(db, input);
  },
});

export const staffStoreGet = storeAction<StoreRef, StaffStoreResponse>({
  input: storeInput,
  role: 'staff',
  async handler({ storeId }, { db }) {
    return { store: toStaffStore(await loadStore(db, storeId)) };
  },
});

// Pausing orders in a rush, closing early or back to the hours is counter work; opening outside
// the hours, the notice and the hours are not.
export const staffStoreUpdate = storeAction<StaffStoreUpdateRequest, StaffStoreResponse>({
  input: storeUpdateInput,
  role: 'staff',
  async handler(input, { db, role }) {
    const opensOutsideHours = input.statusOverride?.status === 'open';
    if (
      role === 'staff' &&
      (input.notice !== undefined || input.hours !== undefined || opensOutsideHours)
    ) {
      throw new DomainError('FORBIDDEN', '改公告、营业时间或强制营业需要店长权限 (needs manager)');
    }
    return { store: await updateStoreSettings(db, input) };
  },
});

export const staffTablesList = storeAction<StoreRef, StaffTablesResponse>({
  input: storeInput,
  role: 'staff',
  async handler({ storeId }, { db }) {
    return { tables: await listTables(db, storeId) };
  },
});

export const staffTablesAdd = storeAction<StaffTableAddRequest, StaffTableResponse>({
  input: tableAddInput,
  role: 'manager',
  async handler(input, { db }) {
    return { table: await addTable(db, input) };
  },
});

export const staffTablesQrcode = storeAction<StaffTableQrRequest, StaffTableQrResponse>({
  input: tableRefInput,
  role: 'staff',
  handler: ({ storeId, tableNo }, { db }) => tableCode(db, storeId, tableNo),
});

export const staffToday = storeAction<StoreRef, StaffTodayResponse>({
  input: storeInput,
  role: 'manager',
  handler: ({ storeId }, { db }) => todayFigures(db, storeId),
});
