// 200 customers order the last 50 units at once: exactly 50 orders, stock 0, 150 clear
// SOLD_OUT answers and nothing left behind by the failures.

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

  // Every order holds one unit, and pickup numbers are unique and gap-free: failures took none.
  const orders = won.map((answer) => (answer as { data: OrderResponse }).data.order);
  const pickupNumbers = orders.map((order) => order.pickupNo).sort();
  expect(new Set(pickupNumbers).size).toBe(50);
  const counters = await cloud.db.collection('counters').get();
  expect(counters.data).toHaveLength(1);
  expect(counters.data[0].value).toBe(50);
  expect(pickupNumbers).toEqual(
    Array.from({ length: 50 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`),
  );
  expect(await cloud.count('messages')).toBe(0);
});
