// Pickup numbers are given with the payment, once per paid order, without gaps — also when
// reports race each other, when the callback never arrives and when the payer dies half-way.

import type { Order } from '../../../miniprogram/domain/order';
import type { Database } from '../../../server/lib/cloud';
import { updateAndReturn } from '../../../server/lib/db';
import { applyPayment } from '../../../server/lib/orders/payment-result';
import { assignPickupNumber } from '../../../server/lib/orders/pickup-counter';
import {
  dataOf,
  ESPRESSO,
  type OrderCloud,
  pickupDraft,
  startOrderCloud,
  STORE,
} from './order-cloud';

jest.setTimeout(60_000);

let cloud: OrderCloud;

beforeAll(async () => {
  cloud = await startOrderCloud();
  await cloud.setStock(ESPRESSO, 100);
}, 60_000);
afterAll(() => cloud?.cloud.stop());

/** The day's counter for the demo store (0 before the first paid order). */
async function counterValue(): Promise<number> {
  const { data } = await cloud.db.collection('counters').where({ storeId: STORE }).get();
  return (data as Array<{ value: number }>).reduce((sum, counter) => sum + counter.value, 0);
}

/** An order paid in the sandbox whose callback went nowhere (WeChat could not reach payNotify). */
async function paidWithLostCallback(openid: string): Promise<string> {
  const { order } = dataOf(await cloud.as(openid, 'order.create', pickupDraft(ESPRESSO, 1)));
  dataOf(await cloud.as(openid, 'order.pay', { orderId: order._id }));
  const payment = cloud.db.collection('__local_payments').doc(order._id);
  await payment.update({ data: { functionName: 'noSuchFunction' } });
  await cloud.cloud.pay(order._id, 'succeed');
  await payment.update({ data: { functionName: 'payNotify' } });
  expect((await cloud.order(order._id)).status).toBe('pending_payment');
  return order._id;
}

/**
 * What a payNotify that died right after the pending → paid write leaves behind, three minutes
 * ago — and, for `accepted`, what staff did with it meanwhile.
 */
async function paidLongAgoWithoutNumber(openid: string, status: 'paid' | 'accepted') {
  const { order } = dataOf(await cloud.as(openid, 'order.create', pickupDraft(ESPRESSO, 1)));
  const paidAt = Date.now() - 3 * 60_000;
  const payment = { transactionId: `wx-${openid}`, paidFen: order.amounts.totalFen, paidAt };
  await cloud.db.collection('orders').doc(order._id).update({ data: { status, payment } });
  return order;
}

it('callback replays racing order.sync: each paid order takes exactly one number', async () => {
  const before = await counterValue();
  const ids: string[] = [];
  for (let i = 0; i < 5; i += 1) ids.push(await paidWithLostCallback(`o-race-${i}`));
  await Promise.all(
    ids.flatMap((id, i) => [
      ...Array.from({ length: 4 }, () => cloud.cloud.pay(id, 'replay')),
      cloud.as(`o-race-${i}`, 'order.sync', { orderId: id }),
      cloud.as(`o-race-${i}`, 'order.sync', { orderId: id }),
    ]),
  );
  const orders = await Promise.all(ids.map((id) => cloud.order(id)));
  expect(orders.map((order) => order.status)).toEqual(Array(5).fill('paid'));
  const numbers = orders.map((order) => Number(order.pickupNo.slice(1))).sort((a, b) => a - b);
  expect(numbers).toEqual([1, 2, 3, 4, 5].map((n) => before + n));
  expect(await counterValue()).toBe(before + 5);
  for (const id of ids) expect(await cloud.count('messages', { orderId: id })).toBe(1);
});

it('an expiring order paid in time but never called back is kept: paid, numbered, staff told', async () => {
  const orderId = await paidWithLostCallback('o-lost-callback');
  const stock = await cloud.stockOf(ESPRESSO);
  await cloud.db
    .collection('orders')
    .doc(orderId)
    .update({ data: { expiresAt: Date.now() - 1000 } });
  const fired = await cloud.cloud.fireTimer('cron', 'every-minute');
  expect(fired.json).toMatchObject({ result: { ok: true, expired: 0 } });
  const order = await cloud.order(orderId);
  expect(order.status).toBe('paid');
  expect(order.statusLog.at(-1)).toMatchObject({ to: 'paid', by: 'order.sync' });
  expect(order.pickupNo).toMatch(/^A\d{3}$/);
  expect(order.refund).toBeNull();
  expect(await cloud.stockOf(ESPRESSO)).toBe(stock); // the coffee is still the customer's
  expect(await cloud.count('messages', { orderId, kind: 'order_paid' })).toBe(1);
});

it('the cron numbers a paid order its payer left without a number, and tells staff once', async () => {
  const order = await paidLongAgoWithoutNumber('o-half-way', 'paid');
  const before = await counterValue();
  const fired = await cloud.cloud.fireTimer('cron', 'every-minute');
  expect(fired.json).toMatchObject({ result: { ok: true, numbered: 1 } });
  const numbered: Order = await cloud.order(order._id);
  expect(Number(numbered.pickupNo.slice(1))).toBe(before + 1);
  expect(await cloud.count('messages', { orderId: order._id, kind: 'order_paid' })).toBe(1);

  const again = await cloud.cloud.fireTimer('cron', 'every-minute');
  expect(again.json).toMatchObject({ result: { numbered: 0 } });
  expect(await cloud.count('messages', { orderId: order._id, kind: 'order_paid' })).toBe(1);
});

it('an expiring order whose payment does not match expires, and that money goes back', async () => {
  const { order } = dataOf(
    await cloud.as('o-odd-amount', 'order.create', pickupDraft(ESPRESSO, 1)),
  );
  dataOf(await cloud.as('o-odd-amount', 'order.pay', { orderId: order._id }));
  const stock = await cloud.stockOf(ESPRESSO);
  // WeChat Pay's record says another amount, and its callback never came.
  const payment = cloud.db.collection('__local_payments').doc(order._id);
  await payment.update({ data: { functionName: 'noSuchFunction' } });
  await cloud.cloud.pay(order._id, 'succeed');
  await payment.update({ data: { totalFee: 1 } });
  await cloud.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { expiresAt: Date.now() - 1000 } });
  const fired = await cloud.cloud.fireTimer('cron', 'every-minute');
  expect(fired.json).toMatchObject({ result: { ok: true, expired: 1 } });
  expect(await cloud.stockOf(ESPRESSO)).toBe((stock as number) + 1);
  const expired = await cloud.eventually(
    () => cloud.order(order._id),
    (o) => o.status === 'refunded',
  );
  expect(expired.statusLog.map((entry) => entry.to)).toEqual([
    'pending_payment',
    'cancelled',
    'refunding',
    'refunded',
  ]);
  expect(expired.refund).toMatchObject({ reason: 'late_payment', refundFen: 1 }); // what came
  expect(expired.pickupNo).toBe('');
  expect(await cloud.count('payments', { outTradeNo: order._id, outcome: 'amount_mismatch' })).toBe(
    1,
  );
});

it('the sweep also numbers an order staff accepted before it came round', async () => {
  const order = await paidLongAgoWithoutNumber('o-accepted', 'accepted');
  const fired = await cloud.cloud.fireTimer('cron', 'every-minute');
  expect(fired.json).toMatchObject({ result: { ok: true, numbered: 1 } });
  expect((await cloud.order(order._id)).pickupNo).toMatch(/^A\d{3}$/);
  // Staff already have it on the board: no "new order" message for it.
  expect(await cloud.count('messages', { orderId: order._id, kind: 'order_paid' })).toBe(0);
});

it('payment and counter are one updateAndReturn each; an SDK without it falls back to a read and a transaction', async () => {
  // wx-server-sdk 4.0.x keeps node-sdk's database (with where().updateAndReturn) as `_db`.
  expect(updateAndReturn(cloud.db as Database)).not.toBeNull();
  const withoutIt = new Proxy(cloud.db as object, {
    get: (target, key) => {
      if (key === '_db') return undefined;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Database;
  expect(updateAndReturn(withoutIt)).toBeNull();
  // The payment too: read the pending order, then move it to paid, then number it.
  const { order } = dataOf(await cloud.as('o-fallback', 'order.create', pickupDraft(ESPRESSO, 1)));
  const report = {
    outTradeNo: order._id,
    totalFee: order.amounts.totalFen,
    transactionId: 'wx-fb',
  };
  expect(await applyPayment(withoutIt, { ...report, via: 'query', raw: {} })).toBe('paid');
  expect(await cloud.order(order._id)).toMatchObject({ status: 'paid', pickupNo: /^A\d{3}$/ });
  const orders = Array.from({ length: 8 }, (_, i) => ({
    _id: `fallback-${i}`,
    storeId: 'fallback-store',
    status: 'paid',
    pickupNo: '',
    businessDate: '20261206',
  }));
  for (const { _id, ...data } of orders) {
    await cloud.db.collection('orders').doc(_id).set({ data });
  }
  const numbered = await Promise.all(
    orders.map((order) => assignPickupNumber(withoutIt, order as unknown as Order)),
  );
  expect(numbered.map((order) => order?.pickupNo).sort()).toEqual(
    Array.from({ length: 8 }, (_, i) => `A00${i + 1}`),
  );
});
