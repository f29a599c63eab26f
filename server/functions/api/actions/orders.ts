// Order actions of a customer: quote, create, pay, sync after paying, list, detail, cancel.
// Every one acts only on the caller's own orders (openid from the platform context).

import type {
  OrderCancelRequest,
  OrderCreateRequest,
  OrderListRequest,
  OrderListResponse,
  OrderPayResponse,
  OrderQuoteRequest,
  OrderQuoteResponse,
  OrderRef,
  OrderResponse,
  RequestPaymentParams,
} from '../../../../miniprogram/domain/api';
import { DomainError } from '../../../../miniprogram/domain/errors';
import { ORDER_TABS, type Order } from '../../../../miniprogram/domain/order';
import { priceOrder } from '../../../../miniprogram/domain/order-pricing';
import { transition, type Actor } from '../../../../miniprogram/domain/order-status';
import { cloud, getDb, type Database } from '../../../lib/cloud';
import { fetchDocs } from '../../../lib/db';
import type { ActionSpec, Caller } from '../../../lib/dispatch';
import { cancelPaid, cancelUnpaid } from '../../../lib/orders/cancel';
import { loadOwnOrder, updateWhileStatus } from '../../../lib/orders/order-store';
import { failureText, payWindowOpen, succeeded, unifiedOrder } from '../../../lib/orders/pay';
import { syncPayment } from '../../../lib/orders/sync';
import { createOrder } from '../order-create';
import { loadPricingCatalog } from '../order-catalog';
import { toOrderSummary, toOrderView } from '../order-views';
import { cancelInput, createInput, listInput, orderRef, quoteInput } from './order-schemas';
import { COLLECTIONS } from '../../../lib/collections';

async function ownOrder(db: Database, orderId: string, caller: Caller): Promise<Order> {
  const order = await loadOwnOrder(db, orderId, caller.openid);
  if (!order) throw new DomainError('NOT_FOUND', `订单不存在 (order "${orderId}")`);
  return order;
}

const customer = (caller: Caller): Actor => ({ role: 'customer', id: caller.openid });

export const orderQuote: ActionSpec<OrderQuoteRequest, OrderQuoteResponse> = {
  input: quoteInput,
  role: 'customer',
  async handler(request) {
    const catalog = await loadPricingCatalog(getDb(), request);
    const quote = priceOrder(request, catalog, new Date());
    const priceChanged =
      request.expectedTotalFen !== undefined && request.expectedTotalFen !== quote.amounts.totalFen;
    return { quote, priceChanged };
  },
};

export const orderCreate: ActionSpec<OrderCreateRequest, OrderResponse> = {
  input: createInput,
  role: 'customer',
  async handler(request, caller) {
    return { order: toOrderView(await createOrder(getDb(), request, caller.openid)) };
  },
};

export const orderPay: ActionSpec<OrderRef, OrderPayResponse> = {
  input: orderRef,
  role: 'customer',
  async handler({ orderId }, caller) {
    const db = getDb();
    const order = await ownOrder(db, orderId, caller);
    if (order.status !== 'pending_payment') {
      throw new DomainError('ORDER_NOT_PAYABLE', '订单无需支付');
    }
    // The payment expires with the order (timeExpire); too little time left for WeChat Pay's
    // one-minute minimum means the order is as good as expired (see payWindowOpen).
    if (!payWindowOpen(order)) {
      throw new DomainError(
        'ORDER_NOT_PAYABLE',
        order.expiresAt <= Date.now() ? '订单已超时' : '订单即将超时，请重新下单',
      );
    }
    const { CLIENTIP } = cloud.getWXContext() as { CLIENTIP?: string };
    const answer = await unifiedOrder(order, CLIENTIP ?? '');
    if (!succeeded(answer) || !answer.payment) {
      throw new DomainError('PAYMENT_FAILED', `发起支付失败 (${failureText(answer)})`);
    }
    // Recorded after WeChat Pay made the payment, so a cancel's closeOrder (5 minutes later) is
    // never too soon. An order cancelled or expired meanwhile is not handed its payment.
    const started = { payStartedAt: Date.now() };
    if (
      order.payStartedAt === undefined &&
      !(await updateWhileStatus(db, orderId, order.status, started))
    ) {
      throw new DomainError('ORDER_NOT_PAYABLE', '订单已取消或超时');
    }
    return {
      orderId: order._id,
      totalFen: order.amounts.totalFen,
      payment: answer.payment as RequestPaymentParams,
    };
  },
};

export const orderSync: ActionSpec<OrderRef, OrderResponse> = {
  input: orderRef,
  role: 'customer',
  async handler({ orderId }, caller) {
    const db = getDb();
    const order = await ownOrder(db, orderId, caller);
    if (order.status !== 'pending_payment') return { order: toOrderView(order) };
    await syncPayment(db, order);
    return { order: toOrderView(await ownOrder(db, orderId, caller)) };
  },
};

export const orderList: ActionSpec<OrderListRequest, OrderListResponse> = {
  input: listInput,
  role: 'customer',
  async handler({ tab = 'all', offset = 0, limit = 10 }, caller) {
    const db = getDb();
    const _ = db.command;
    const statuses = ORDER_TABS[tab];
    const where = statuses
      ? { _openid: caller.openid, status: _.in([...statuses]) }
      : { _openid: caller.openid };
    const page = await fetchDocs<Order>(
      db
        .collection(COLLECTIONS.orders)
        .where(where)
        .orderBy('createdAt', 'desc')
        .skip(offset)
        .limit(limit + 1),
    );
    return { orders: page.slice(0, limit).map(toOrderSummary), hasMore: page.length > limit };
  },
};

export const orderDetail: ActionSpec<OrderRef, OrderResponse> = {
  input: orderRef,
  role: 'customer',
  async handler({ orderId }, caller) {
    return { order: toOrderView(await ownOrder(getDb(), orderId, caller)) };
  },
};

// A payment or the expiry may change the order between our read and our write; re-read then.
const CANCEL_ATTEMPTS = 3;

export const orderCancel: ActionSpec<OrderCancelRequest, OrderResponse> = {
  input: cancelInput,
  role: 'customer',
  async handler({ orderId, reason = '' }, caller) {
    const db = getDb();
    const note = reason.trim();
    for (let attempt = 0; attempt < CANCEL_ATTEMPTS; attempt += 1) {
      const order = await ownOrder(db, orderId, caller);
      let changed: Order | null;
      if (order.status === 'pending_payment') {
        changed = await cancelUnpaid(db, order, customer(caller), new Date(), note);
      } else if (order.status === 'paid') {
        changed = await cancelPaid(
          db,
          order,
          customer(caller),
          'customer_cancel',
          new Date(),
          note,
        );
      } else {
        // Not cancellable by a customer: the status machine says why (ILLEGAL_TRANSITION).
        transition(order, 'cancelled', customer(caller));
        changed = null;
      }
      if (changed) return { order: toOrderView(await ownOrder(db, orderId, caller)) };
    }
    throw new DomainError('INTERNAL', '订单状态正在变化，请稍后重试');
  },
};
