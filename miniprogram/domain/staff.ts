// The staff console contract: roles per store, the order board's tabs and every staff action's
// request and response. Shared by the staff pages and the `api` function (see docs/API.md).

import type { Category, Goods, Table } from './catalog';
import type { TimeRange } from './hours';
import type { EntrySource } from './entry';
import type { DeliveryAddress, DineInInfo, OrderAmounts, OrderMode, PricedLine } from './order';
import type { OrderStatus, StatusLogEntry } from './order-status';
import type { StaffRole } from './roles';
import type { DineInPayment } from './tables';

/** Board tabs and the order statuses each shows. */
export const BOARD_TABS = {
  new: ['paid'],
  accepted: ['accepted'],
  ready: ['ready'],
  done: ['completed'],
  refunds: ['refunding', 'refunded'],
} as const satisfies Record<string, readonly OrderStatus[]>;
export type BoardTab = keyof typeof BOARD_TABS;

/** What staff may do with an order in a status (buttons on a board card). */
export type BoardAction = 'accept' | 'reject' | 'ready' | 'complete' | 'refund';

/**
 * The store role each board move needs: rejecting a new order is everyday counter work;
 * refunding one already being made needs a manager.
 */
export const BOARD_ACTION_ROLES: Record<BoardAction, StaffRole> = {
  accept: 'staff',
  reject: 'staff',
  ready: 'staff',
  complete: 'staff',
  refund: 'manager',
};

export interface Membership {
  storeId: string;
  storeName: string;
  role: StaffRole;
}

export interface StaffMeResponse {
  /** Empty for everybody who is not staff anywhere. */
  stores: Membership[];
}

export interface CodeRequest {
  code: string;
}

export interface StoreRef {
  storeId: string;
}

export interface StaffMember {
  openid: string;
  role: StaffRole;
  name: string;
  createdAt: number;
}

export interface StaffListResponse {
  members: StaffMember[];
}

export interface StaffInviteRequest extends StoreRef {
  role: 'staff' | 'manager';
}

export interface StaffInviteResponse {
  code: string;
  expiresAt: number;
  /** A QR code (wxacode.getUnlimited) that opens the join page with the code: a data URL. */
  qrcode: string;
}

export interface StaffJoinRequest extends CodeRequest {
  name?: string;
}

export interface StaffRemoveRequest extends StoreRef {
  openid: string;
}

export interface BoardOrder {
  _id: string;
  pickupNo: string;
  mode: OrderMode;
  status: OrderStatus;
  dineIn: DineInInfo | null;
  delivery: DeliveryAddress | null;
  lines: PricedLine[];
  amounts: OrderAmounts;
  remark: string;
  createdAt: number;
  paidAt: number | null;
  /** Minutes since payment (or creation) at the time of the answer. */
  waitingMinutes: number;
  actions: BoardAction[];
  statusLog: StatusLogEntry[];
}

export interface StaffOrdersRequest extends StoreRef {
  tab: BoardTab;
  limit?: number;
}

export interface StaffOrdersResponse {
  orders: BoardOrder[];
  /** Orders waiting per tab, for the badges (done and refunds count today only). */
  counts: Record<BoardTab, number>;
  /** Server clock, epoch ms. */
  now: number;
}

export interface StaffOrderRequest extends StoreRef {
  orderId: string;
}

export interface StaffRejectRequest extends StaffOrderRequest {
  reason?: string;
}

export interface StaffOrderResponse {
  order: BoardOrder;
}

export interface StaffGoodsListResponse {
  /** The store's categories in the menu's order (by `sort`). */
  categories: Array<Pick<Category, '_id' | 'name' | 'sort'>>;
  goods: Array<
    Pick<
      Goods,
      '_id' | 'name' | 'categoryId' | 'priceFen' | 'stock' | 'onShelf' | 'soldOut' | 'sort'
    >
  >;
}

export interface StaffGoodsUpdateRequest extends StoreRef {
  goodsId: string;
  soldOut?: boolean;
  /** null = unlimited */
  stock?: number | null;
  priceFen?: number;
  onShelf?: boolean;
}

export interface StaffGoodsUpdateResponse {
  goods: StaffGoodsListResponse['goods'][number];
  catalogVersion: number;
}

export interface StaffStoreUpdateRequest extends StoreRef {
  /** null clears the override: the opening hours decide again. */
  statusOverride?: { status: 'open' | 'busy' | 'closed'; until?: number | null } | null;
  notice?: string;
  hours?: TimeRange[][];
}

export interface StaffStoreResponse {
  store: {
    _id: string;
    name: string;
    notice: string;
    hours: TimeRange[][];
    timeZone: string;
    statusOverride: StaffStoreUpdateRequest['statusOverride'];
    catalogVersion: number;
    /** Dine-in paid first (café) or after eating (restaurant tables) */
    dineInPayment: DineInPayment;
  };
}

export interface StaffTablesResponse {
  tables: Table[];
}

export interface StaffTableAddRequest extends StoreRef {
  tableNo: string;
  name?: string;
  seats?: number;
}

export interface StaffTableResponse {
  table: Table;
}

export interface StaffTableQrRequest extends StoreRef {
  tableNo: string;
}

export interface StaffTableQrResponse {
  scene: string;
  page: string;
  /** "data:image/png;base64,…" — preview it, or write it to a temp file to save it. */
  image: string;
}

export interface TodayBucket<K extends string = string> {
  key: K;
  orders: number;
  revenueFen: number;
}

export interface StaffTodayResponse {
  /** The store's local day, yyyymmdd. */
  date: string;
  orders: number;
  revenueFen: number;
  averageTicketFen: number;
  refundedFen: number;
  byMode: Array<TodayBucket<OrderMode>>;
  bySource: Array<TodayBucket<EntrySource>>;
  topGoods: Array<{ goodsId: string; name: string; qty: number; revenueFen: number }>;
  /** Today's kept orders per local hour (when placed): 24 entries, hour 0–23. */
  byHour: HourBucket[];
  /** The same weekday a week ago, to set today beside: its day, totals and hours. */
  lastWeek: { date: string; orders: number; revenueFen: number; byHour: HourBucket[] };
  /** The last 7 local days ending today, oldest first (days without orders as 0). */
  last7Days: Array<{ date: string; orders: number; revenueFen: number }>;
}

export interface HourBucket {
  /** 0–23, the store's local hour */
  hour: number;
  orders: number;
  revenueFen: number;
}

export interface StaffActions {
  'staff.me': { request: Record<string, never>; response: StaffMeResponse };
  'staff.claimOwner': { request: CodeRequest; response: StaffMeResponse };
  'staff.invite': { request: StaffInviteRequest; response: StaffInviteResponse };
  'staff.join': { request: StaffJoinRequest; response: StaffMeResponse };
  'staff.remove': { request: StaffRemoveRequest; response: StaffListResponse };
  'staff.list': { request: StoreRef; response: StaffListResponse };
  'staff.orders': { request: StaffOrdersRequest; response: StaffOrdersResponse };
  'staff.accept': { request: StaffOrderRequest; response: StaffOrderResponse };
  'staff.reject': { request: StaffRejectRequest; response: StaffOrderResponse };
  'staff.ready': { request: StaffOrderRequest; response: StaffOrderResponse };
  'staff.complete': { request: StaffOrderRequest; response: StaffOrderResponse };
  'staff.refund': { request: StaffRejectRequest; response: StaffOrderResponse };
  'staff.goods.list': { request: StoreRef; response: StaffGoodsListResponse };
  'staff.goods.update': { request: StaffGoodsUpdateRequest; response: StaffGoodsUpdateResponse };
  'staff.store.get': { request: StoreRef; response: StaffStoreResponse };
  'staff.store.update': { request: StaffStoreUpdateRequest; response: StaffStoreResponse };
  'staff.tables.list': { request: StoreRef; response: StaffTablesResponse };
  'staff.tables.add': { request: StaffTableAddRequest; response: StaffTableResponse };
  'staff.tables.qrcode': { request: StaffTableQrRequest; response: StaffTableQrResponse };
  'staff.today': { request: StoreRef; response: StaffTodayResponse };
}

export const STAFF_ACTION_NAMES: ReadonlyArray<keyof StaffActions> = [
  'staff.me',
  'staff.claimOwner',
  'staff.invite',
  'staff.join',
  'staff.remove',
  'staff.list',
  'staff.orders',
  'staff.accept',
  'staff.reject',
  'staff.ready',
  'staff.complete',
  'staff.refund',
  'staff.goods.list',
  'staff.goods.update',
  'staff.store.get',
  'staff.store.update',
  'staff.tables.list',
  'staff.tables.add',
  'staff.tables.qrcode',
  'staff.today',
];
