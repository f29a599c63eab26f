// Shapes stored orders into what their customer receives: no openid, stock bookkeeping or raw
// payment callbacks. Pure functions.

import type { OrderSummary, OrderView } from '../../../miniprogram/domain/api';
import { customerActions, type Order } from '../../../miniprogram/domain/order';

export function toOrderView(order: Order): OrderView {
  return {
    _id: order._id,
    orderNo: order.orderNo,
    storeId: order.storeId,
    storeName: order.storeName,
    mode: order.mode,
    dineIn: order.dineIn,
    pickup: order.pickup,
    delivery: order.delivery,
    lines: order.lines,
    amounts: order.amounts,
    remark: order.remark,
    pickupNo: order.pickupNo,
    status: order.status,
    statusLog: order.statusLog,
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    paidAt: order.payment?.paidAt ?? null,
    cancelNote: order.cancelNote ?? '',
    refund: order.refund
      ? { refundFen: order.refund.refundFen, completed: order.status === 'refunded' }
      : null,
    actions: customerActions(order.status),
  };
}

export function toOrderSummary(order: Order): OrderSummary {
  return {
    _id: order._id,
    orderNo: order.orderNo,
    storeName: order.storeName,
    mode: order.mode,
    pickupNo: order.pickupNo,
    status: order.status,
    totalFen: order.amounts.totalFen,
    items: order.lines.map((line) => ({ name: line.name, qty: line.qty })),
    image: order.lines[0]?.image ?? '',
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    actions: customerActions(order.status),
  };
}
