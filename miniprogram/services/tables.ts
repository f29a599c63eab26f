// One typed function per table action (restaurant tables, pay after: docs/API.md "Tables").
import type { OrderLineInput } from '../domain/order';
import type { TableGetResponse, TablePayResponse, TableSessionView } from '../domain/tables';
import { callApi } from './api';

export async function joinTable(storeId: string, tableNo: string): Promise<TableSessionView> {
  return (await callApi('table.join', { storeId, tableNo })).session;
}

/** The session, or `unchanged` when `version` is still current. */
export function fetchTable(sessionId: string, version?: number): Promise<TableGetResponse> {
  return callApi('table.get', version === undefined ? { sessionId } : { sessionId, version });
}

export async function addToTableCart(
  sessionId: string,
  line: OrderLineInput,
): Promise<TableSessionView> {
  return (await callApi('table.cart.add', { sessionId, ...line })).session;
}

export async function removeFromTableCart(
  sessionId: string,
  lineId: string,
): Promise<TableSessionView> {
  return (await callApi('table.cart.remove', { sessionId, lineId })).session;
}

/** 下单: the shared cart goes to the kitchen as a round. */
export async function sendRound(sessionId: string): Promise<TableSessionView> {
  return (await callApi('table.order', { sessionId })).session;
}

/** 买单: the whole bill's payment, started on the server. */
export function startBillPayment(sessionId: string): Promise<TablePayResponse> {
  return callApi('table.pay', { sessionId });
}

/** AA: the bill in `parts` even integer-fen shares, each paid by whoever takes it. */
export async function splitBill(sessionId: string, parts: number): Promise<TableSessionView> {
  return (await callApi('table.split', { sessionId, parts })).session;
}
