// Shapes a stored order into a board card: what the counter needs (pickup number, table or
// address, items with specs, remark, how long it has waited) and the buttons the caller may use.
// Pure functions.

import type { Order } from '../../../miniprogram/domain/order';
import { nextStatuses, type OrderStatus } from '../../../miniprogram/domain/order-status';
import { satisfies } from '../../../miniprogram/domain/roles';
import {
  BOARD_ACTION_ROLES,
  type BoardAction,
  type BoardOrder,
} from '../../../miniprogram/domain/staff';
import { type StaffRole } from '../../../miniprogram/domain/roles';

/** Which button makes which move (the role each needs: BOARD_ACTION_ROLES). */
const ACTION_OF_MOVE: Partial<Record<OrderStatus, Partial<Record<OrderStatus, BoardAction>>>> = {
  paid: { accepted: 'accept', refunding: 'reject' },
  accepted: { ready: 'ready', refunding: 'refund' },
  ready: { completed: 'complete', refunding: 'refund' },
};

export function boardActions(status: OrderStatus, role: StaffRole): BoardAction[] {
  const moves = ACTION_OF_MOVE[status] ?? {};
  return nextStatuses(status, 'staff')
    .map((to) => moves[to])
    .filter((action): action is BoardAction => Boolean(action))
    .filter((action) => satisfies(role, BOARD_ACTION_ROLES[action]));
}

export function toBoardOrder(order: Order, role: StaffRole, now: number): BoardOrder {
  const paidAt = order.payment?.paidAt ?? null;
  const since = paidAt ?? order.createdAt;
  return {
    _id: order._id,
    pickupNo: order.pickupNo,
    mode: order.mode,
    status: order.status,
    dineIn: order.dineIn,
    delivery: order.delivery,
    lines: order.lines,
    amounts: order.amounts,
    remark: order.remark,
    createdAt: order.createdAt,
    paidAt,
    waitingMinutes: Math.max(0, Math.floor((now - since) / 60_000)),
    actions: boardActions(order.status, role),
    statusLog: order.statusLog,
  };
}
