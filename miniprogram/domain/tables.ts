// Restaurant tables (issue 15): diners at one table share one session — one cart, rounds sent
// to the kitchen (加菜) and one bill paid at the end (先吃后付). The contract of the table
// actions and THE session status machine (the same shape as order-status.ts: every session
// status change on the server goes through `transitionSession`, which returns its log entry).
// Money is integer fen.

import { DomainError } from './errors';
import type { OrderLineInput, PricedLine } from './order';
import { isStaffRole, type ActorRole } from './roles';

/** Store setting: pay before ordering (today's café flow, the default) or after eating. */
export const DINE_IN_PAYMENTS = ['first', 'after'] as const;
export type DineInPayment = (typeof DINE_IN_PAYMENTS)[number];

/** Idle minutes after which the cron ends an unpaid session (store setting `tableIdleMinutes`). */
export const DEFAULT_TABLE_IDLE_MINUTES = 180;

/** How often the table page asks `table.get` (ms); answers "unchanged" while nothing moved. */
export const TABLE_POLL_MS = 2000;

/**
 * A WeChat Pay prepayment is bound to the payer's openid, so a bill is paid by the diner who
 * tapped 买单. Another diner's 买单 within this time is told someone is paying
 * (ORDER_NOT_PAYABLE); after it, the first diner's bill is withdrawn (a payment that still
 * lands for it is refunded) and a new one made for the second.
 */
export const BILL_PAY_LOCK_MS = 3 * 60_000;

// ---- the session status machine ----

export const SESSION_STATUSES = ['open', 'paying', 'paid', 'closed', 'expired'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  open: '用餐中',
  paying: '待支付',
  paid: '已买单',
  closed: '已结束',
  expired: '已超时结束',
};

/** Statuses in which the session is the table's current one (a scan joins it). */
export const LIVE_SESSION_STATUSES: readonly SessionStatus[] = ['open', 'paying'];

export interface SessionLogEntry {
  from: SessionStatus;
  to: SessionStatus;
  by: string;
  role: ActorRole;
  at: number;
  /** A manager's reason for closing an unpaid table, or what the system did. */
  note?: string;
}

type Allowed = Partial<Record<SessionStatus, readonly ActorRole[]>>;

// from → to → who may. 'staff' stands for every store role; closing unpaid needs 'manager'.
const SESSION_TRANSITIONS: Record<SessionStatus, Allowed> = {
  open: {
    paying: ['customer', 'staff'], // 买单: the bill order is created
    paid: ['staff'], // paid at the counter (cash, card, other)
    closed: ['manager'], // closed unpaid, with a reason
    expired: ['system'], // idle longer than the store allows
  },
  paying: {
    open: ['customer', 'staff', 'system'], // 加菜 while paying: the unpaid bill is withdrawn
    paid: ['staff', 'system'], // counter, or the WeChat Pay callback
    closed: ['manager'],
    expired: ['system'],
  },
  paid: {
    closed: ['staff', 'system'], // table cleared; a new scan closes it too
  },
  closed: {},
  expired: {},
};

function mayAct(allowed: readonly ActorRole[] | undefined, role: ActorRole): boolean {
  if (!allowed) return false;
  if (allowed.includes(role)) return true;
  if (!isStaffRole(role)) return false;
  if (allowed.includes('staff')) return true;
  return allowed.includes('manager') && (role === 'manager' || role === 'owner');
}

export function isSessionStatus(value: unknown): value is SessionStatus {
  return typeof value === 'string' && (SESSION_STATUSES as readonly string[]).includes(value);
}

export function canTransitionSession(
  from: SessionStatus,
  to: SessionStatus,
  role: ActorRole,
): boolean {
  return mayAct(SESSION_TRANSITIONS[from]?.[to], role);
}

export function transitionSession(
  session: { status: SessionStatus },
  to: SessionStatus,
  actor: { role: ActorRole; id: string },
  at: Date = new Date(),
  note?: string,
): { status: SessionStatus; log: SessionLogEntry } {
  const from = session.status;
  if (!isSessionStatus(from) || !canTransitionSession(from, to, actor.role)) {
    const fromLabel = isSessionStatus(from) ? SESSION_STATUS_LABELS[from] : String(from);
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `桌台不能从「${fromLabel}」变为「${SESSION_STATUS_LABELS[to] ?? to}」(${String(from)} → ${to} is not allowed for ${actor.role})`,
    );
  }
  const log: SessionLogEntry = { from, to, by: actor.id, role: actor.role, at: at.getTime() };
  if (note) log.note = note;
  return { status: to, log };
}

// ---- round lines ----

/** A sent line: `sent` until staff cancel it before it is made (stock back). */
export const LINE_STATUSES = ['sent', 'cancelled'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** Who added a line: the seat is the diner's join order in the session (座位 n). */
export interface AddedBy {
  seat: number;
  /** 'diner' for a phone at the table, 'staff' for a round entered at the console. */
  kind: 'diner' | 'staff';
}

// ---- stored (server) shapes ----

export interface SessionMember {
  openid: string;
  joinedAt: number;
}

export interface CartLine extends OrderLineInput {
  lineId: string;
  /** openid of the diner, or of the staff member; never sent to other diners. */
  by: string;
  addedAt: number;
}

export interface RoundLine extends PricedLine {
  lineId: string;
  by: string;
  seat: number;
  status: LineStatus;
  /** Limited stock this line took when its round was sent (0 for unlimited goods). */
  stockHeld: number;
  cancelledBy?: string;
  cancelledAt?: number;
}

export interface Round {
  roundId: string;
  /** 1, 2, 3 … in the session */
  no: number;
  sentBy: string;
  sentByRole: ActorRole;
  sentAt: number;
  lines: RoundLine[];
  /** When staff marked it made (出品; 0 or missing: not yet): its lines are then a manager's to cancel. */
  madeAt?: number;
  madeBy?: string;
}

export interface Settlement {
  method: 'wechat' | 'cash' | 'card' | 'other';
  fen: number;
  by: string;
  role: ActorRole;
  at: number;
  /** The bill order (WeChat Pay) */
  orderId?: string;
  note?: string;
}

/** One part of an even split (AA): paid by whoever claims it, through its own order. */
export interface BillShare {
  /** 1 … parts */
  no: number;
  fen: number;
  /** The share's order while claimed ('' when free) */
  orderId: string;
  /** openid of the diner paying it ('' when free) */
  by: string;
  /** Epoch ms of its payment (0 until paid) */
  paidAt: number;
}

export interface BillSplit {
  parts: number;
  shares: BillShare[];
}

/** AA: 2 to this many parts. */
export const MAX_SPLIT_PARTS = 20;

/** `totalFen` in `parts` integer shares differing by at most 1 fen, the larger ones first. */
export function splitFen(totalFen: number, parts: number): number[] {
  const base = Math.floor(totalFen / parts);
  const extra = totalFen - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The document in `table_sessions`. */
export interface TableSession {
  _id: string;
  storeId: string;
  /** The table it sits at (staff may move it: staff.table.move). */
  tableNo: string;
  status: SessionStatus;
  statusLog: SessionLogEntry[];
  /** Bumped by every change; `table.get` answers `unchanged` when the client has it. */
  version: number;
  members: SessionMember[];
  cart: CartLine[];
  rounds: Round[];
  /** The pending bill order (`orders`) while `paying`, the paid one after. */
  billOrderId: string;
  /** openid of the diner paying the bill order ('' when none) */
  billBy: string;
  /** An even split (AA) instead of one bill order, while paying and after (null: none). */
  split?: BillSplit | null;
  settlement: Settlement | null;
  /** When it became paid, and what was paid in all (WeChat Pay, AA shares and the counter). */
  paidAt?: number;
  paidFen?: number;
  closeNote: string;
  createdAt: number;
  lastActivityAt: number;
  closedAt: number | null;
}

// ---- views ----

export interface CartLineView extends OrderLineInput {
  lineId: string;
  addedBy: AddedBy;
  /** Added from the caller's phone */
  mine: boolean;
}

export interface RoundLineView extends PricedLine {
  lineId: string;
  addedBy: AddedBy;
  mine: boolean;
  status: LineStatus;
}

export interface RoundView {
  roundId: string;
  no: number;
  sentAt: number;
  lines: RoundLineView[];
  /** Σ lineTotalFen of its lines not cancelled */
  itemsFen: number;
  /** When staff marked it made (0: not yet) */
  madeAt: number;
}

export interface BillView {
  /** Every round, less what was cancelled: what 买单 charges. */
  totalFen: number;
  itemCount: number;
  /** The bill order while paying / once paid by WeChat Pay, '' otherwise */
  orderId: string;
  /** While paying: the seat of the diner paying (座位 n 正在买单); 0 otherwise */
  payingSeat: number;
  /** AA: every share, who is paying it and whether it is paid (null: one bill) */
  split: {
    parts: number;
    shares: Array<{
      no: number;
      fen: number;
      state: 'open' | 'paying' | 'paid';
      /** The seat paying or that paid it (0: nobody yet) */
      seat: number;
      mine: boolean;
    }>;
  } | null;
  settlement: Omit<Settlement, 'by'> | null;
}

export interface TableSessionView {
  sessionId: string;
  storeId: string;
  tableNo: string;
  status: SessionStatus;
  version: number;
  /** The caller's seat (0 for staff) */
  seat: number;
  diners: number;
  cart: CartLineView[];
  rounds: RoundView[];
  bill: BillView;
  createdAt: number;
  lastActivityAt: number;
}

/** The staff view adds the log and the seat of every member. */
export interface StaffTableSessionView extends TableSessionView {
  statusLog: SessionLogEntry[];
  closeNote: string;
}

/** The 桌台 view: free, ordering (cart only), eating (rounds sent), waiting to pay, paid. */
export const TABLE_STATES = ['free', 'ordering', 'eating', 'paying', 'paid'] as const;
export type TableState = (typeof TABLE_STATES)[number];

export const TABLE_STATE_LABELS: Record<TableState, string> = {
  free: '空闲',
  ordering: '点餐中',
  eating: '用餐中',
  paying: '待买单',
  paid: '已买单',
};

export interface TableBoardEntry {
  tableNo: string;
  name: string;
  seats: number;
  state: TableState;
  sessionId: string;
  billFen: number;
  diners: number;
  rounds: number;
  /** When the latest round was sent (0: none): the console rings when it grows. */
  lastRoundAt: number;
  /** Rounds sent and not yet marked made */
  roundsToMake: number;
  /** Lines in the shared cart, not sent yet */
  cartLines: number;
  /** Epoch ms the session opened (0 when free) */
  openedAt: number;
}

/** A session the cron ended for idling (last 12 h), so staff are told. */
export interface ExpiredTableEntry {
  sessionId: string;
  tableNo: string;
  billFen: number;
  expiredAt: number;
}

// ---- requests / responses ----

export interface TableJoinRequest {
  storeId: string;
  tableNo: string;
}
export interface SessionRef {
  sessionId: string;
}
export interface TableGetRequest extends SessionRef {
  version?: number;
}
export type TableGetResponse =
  | { unchanged: true; version: number; status: SessionStatus }
  | { unchanged: false; session: TableSessionView };
export interface TableSessionResponse {
  session: TableSessionView;
}
export interface TableCartAddRequest extends SessionRef, OrderLineInput {}
export interface TableCartRemoveRequest extends SessionRef {
  lineId: string;
}
export interface TableSplitRequest extends SessionRef {
  parts: number;
}
export interface TablePayResponse {
  sessionId: string;
  /** AA: the share this payment is (absent for the whole bill) */
  share?: { no: number; parts: number };
  orderId: string;
  /** The bill order's number: WeChat Pay's out_trade_no */
  orderNo: string;
  totalFen: number;
  payment: {
    timeStamp: string;
    nonceStr: string;
    package: string;
    signType: 'MD5' | 'HMAC-SHA256' | 'RSA';
    paySign: string;
  };
}

export interface StaffTableRef {
  storeId: string;
  sessionId: string;
}
export interface StaffTableBoardResponse {
  tables: TableBoardEntry[];
  expired: ExpiredTableEntry[];
}
export interface StaffTableSessionResponse {
  session: StaffTableSessionView;
}
export interface StaffTableRoundRequest extends StaffTableRef {
  lines: OrderLineInput[];
}
export interface StaffTableCancelLineRequest extends StaffTableRef {
  lineId: string;
}
export interface StaffTableRoundRef extends StaffTableRef {
  roundId: string;
}
export interface StaffTableMoveRequest extends StaffTableRef {
  toTableNo: string;
}
export interface StaffTableMarkPaidRequest extends StaffTableRef {
  method: 'cash' | 'card' | 'other';
  note?: string;
}
export interface StaffTableCloseRequest extends StaffTableRef {
  /** Required (manager) when the bill is not paid */
  reason?: string;
}
export interface StaffTableSettingsRequest {
  storeId: string;
  dineInPayment?: DineInPayment;
  tableIdleMinutes?: number;
}
export interface StaffTableSettingsResponse {
  dineInPayment: DineInPayment;
  tableIdleMinutes: number;
}

export interface TableActions {
  'table.join': { request: TableJoinRequest; response: TableSessionResponse };
  'table.get': { request: TableGetRequest; response: TableGetResponse };
  'table.cart.add': { request: TableCartAddRequest; response: TableSessionResponse };
  'table.cart.remove': { request: TableCartRemoveRequest; response: TableSessionResponse };
  'table.order': { request: SessionRef; response: TableSessionResponse };
  'table.pay': { request: SessionRef; response: TablePayResponse };
  'table.split': { request: TableSplitRequest; response: TableSessionResponse };
  'staff.table.board': { request: { storeId: string }; response: StaffTableBoardResponse };
  'staff.table.get': { request: StaffTableRef; response: StaffTableSessionResponse };
  'staff.table.round': { request: StaffTableRoundRequest; response: StaffTableSessionResponse };
  'staff.table.cancelLine': {
    request: StaffTableCancelLineRequest;
    response: StaffTableSessionResponse;
  };
  'staff.table.made': { request: StaffTableRoundRef; response: StaffTableSessionResponse };
  'staff.table.move': { request: StaffTableMoveRequest; response: StaffTableSessionResponse };
  'staff.table.markPaid': {
    request: StaffTableMarkPaidRequest;
    response: StaffTableSessionResponse;
  };
  'staff.table.close': { request: StaffTableCloseRequest; response: StaffTableSessionResponse };
  'staff.table.settings': {
    request: StaffTableSettingsRequest;
    response: StaffTableSettingsResponse;
  };
}

export const TABLE_ACTION_NAMES: ReadonlyArray<keyof TableActions> = [
  'table.join',
  'table.get',
  'table.cart.add',
  'table.cart.remove',
  'table.order',
  'table.pay',
  'table.split',
  'staff.table.board',
  'staff.table.get',
  'staff.table.round',
  'staff.table.cancelLine',
  'staff.table.made',
  'staff.table.move',
  'staff.table.markPaid',
  'staff.table.close',
  'staff.table.settings',
];

/** A round's line as an order line (the bill order, the kitchen's round ticket). */
export function asPricedLine(line: RoundLine): PricedLine {
  return {
    goodsId: line.goodsId,
    name: line.name,
    image: line.image,
    specs: line.specs,
    addOns: line.addOns,
    description: line.description,
    qty: line.qty,
    unitPriceFen: line.unitPriceFen,
    lineTotalFen: line.lineTotalFen,
  };
}

/** Σ of the lines not cancelled, over every round. */
export function billFen(rounds: Pick<Round, 'lines'>[]): number {
  let total = 0;
  for (const round of rounds) {
    for (const line of round.lines) if (line.status === 'sent') total += line.lineTotalFen;
  }
  return total;
}
