// One typed function per order action of the `api` cloud function.
import type {
  OrderCreateRequest,
  OrderListResponse,
  OrderPayResponse,
  OrderQuoteRequest,
  OrderQuoteResponse,
  OrderView,
} from '../domain/api';
import type { OrderTab } from '../domain/order';
import { callApi } from './api';

/** The server's authoritative price of a draft; `priceChanged` against `expectedTotalFen`. */
export function quoteOrder(request: OrderQuoteRequest): Promise<OrderQuoteResponse> {
  return callApi('order.quote', request);
}

/** Creates the order (pending payment, stock held, pickup number given). */
export async function createOrder(request: OrderCreateRequest): Promise<OrderView> {
  return (await callApi('order.create', request)).order;
}

/** Starts the payment: what `wx.requestPayment` takes. */
export function startPayment(orderId: string): Promise<OrderPayResponse> {
  return callApi('order.pay', { orderId });
}

export async function fetchOrder(orderId: string): Promise<OrderView> {
  return (await callApi('order.detail', { orderId })).order;
}

/** Asks WeChat Pay once when the order is still pending (the server does the query). */
export async function syncOrder(orderId: string): Promise<OrderView> {
  return (await callApi('order.sync', { orderId })).order;
}

export async function cancelOrder(orderId: string, reason?: string): Promise<OrderView> {
  return (await callApi('order.cancel', reason ? { orderId, reason } : { orderId })).order;
}

export function listOrders(tab: OrderTab, offset: number, limit = 10): Promise<OrderListResponse> {
  return callApi('order.list', { tab, offset, limit });
}
