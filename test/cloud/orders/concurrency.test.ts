// 200 customers order the last 50 units at once: exactly 50 orders, stock 0, 150 clear
// SOLD_OUT answers and nothing left behind by the failures. Then those 50 pay at once: pickup
// numbers A001…A050, each once.

import type { OrderResponse } from '../../../miniprogram/domain/api';
import { ESPRESSO, type OrderCloud, pickupDraft, startOrderCloud, STORE } from './order-cloud';

jest.setTimeout(60_000);

let cloud: OrderCloud;

beforeAll(async () => {
  cloud = await startOrderCloud();
}, 60_000);
afterAll(() => cloud?.cloud.stop());

it('200 concurrent order.create for stock 50: 50 succeed, 150 SOLD_OUT, stock 0', async () => {
  await cloud.setStock(ESPRESSO, 50);
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      cloud.as(`o-rush-${i}`, 'order.create', pickupDraft(ESPRESSO, 1)),
    ),
  );
  const won = answers.filter((answer) => answer.ok);
  const lost = answers.filter((answer) => !answer.ok);
  expect(won).toHaveLength(50);
  expect(lost).toHaveLength(150);
  for (const answer of lost) {
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'SOLD_OUT', message: expect.stringContaining('意式浓缩') },
    });
  }
  expect(await cloud.stockOf(ESPRESSO)).toBe(0);
  expect(await cloud.count('orders', { storeId: STORE })).toBe(50);

  // Unpaid orders carry no pickup number yet: the counter is only touched by payments.
  const orders = won.map((answer) => (answer as { data: OrderResponse }).data.order);
  expect(orders.every((order) => order.pickupNo === '')).toBe(true);
  expect(await cloud.count('counters')).toBe(0);
  expect(await cloud.count('messages')).toBe(0);
});

it('50 payments confirmed at once: pickup numbers A001…A050, one each, no gaps', async () => {
  const orders = await cloud.db.collection('orders').where({ storeId: STORE }).limit(100).get();
  const ids = (orders.data as Array<{ _id: string; _openid: string }>).map((order) => order._id);
  expect(ids).toHaveLength(50);
  for (const order of orders.data as Array<{ _id: string; _openid: string }>) {
    await cloud.as(order._openid, 'order.pay', { orderId: order._id });
  }
  const callbacks = await Promise.all(ids.map((id) => cloud.cloud.pay(id, 'succeed')));
  for (const callback of callbacks) {
    expect(callback.json).toMatchObject({ callbackResult: { errcode: 0 } });
  }
  const paid = await Promise.all(ids.map((id) => cloud.order(id)));
  expect(paid.every((order) => order.status === 'paid')).toBe(true);
  expect(paid.map((order) => order.pickupNo).sort()).toEqual(
    Array.from({ length: 50 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`),
  );
  const counters = await cloud.db.collection('counters').get();
  expect(counters.data).toMatchObject([{ storeId: STORE, value: 50 }]);
  expect(await cloud.count('messages', { kind: 'order_paid' })).toBe(50);
});
