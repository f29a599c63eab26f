// THE order status machine. Every status change on the server goes through `transition`, which
// refuses anything not in TRANSITIONS and returns the log entry to store with the new status.

import { DomainError } from './errors';
import { isStaffRole, type ActorRole } from './roles';

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'accepted',
  'ready',
  'completed',
  'cancelled',
  'refunding',
  'refunded',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Chinese labels of the statuses, shown to customers and staff. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: '待支付',
  paid: '待接单',
  accepted: '制作中',
  ready: '待取餐',
  completed: '已完成',
  cancelled: '已取消',
  refunding: '退款中',
  refunded: '已退款',
};

/** Paid and not yet handed over: what the store is working on. */
export const IN_PROGRESS_STATUSES: readonly OrderStatus[] = ['paid', 'accepted', 'ready'];

/** Paid and standing: the store has the money and the order goes on (or went through). */
export const PAID_STATUSES: readonly OrderStatus[] = [...IN_PROGRESS_STATUSES, 'completed'];

/** The payment went through, whatever happened since (a refund included). */
export const PAYMENT_RECEIVED_STATUSES: readonly OrderStatus[] = [
  ...PAID_STATUSES,
  'refunding',
  'refunded',
];

export interface Actor {
  role: ActorRole;
  /** openid for people, a fixed name for system actors (e.g. "payNotify", "cron"). */
  id: string;
}

export interface StatusLogEntry {
  from: OrderStatus;
  to: OrderStatus;
  by: string;
  role: ActorRole;
  /** Epoch ms */
  at: number;
}

type Allowed = Partial<Record<OrderStatus, readonly ActorRole[]>>;

// from → to → who may make that move. 'staff' stands for every store role (staff, manager,
// owner): see `mayAct`.
const TRANSITIONS: Record<OrderStatus, Allowed> = {
  pending_payment: {
    paid: ['system'], // the pay callback, or an active queryOrder
    cancelled: ['customer', 'staff', 'system'], // customer gives up, staff voids, or expiry
  },
  paid: {
    accepted: ['staff'],
    // A table's bill (先吃后付, issue 15): the meal was served before it was paid.
    completed: ['system'],
    refunding: ['customer', 'staff'], // customer cancels before acceptance, or staff rejects
  },
  accepted: {
    ready: ['staff'],
    refunding: ['staff'],
  },
  ready: {
    completed: ['staff', 'system'],
    refunding: ['staff'],
  },
  completed: {},
  cancelled: {
    refunding: ['system'], // a payment that lands after expiry is refunded automatically
  },
  refunding: {
    refunded: ['system'], // the refund result callback
  },
  refunded: {},
};

function mayAct(allowed: readonly ActorRole[] | undefined, role: ActorRole): boolean {
  if (!allowed) return false;
  return allowed.includes(role) || (isStaffRole(role) && allowed.includes('staff'));
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

/** No move leads out of a final status. */
export function isFinalStatus(status: OrderStatus): boolean {
  return Object.keys(TRANSITIONS[status]).length === 0;
}

export function canTransition(from: OrderStatus, to: OrderStatus, role: ActorRole): boolean {
  return mayAct(TRANSITIONS[from]?.[to], role);
}

/** The statuses `role` may move an order to from `from` — drives which buttons a page shows. */
export function nextStatuses(from: OrderStatus, role: ActorRole): OrderStatus[] {
  return ORDER_STATUSES.filter((to) => canTransition(from, to, role));
}

/**
 * Moves `order` to `to` on behalf of `actor`. Returns the new status and the log entry to append;
 * throws ILLEGAL_TRANSITION (and changes nothing) when the move is not allowed.
 */
export function transition(
  order: { status: OrderStatus },
  to: OrderStatus,
  actor: Actor,
  at: Date = new Date(),
): { status: OrderStatus; log: StatusLogEntry } {
  const from = order.status;
  if (!isOrderStatus(from) || !isOrderStatus(to) || !canTransition(from, to, actor.role)) {
    const fromLabel = isOrderStatus(from) ? ORDER_STATUS_LABELS[from] : String(from);
    const toLabel = isOrderStatus(to) ? ORDER_STATUS_LABELS[to] : String(to);
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `订单不能从「${fromLabel}」变为「${toLabel}」(${String(from)} → ${String(to)} is not allowed for ${actor.role})`,
    );
  }
  return { status: to, log: { from, to, by: actor.id, role: actor.role, at: at.getTime() } };
}

/** Every order enters the machine here. */
export const INITIAL_STATUS: OrderStatus = 'pending_payment';

/**
 * The status and first log entry of a new order. The entry has from === to === INITIAL_STATUS:
 * it records who created the order and when, not a move.
 */
export function initialStatus(
  actor: Actor,
  at: Date = new Date(),
): { status: OrderStatus; log: StatusLogEntry } {
  return {
    status: INITIAL_STATUS,
    log: {
      from: INITIAL_STATUS,
      to: INITIAL_STATUS,
      by: actor.id,
      role: actor.role,
      at: at.getTime(),
    },
  };
}
