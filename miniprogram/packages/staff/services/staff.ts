// One typed function per staff action of the `api` cloud function (docs/API.md, Staff console).
// The server decides who is staff; these only carry the store the console works on.
import type {
  BoardOrder,
  BoardTab,
  Membership,
  StaffGoodsListResponse,
  StaffGoodsUpdateRequest,
  StaffInviteResponse,
  StaffMember,
  StaffOrdersResponse,
  StaffStoreResponse,
  StaffStoreUpdateRequest,
  StaffTableQrResponse,
  StaffTodayResponse,
} from '../../../domain/staff';
import type { Table } from '../../../domain/catalog';
import type { OrderLineInput } from '../../../domain/order';
import type { DineInPayment, StaffTableSessionView, TableBoardEntry } from '../../../domain/tables';
import { callApi } from '../../../services/api';

export async function claimOwner(code: string): Promise<Membership[]> {
  return (await callApi('staff.claimOwner', { code })).stores;
}

export async function joinStore(code: string, name?: string): Promise<Membership[]> {
  return (await callApi('staff.join', name ? { code, name } : { code })).stores;
}

export function inviteStaff(
  storeId: string,
  role: 'staff' | 'manager',
): Promise<StaffInviteResponse> {
  return callApi('staff.invite', { storeId, role });
}

export async function staffMembers(storeId: string): Promise<StaffMember[]> {
  return (await callApi('staff.list', { storeId })).members;
}

export async function removeStaff(storeId: string, openid: string): Promise<StaffMember[]> {
  return (await callApi('staff.remove', { storeId, openid })).members;
}

export function boardOrders(storeId: string, tab: BoardTab): Promise<StaffOrdersResponse> {
  return callApi('staff.orders', { storeId, tab });
}

export type BoardMove = 'accept' | 'reject' | 'ready' | 'complete' | 'refund';

/** One move on the board; a reject or refund may carry the reason the customer will see. */
export async function moveOrder(
  storeId: string,
  orderId: string,
  move: BoardMove,
  reason = '',
): Promise<BoardOrder> {
  const withReason = (move === 'reject' || move === 'refund') && reason ? { reason } : {};
  return (await callApi(`staff.${move}`, { storeId, orderId, ...withReason })).order;
}

/** The store's goods and its categories in the menu's order. */
export function storeGoods(storeId: string): Promise<StaffGoodsListResponse> {
  return callApi('staff.goods.list', { storeId });
}

export function updateGoods(request: StaffGoodsUpdateRequest) {
  return callApi('staff.goods.update', request);
}

export async function storeSettings(storeId: string): Promise<StaffStoreResponse['store']> {
  return (await callApi('staff.store.get', { storeId })).store;
}

export async function updateStore(
  request: StaffStoreUpdateRequest,
): Promise<StaffStoreResponse['store']> {
  return (await callApi('staff.store.update', request)).store;
}

export async function storeTables(storeId: string): Promise<Table[]> {
  return (await callApi('staff.tables.list', { storeId })).tables;
}

export async function addTable(storeId: string, tableNo: string): Promise<Table> {
  return (await callApi('staff.tables.add', { storeId, tableNo })).table;
}

export function tableQrCode(storeId: string, tableNo: string): Promise<StaffTableQrResponse> {
  return callApi('staff.tables.qrcode', { storeId, tableNo });
}

export function todayFigures(storeId: string): Promise<StaffTodayResponse> {
  return callApi('staff.today', { storeId });
}

// ---- tables (restaurant, pay after) ----

export async function tableBoard(storeId: string): Promise<TableBoardEntry[]> {
  return (await callApi('staff.table.board', { storeId })).tables;
}

export async function staffTable(
  storeId: string,
  sessionId: string,
): Promise<StaffTableSessionView> {
  return (await callApi('staff.table.get', { storeId, sessionId })).session;
}

export async function cancelTableLine(
  storeId: string,
  sessionId: string,
  lineId: string,
): Promise<StaffTableSessionView> {
  return (await callApi('staff.table.cancelLine', { storeId, sessionId, lineId })).session;
}

export async function markTablePaid(
  storeId: string,
  sessionId: string,
  method: 'cash' | 'card' | 'other',
): Promise<StaffTableSessionView> {
  return (await callApi('staff.table.markPaid', { storeId, sessionId, method })).session;
}

export async function closeTable(
  storeId: string,
  sessionId: string,
  reason?: string,
): Promise<StaffTableSessionView> {
  const request = reason ? { storeId, sessionId, reason } : { storeId, sessionId };
  return (await callApi('staff.table.close', request)).session;
}

export async function moveTable(
  storeId: string,
  sessionId: string,
  toTableNo: string,
): Promise<StaffTableSessionView> {
  return (await callApi('staff.table.move', { storeId, sessionId, toTableNo })).session;
}

/** Dine-in paid first or after eating (a manager's store setting). */
export function setDineInPayment(storeId: string, dineInPayment: DineInPayment) {
  return callApi('staff.table.settings', { storeId, dineInPayment });
}

/** A round staff enter for a table (a diner asked a waiter). */
export async function addTableRound(
  storeId: string,
  sessionId: string,
  lines: OrderLineInput[],
): Promise<StaffTableSessionView> {
  return (await callApi('staff.table.round', { storeId, sessionId, lines })).session;
}

/** 出品: a round of a table is made. */
export async function markRoundMade(
  storeId: string,
  sessionId: string,
  roundId: string,
): Promise<StaffTableSessionView> {
  return (await callApi('staff.table.made', { storeId, sessionId, roundId })).session;
}
