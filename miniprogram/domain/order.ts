// The order contract shared by client and server: what a customer asks for (a draft), what the
// server answers before payment (a quote) and what is stored (an order). Money is fen.

import type { GoodsSelection } from './catalog';
import type { EntrySource } from './entry';
import type { LatLng } from './geo';
import {
  IN_PROGRESS_STATUSES,
  nextStatuses,
  type OrderStatus,
  type StatusLogEntry,
} from './order-status';

export const ORDER_MODES = ['dine_in', 'pickup', 'delivery'] as const;
export type OrderMode = (typeof ORDER_MODES)[number];

export const ORDER_MODE_LABELS: Record<OrderMode, string> = {
  dine_in: '堂食',
  pickup: '自取',
  delivery: '外送',
};

/** The modes a store offers: dine-in and pickup always, delivery where it delivers. */
export function orderModes(store: { delivery?: unknown } | null): OrderMode[] {
  return store?.delivery ? ['dine_in', 'pickup', 'delivery'] : ['dine_in', 'pickup'];
}

export interface OrderLineInput extends GoodsSelection {
  goodsId: string;
  qty: number;
}

export interface DineInInfo {
  tableNo: string;
  diners: number;
}

/** As soon as possible, or a time (epoch ms) within opening hours. */
export type PickupTime = { asap: true } | { at: number };

/** The fields of wx.chooseAddress, plus the coordinates the client picked for them. */
export interface DeliveryAddress {
  userName: string;
  telNumber: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  detailInfo: string;
  postalCode?: string;
  nationalCode?: string;
  location: LatLng;
}

/** What the checkout page sends to order.quote and order.create. */
export interface OrderDraft {
  storeId: string;
  mode: OrderMode;
  lines: OrderLineInput[];
  dineIn?: DineInInfo;
  pickup?: PickupTime;
  delivery?: DeliveryAddress;
}

export interface PricedLine {
  goodsId: string;
  name: string;
  image: string;
  specs: Record<string, string[]>;
  addOns: string[];
  /** "大杯 / 少糖 + 燕麦奶" */
  description: string;
  qty: number;
  unitPriceFen: number;
  lineTotalFen: number;
}

export interface OrderAmounts {
  itemsFen: number;
  packagingFeeFen: number;
  deliveryFeeFen: number;
  totalFen: number;
}

/** The server's authoritative price of a draft. */
export interface Quote {
  storeId: string;
  mode: OrderMode;
  lines: PricedLine[];
  amounts: OrderAmounts;
  itemCount: number;
  /** Delivery only: store → address in metres. */
  distanceMeters: number | null;
}

export interface EntryAttribution {
  source: EntrySource;
  scene: number;
}

/** Payment facts as reported by WeChat Pay (callback or queryOrder). */
export interface PaymentRecord {
  transactionId?: string;
  paidFen?: number;
  paidAt?: number;
  /** Set when a callback could not be applied, e.g. 'amount_mismatch'; the order stays as it was. */
  flag?: 'amount_mismatch' | 'merchant_mismatch';
  flaggedCallback?: Record<string, unknown>;
}

export interface RefundRecord {
  /** Stable per order (`refundNumber`), so a retry never refunds twice. */
  outRefundNo: string;
  refundFen: number;
  reason: string;
  requestedAt: number;
  /** Refund calls made so far (each cron retry adds one). */
  attempts?: number;
  /** When the cron may ask again; pushed back on every attempt (backoff). */
  retryAt?: number;
  refundId?: string;
  /** The last refund call's failure, when WeChat Pay refused it (the cron retries). */
  error?: string;
  completedAt?: number;
}

/**
 * WeChat Pay shipping information (发货信息管理) of a completed order: where the mini program is
 * under trade management, paid money stays frozen until it is reported (upload_shipping_info).
 */
export interface ShippingRecord {
  /** pending: to report (the cron retries); not_managed: WeChat said it does not apply. */
  state: 'pending' | 'uploaded' | 'not_managed';
  /** upload_shipping_info's logistics_type: 4 user self-pickup (dine-in, pickup), 2 same-city. */
  logisticsType: 2 | 4;
  /** Calls made so far; each failure pushes retryAt back (backoff). */
  attempts: number;
  retryAt: number;
  /** Epoch ms of the answer that settled it (uploaded or not_managed). */
  settledAt?: number;
  lastError?: string;
}

export interface StockHold {
  goodsId: string;
  qty: number;
}

/** The document in the `orders` collection; `_id` is the order number. */
export interface Order {
  _id: string;
  orderNo: string;
  _openid: string;
  storeId: string;
  storeName: string;
  mode: OrderMode;
  dineIn: DineInInfo | null;
  pickup: PickupTime | null;
  delivery: (DeliveryAddress & { distanceMeters: number }) | null;
  lines: PricedLine[];
  amounts: OrderAmounts;
  remark: string;
  entry: EntryAttribution;
  /**
   * "A012": per store per local day, given when the order is paid ("" before), so the numbers
   * staff call out have no gaps left by orders that were never paid.
   */
  pickupNo: string;
  /** The store's local day of the order ("yyyymmdd"): created, then the day it was paid. */
  businessDate: string;
  /** The store's IANA time zone, for the local day the order is paid on. */
  timeZone?: string;
  status: OrderStatus;
  statusLog: StatusLogEntry[];
  /** Epoch ms */
  createdAt: number;
  /** Unpaid after this (epoch ms) → the cron cancels it and gives the stock back. */
  expiresAt: number;
  /** Limited-stock goods held by this order; given back at most once (see stockReleased). */
  stockHolds: StockHold[];
  stockReleased: boolean;
  payment: PaymentRecord | null;
  refund: RefundRecord | null;
  /** What the customer or staff member wrote when cancelling or rejecting (who: statusLog). */
  cancelNote?: string;
  /** When order.pay first had WeChat Pay create the payment (epoch ms, just after it did). */
  payStartedAt?: number;
  /**
   * Cancelled while its payment may still be open: close it (cloudPay.closeOrder) from this
   * moment, 5 minutes after payStartedAt as WeChat Pay requires; removed once done.
   */
  payCloseAt?: number;
  /** Set when the order is completed (ShippingRecord). */
  shipping?: ShippingRecord;
  /** A table's bill (先吃后付, issue 15): the `table_sessions` document it settles. */
  tableSessionId?: string;
  /** AA (issue 15): which share of the table's bill this order pays (1 … parts). */
  tableShare?: number;
}

/** What a customer may do with an order in its status (buttons on the detail page). */
export type CustomerAction = 'pay' | 'cancel';

export function customerActions(status: OrderStatus): CustomerAction[] {
  const actions: CustomerAction[] = [];
  if (status === 'pending_payment') actions.push('pay');
  const moves = nextStatuses(status, 'customer');
  if (moves.includes('cancelled') || moves.includes('refunding')) actions.push('cancel');
  return actions;
}

/** Order list tabs and the statuses each one shows. */
export const ORDER_TABS = {
  all: null,
  pending_payment: ['pending_payment'],
  in_progress: IN_PROGRESS_STATUSES,
  completed: ['completed'],
  closed: ['cancelled', 'refunding', 'refunded'],
} as const satisfies Record<string, readonly OrderStatus[] | null>;

export type OrderTab = keyof typeof ORDER_TABS;
