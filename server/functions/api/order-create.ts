// order.create: price from the database, take limited stock atomically and store the order.
// Anything that fails after the stock was taken gives it back before the error reaches the
// caller, so a failed create leaves no order and no held stock behind. The pickup number comes
// with the payment (payment-result.ts), not here.

import { randomInt } from 'crypto';
import type { OrderCreateRequest } from '../../../miniprogram/domain/api';
import { DomainError } from '../../../miniprogram/domain/errors';
import type { Order, Quote, StockHold } from '../../../miniprogram/domain/order';
import { businessDate, orderNumber } from '../../../miniprogram/domain/order-number';
import { priceOrder, stockHolds } from '../../../miniprogram/domain/order-pricing';
import { initialStatus } from '../../../miniprogram/domain/order-status';
import { unpaidOrderTtlMinutes } from '../../config';
import type { Database } from '../../lib/cloud';
import { findById } from '../../lib/db';
import { releaseStock, reserveStock } from '../../lib/orders/stock';
import { loadPricingCatalog } from './order-catalog';
import { COLLECTIONS } from '../../lib/collections';

const randomDigit = (): number => randomInt(0, 10) / 10;

function assertExpectedTotal(quote: Quote, expectedTotalFen: number | undefined): void {
  if (expectedTotalFen !== undefined && expectedTotalFen !== quote.amounts.totalFen) {
    throw new DomainError(
      'PRICE_CHANGED',
      `价格有变化：应付 ${quote.amounts.totalFen / 100} 元 (expected ${expectedTotalFen} fen, now ${quote.amounts.totalFen} fen)`,
    );
  }
}

function buildOrder(
  request: OrderCreateRequest,
  quote: Quote,
  context: { openid: string; storeName: string; timeZone: string; holds: StockHold[] },
  now: Date,
): Order {
  const createdAt = now.getTime();
  const orderNo = orderNumber(createdAt, context.timeZone, randomDigit);
  const created = initialStatus({ role: 'customer', id: context.openid }, now);
  return {
    _id: orderNo,
    orderNo,
    _openid: context.openid,
    storeId: quote.storeId,
    storeName: context.storeName,
    mode: quote.mode,
    dineIn: request.mode === 'dine_in' ? (request.dineIn ?? null) : null,
    pickup: request.mode === 'pickup' ? (request.pickup ?? null) : null,
    delivery:
      request.mode === 'delivery' && request.delivery
        ? { ...request.delivery, distanceMeters: quote.distanceMeters ?? 0 }
        : null,
    lines: quote.lines,
    amounts: quote.amounts,
    remark: request.remark ?? '',
    entry: request.entry ?? { source: 'other', scene: 0 },
    pickupNo: '',
    businessDate: businessDate(createdAt, context.timeZone),
    timeZone: context.timeZone,
    status: created.status,
    statusLog: [created.log],
    createdAt,
    expiresAt: createdAt + unpaidOrderTtlMinutes() * 60_000,
    stockHolds: context.holds,
    stockReleased: false,
    payment: null,
    refund: null,
  };
}

export async function createOrder(
  db: Database,
  request: OrderCreateRequest,
  openid: string,
  now: Date = new Date(),
): Promise<Order> {
  const catalog = await loadPricingCatalog(db, request);
  const quote = priceOrder(request, catalog, now);
  assertExpectedTotal(quote, request.expectedTotalFen);
  const holds = stockHolds(quote.lines, catalog.goods);
  const names = new Map(catalog.goods.map((goods) => [goods._id, goods.name]));
  await reserveStock(db, holds, names);
  let order: Order | null = null;
  try {
    const { store } = catalog;
    const context = { openid, storeName: store.name, timeZone: store.timeZone, holds };
    order = buildOrder(request, quote, context, now);
    const { _id, ...data } = order;
    await db.collection(COLLECTIONS.orders).add({ data: { _id, ...data } });
    return order;
  } catch (error) {
    // A write that timed out may still have landed: then the order holds the stock, and giving
    // it back here would let a later cancel give it back twice.
    const stored = order && (await findById(db, COLLECTIONS.orders, order._id).catch(() => null));
    if (order && stored) return order;
    await releaseStock(db, holds);
    throw error;
  }
}
