// One typed function per order action of the `api` cloud function. Every order status they bring
// back is also told to whoever listens (onOrdersSeen: the cart), so a payment is noticed wherever
// the client learns of it — result page, order detail or the orders tab.
import type {
  OrderCreateRequest,
  OrderListResponse,
  OrderPayResponse,
  OrderQuoteRequest,
  OrderQuoteResponse,
  OrderSummary,
  OrderView,
} from '../domain/api';
import type { OrderTab } from '../domain/order';
import { callApi } from './api';

/** An order's status as an answer brings it. */
export type OrderSeen = Pick<OrderSummary, '_id' | 'status'>;
type OrdersListener = (orders: OrderSeen[]) => void;

const listeners: OrdersListener[] = [];

/** Hears every order status any order answer brings from now on. */
export function onOrdersSeen(listener: OrdersListener): void {
  listeners.push(listener);
}

function ordersSeen(orders: OrderSeen[]): void {
  for (const listener of listeners) listener(orders);
}

async function seenOrder(answer: Promise<{ order: OrderView }>): Promise<OrderView> {
  const { order } = await answer;
  ordersSeen([order]);
  return order;
}

/** The server's authoritative price of a draft; `priceChanged` against `expectedTotalFen`. */
export function quoteOrder(request: OrderQuoteRequest): Promise<OrderQuoteResponse> {
  return callApi('order.quote', request);
}

/** Creates the order (pending payment, stock held; the pickup number comes with the payment). */
export async function createOrder(request: OrderCreateRequest): Promise<OrderView> {
  return (await callApi('order.create', request)).order;
}

/** Starts the payment: what `wx.requestPayment` takes. */
export function startPayment(orderId: string): Promise<OrderPayResponse> {
  return callApi('order.pay', { orderId });
}

export function fetchOrder(orderId: string): Promise<OrderView> {
  return seenOrder(callApi('order.detail', { orderId }));
}

/** Asks WeChat Pay once when the order is still pending (the server does the query). */
export function syncOrder(orderId: string): Promise<OrderView> {
  return seenOrder(callApi('order.sync', { orderId }));
}

export function cancelOrder(orderId: string, reason?: string): Promise<OrderView> {
  return seenOrder(callApi('order.cancel', reason ? { orderId, reason } : { orderId }));
}

export async function listOrders(
  tab: OrderTab,
  offset: number,
  limit = 10,
): Promise<OrderListResponse> {
  const answer = await callApi('order.list', { tab, offset, limit });
  ordersSeen(answer.orders);
  return answer;
}
