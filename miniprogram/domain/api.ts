// The contract of the `api` cloud function: the envelope, the action names and each action's
// request and response. The client's services and the server's handlers both type against it.

import type { Category, DeliverySettings, Goods } from './catalog';
import type { ErrorCode } from './errors';
import type { LatLng } from './geo';
import type { HoursSource, StoreStatus } from './hours';
import type {
  CustomerAction,
  EntryAttribution,
  Order,
  OrderDraft,
  OrderMode,
  OrderTab,
  Quote,
} from './order';
import type { OrderStatus } from './order-status';
import { OA_ACTION_NAMES, type OaActions } from './oa';
import { PRINT_ACTION_NAMES, type PrintActions } from './printing';
import { STAFF_ACTION_NAMES, type StaffActions } from './staff';
import { TABLE_ACTION_NAMES, type DineInPayment, type TableActions } from './tables';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** A store as customers see it: no internal fields, coordinates as lat/lng, status computed. */
export interface StoreView extends HoursSource {
  _id: string;
  name: string;
  logo: string;
  /** The picture at the top of home; '' when the store has none */
  cover: string;
  address: string;
  phone: string;
  notice: string;
  location: LatLng;
  isDefault: boolean;
  status: StoreStatus;
  /** From the caller's location, when one was given. */
  distanceMeters: number | null;
  /** Delivery terms; null or missing when the store does not deliver. */
  delivery?: DeliverySettings | null;
  /** Per takeaway order, in fen. */
  packagingFeeFen?: number;
  /** Dine-in: pay first (a café), or after eating with the table's one bill (a restaurant). */
  dineInPayment?: DineInPayment;
}

/** A goods item in the menu payload: everything the menu and spec picker need. */
export type GoodsSummary = Omit<Goods, 'description' | 'images'> & {
  /** The first image, or "" */
  image: string;
  /** The description's first line, at most BLURB_LENGTH characters: the menu card's one line */
  blurb: string;
};

export const BLURB_LENGTH = 24;

export interface CatalogHomeRequest {
  storeId?: string;
  /** The version the client has cached; equal to the current one → `unchanged`. */
  version?: string;
  location?: LatLng;
}

export interface CatalogHomeFull {
  unchanged: false;
  version: string;
  store: StoreView;
  categories: Category[];
  goods: GoodsSummary[];
}

/** The cache is current; only the live open state (it changes with the clock) comes back. */
export interface CatalogHomeUnchanged {
  unchanged: true;
  version: string;
  storeId: string;
  status: StoreStatus;
}

export type CatalogHomeResponse = CatalogHomeFull | CatalogHomeUnchanged;

export interface StoreListRequest {
  location?: LatLng;
}

export interface StoreListResponse {
  /** Nearest first when a location was given, else in the chain's own order. */
  stores: StoreView[];
}

// ---- orders ----

export interface OrderQuoteRequest extends OrderDraft {
  /** The cart's own total; the answer says whether the server's differs. */
  expectedTotalFen?: number;
}

export interface OrderQuoteResponse {
  quote: Quote;
  /** expectedTotalFen was given and differs from quote.amounts.totalFen. */
  priceChanged: boolean;
}

export interface OrderCreateRequest extends OrderDraft {
  remark?: string;
  entry?: EntryAttribution;
  /** When given and the server's total differs, nothing is created (PRICE_CHANGED). */
  expectedTotalFen?: number;
}

/** An order as its customer sees it. */
export type OrderView = Pick<
  Order,
  | '_id'
  | 'orderNo'
  | 'storeId'
  | 'storeName'
  | 'mode'
  | 'dineIn'
  | 'pickup'
  | 'delivery'
  | 'lines'
  | 'amounts'
  | 'remark'
  | 'pickupNo'
  | 'status'
  | 'statusLog'
  | 'createdAt'
  | 'expiresAt'
> & {
  paidAt: number | null;
  /** Why it was cancelled or rejected, in the words given ('' when none). */
  cancelNote: string;
  refund: { refundFen: number; completed: boolean } | null;
  actions: CustomerAction[];
};

export interface OrderSummary {
  _id: string;
  orderNo: string;
  storeName: string;
  mode: OrderMode;
  pickupNo: string;
  status: OrderStatus;
  totalFen: number;
  /** What was ordered, for the card's one line ("拿铁 ×2、美式咖啡") and its count */
  items: Array<{ name: string; qty: number }>;
  image: string;
  createdAt: number;
  /** Until when an unpaid order can be paid (epoch ms) */
  expiresAt: number;
  actions: CustomerAction[];
}

export interface OrderResponse {
  order: OrderView;
}

export interface OrderRef {
  orderId: string;
}

export interface OrderCancelRequest extends OrderRef {
  reason?: string;
}

/** Exactly what wx.requestPayment takes (besides the callbacks). */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'MD5' | 'HMAC-SHA256' | 'RSA';
  paySign: string;
}

export interface OrderPayResponse {
  orderId: string;
  totalFen: number;
  payment: RequestPaymentParams;
}

export interface OrderListRequest {
  tab?: OrderTab;
  offset?: number;
  limit?: number;
}

export interface OrderListResponse {
  orders: OrderSummary[];
  hasMore: boolean;
}

/** Every action: its request and response types. Later issues add their actions here. */
export interface ApiActions extends StaffActions, OaActions, PrintActions, TableActions {
  'catalog.home': { request: CatalogHomeRequest; response: CatalogHomeResponse };
  'store.list': { request: StoreListRequest; response: StoreListResponse };
  'order.quote': { request: OrderQuoteRequest; response: OrderQuoteResponse };
  'order.create': { request: OrderCreateRequest; response: OrderResponse };
  'order.pay': { request: OrderRef; response: OrderPayResponse };
  'order.sync': { request: OrderRef; response: OrderResponse };
  'order.list': { request: OrderListRequest; response: OrderListResponse };
  'order.detail': { request: OrderRef; response: OrderResponse };
  'order.cancel': { request: OrderCancelRequest; response: OrderResponse };
}

export type ActionName = keyof ApiActions;
export type ActionRequest<A extends ActionName> = ApiActions[A]['request'];
export type ActionResponse<A extends ActionName> = ApiActions[A]['response'];

export const ACTION_NAMES: readonly ActionName[] = [
  'catalog.home',
  'store.list',
  'order.quote',
  'order.create',
  'order.pay',
  'order.sync',
  'order.list',
  'order.detail',
  'order.cancel',
  ...STAFF_ACTION_NAMES,
  ...OA_ACTION_NAMES,
  ...PRINT_ACTION_NAMES,
  ...TABLE_ACTION_NAMES,
];

/** The event the client sends: wx.cloud.callFunction({ name: 'api', data: ApiEvent }). */
export interface ApiEvent<A extends ActionName = ActionName> {
  action: A;
  data: ActionRequest<A>;
}
