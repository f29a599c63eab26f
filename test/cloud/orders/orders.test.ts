// Quote, create, detail, list, cancel and expiry through the local cloud and the real SDK.

import type { OrderCreateRequest } from '../../../miniprogram/domain/api';
import {
  dataOf,
  ESPRESSO,
  type OrderCloud,
  pickupDraft,
  startOrderCloud,
  STORE,
} from './order-cloud';

jest.setTimeout(60_000);

const LATTE = 'xujiahui-latte';
const JINGAN_LATTE = 'jingan-latte';
const NEAR_XUJIAHUI = { lat: 31.1949, lng: 121.4368 };
const FAR_AWAY = { lat: 31.2304, lng: 121.4737 }; // People's Square, ~5 km

let cloud: OrderCloud;

beforeAll(async () => {
  cloud = await startOrderCloud();
  await cloud.setStock(ESPRESSO, 20);
}, 60_000);
afterAll(() => cloud?.cloud.stop());

const address = (location = NEAR_XUJIAHUI) => ({
  userName: '张三',
  telNumber: '13800000000',
  provinceName: '上海市',
  cityName: '上海市',
  countyName: '徐汇区',
  detailInfo: '漕溪北路 1 号',
  location,
});

const latteLine = {
  goodsId: LATTE,
  qty: 2,
  specs: { size: ['large'], sugar: ['less'], temp: ['hot'] },
  addOns: ['oat'],
};

describe('quote and create', () => {
  it('prices from the database, and create charges exactly the quote', async () => {
    const draft = {
      storeId: STORE,
      mode: 'delivery' as const,
      delivery: address(),
      lines: [latteLine, { goodsId: ESPRESSO, qty: 1 }],
    };
    const { quote, priceChanged } = dataOf(
      await cloud.as('o-quote', 'order.quote', { ...draft, expectedTotalFen: 1 }),
    );
    expect(priceChanged).toBe(true);
    // 拿铁 2800 + 大杯 300 + 燕麦奶 500 = 3600 × 2; 浓缩 1800; packaging 100; delivery 500.
    expect(quote.lines.map((line) => line.lineTotalFen)).toEqual([7200, 1800]);
    expect(quote.amounts).toEqual({
      itemsFen: 9000,
      packagingFeeFen: 100,
      deliveryFeeFen: 500,
      totalFen: 9600,
    });
    expect(quote.distanceMeters).toBeLessThan(3000);

    const request: OrderCreateRequest = {
      ...draft,
      expectedTotalFen: 9600,
      remark: '少冰',
      entry: { source: 'table_qr', scene: 1011 },
    };
    const { order } = dataOf(await cloud.as('o-quote', 'order.create', request));
    expect(order.amounts).toEqual(quote.amounts);
    expect(order.lines).toEqual(quote.lines);
    expect(order).toMatchObject({ status: 'pending_payment', actions: ['pay', 'cancel'] });
    expect(order.orderNo).toMatch(/^[0-9A-Za-z_-]{1,32}$/);
    const stored = await cloud.order(order._id);
    expect(stored).toMatchObject({
      _openid: 'o-quote',
      entry: { source: 'table_qr', scene: 1011 },
      remark: '少冰',
      stockHolds: [{ goodsId: ESPRESSO, qty: 1 }],
      statusLog: [
        { from: 'pending_payment', to: 'pending_payment', by: 'o-quote', role: 'customer' },
      ],
    });
    expect(stored.expiresAt - stored.createdAt).toBe(15 * 60_000);
  });

  it('refuses a create whose expected total is stale, writing nothing', async () => {
    const before = await cloud.count('orders');
    const answer = await cloud.as('o-stale', 'order.create', {
      ...pickupDraft(),
      expectedTotalFen: 1800,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'PRICE_CHANGED' } });
    expect(await cloud.count('orders')).toBe(before);
    expect(await cloud.stockOf(ESPRESSO)).toBe(19);
  });

  it('dine-in needs a real table; delivery checks range and minimum', async () => {
    const dineIn = {
      storeId: STORE,
      mode: 'dine_in',
      dineIn: { tableNo: 'A3', diners: 2 },
      lines: [{ goodsId: ESPRESSO, qty: 1 }],
    };
    const ok = dataOf(await cloud.as('o-table', 'order.quote', dineIn));
    expect(ok.quote.amounts).toMatchObject({ packagingFeeFen: 0, totalFen: 1800 });
    const noTable = await cloud.as('o-table', 'order.quote', {
      ...dineIn,
      dineIn: { tableNo: 'Z9', diners: 2 },
    });
    expect(noTable).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const far = await cloud.as('o-far', 'order.quote', {
      storeId: STORE,
      mode: 'delivery',
      delivery: address(FAR_AWAY),
      lines: [latteLine],
    });
    expect(far).toMatchObject({ ok: false, error: { code: 'OUT_OF_DELIVERY_RANGE' } });
    const small = await cloud.as('o-small', 'order.quote', {
      storeId: STORE,
      mode: 'delivery',
      delivery: address(),
      lines: [{ goodsId: ESPRESSO, qty: 1 }],
    });
    expect(small).toMatchObject({ ok: false, error: { code: 'BELOW_MINIMUM_ORDER' } });
  });
});

describe('bad input writes nothing', () => {
  const hostile: Array<[string, unknown, string]> = [
    ['missing lines', { storeId: STORE, mode: 'pickup', pickup: { asap: true } }, 'INVALID_INPUT'],
    ['empty lines', { ...pickupDraft(), lines: [] }, 'INVALID_INPUT'],
    ['negative qty', pickupDraft(ESPRESSO, -1), 'INVALID_INPUT'],
    ['huge qty', pickupDraft(ESPRESSO, 1e9), 'INVALID_INPUT'],
    ['fractional qty', pickupDraft(ESPRESSO, 1.5), 'INVALID_INPUT'],
    [
      'qty as text',
      { ...pickupDraft(), lines: [{ goodsId: ESPRESSO, qty: '1' }] },
      'INVALID_INPUT',
    ],
    ['unknown goods', pickupDraft('xujiahui-nothing'), 'NOT_FOUND'],
    ['another store’s goods', pickupDraft(JINGAN_LATTE), 'NOT_FOUND'],
    ['off-shelf goods', pickupDraft('xujiahui-cold_brew'), 'NOT_FOUND'],
    ['sold-out goods', pickupDraft('xujiahui-tiramisu'), 'SOLD_OUT'],
    ['injected operator', { ...pickupDraft(), storeId: { $ne: null } }, 'INVALID_INPUT'],
    ['an openid in data', { ...pickupDraft(), openid: 'o-victim' }, 'INVALID_INPUT'],
    [
      'a price in data',
      { ...pickupDraft(), lines: [{ goodsId: ESPRESSO, qty: 1, priceFen: 1 }] },
      'INVALID_INPUT',
    ],
    [
      'unknown spec',
      { ...pickupDraft(LATTE), lines: [{ goodsId: LATTE, qty: 1, specs: { size: ['huge'] } }] },
      'INVALID_SELECTION',
    ],
    [
      'pickup without time',
      { storeId: STORE, mode: 'pickup', lines: [{ goodsId: ESPRESSO, qty: 1 }] },
      'INVALID_INPUT',
    ],
    [
      'pickup in the past',
      { ...pickupDraft(), pickup: { at: Date.now() - 60_000 } },
      'INVALID_PICKUP_TIME',
    ],
    ['unknown mode', { ...pickupDraft(), mode: 'teleport' }, 'INVALID_INPUT'],
    [
      'dine-in without table',
      { storeId: STORE, mode: 'dine_in', lines: [{ goodsId: ESPRESSO, qty: 1 }] },
      'INVALID_INPUT',
    ],
    ['unknown store', { ...pickupDraft(), storeId: 'nowhere' }, 'NOT_FOUND'],
  ];

  it.each(hostile)('%s', async (_label, data, code) => {
    const orders = await cloud.count('orders');
    const stock = await cloud.stockOf(ESPRESSO);
    const answer = await cloud.as('o-hostile', 'order.create', data);
    expect(answer).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    expect(await cloud.count('orders')).toBe(orders);
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock);
  });

  it('a caller without an identity is refused', async () => {
    const answer = await cloud.cloud.callFunction('api', {
      action: 'order.create',
      data: pickupDraft(),
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('ownership, list and cancel', () => {
  it('a customer cannot read, pay, sync or cancel another customer’s order', async () => {
    const { order } = dataOf(await cloud.as('o-alice', 'order.create', pickupDraft()));
    for (const action of ['order.detail', 'order.pay', 'order.sync', 'order.cancel'] as const) {
      const answer = await cloud.as('o-mallory', action, { orderId: order._id });
      expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect((await cloud.order(order._id)).status).toBe('pending_payment');
    const list = dataOf(await cloud.as('o-mallory', 'order.list', {}));
    expect(list.orders).toEqual([]);
  });

  it('lists the caller’s orders newest first, by tab, with paging', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(dataOf(await cloud.as('o-lister', 'order.create', pickupDraft())).order._id);
    }
    dataOf(await cloud.as('o-lister', 'order.cancel', { orderId: ids[0] }));
    const first = dataOf(await cloud.as('o-lister', 'order.list', { limit: 2 }));
    expect(first.orders.map((order) => order._id)).toEqual([ids[2], ids[1]]);
    expect(first.hasMore).toBe(true);
    const second = dataOf(await cloud.as('o-lister', 'order.list', { limit: 2, offset: 2 }));
    expect(second).toMatchObject({
      orders: [{ _id: ids[0], status: 'cancelled' }],
      hasMore: false,
    });
    const pending = dataOf(await cloud.as('o-lister', 'order.list', { tab: 'pending_payment' }));
    expect(pending.orders).toHaveLength(2);
    expect(pending.orders[0]).toMatchObject({
      items: [{ name: '意式浓缩', qty: 1 }],
      totalFen: 1900,
      actions: ['pay', 'cancel'],
    });
    const closed = dataOf(await cloud.as('o-lister', 'order.list', { tab: 'closed' }));
    expect(closed.orders.map((order) => order._id)).toEqual([ids[0]]);
  });

  it('cancelling an unpaid order gives its stock back, once', async () => {
    const stock = (await cloud.stockOf(ESPRESSO)) as number;
    const { order } = dataOf(
      await cloud.as('o-changes-mind', 'order.create', pickupDraft(ESPRESSO, 3)),
    );
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock - 3);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        cloud.as('o-changes-mind', 'order.cancel', { orderId: order._id }),
      ),
    );
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    for (const answer of answers.filter((a) => !a.ok)) {
      expect(answer).toMatchObject({ error: { code: 'ILLEGAL_TRANSITION' } });
    }
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock);
    const detail = dataOf(await cloud.as('o-changes-mind', 'order.detail', { orderId: order._id }));
    expect(detail.order).toMatchObject({ status: 'cancelled', actions: [] });
    expect(detail.order.statusLog.at(-1)).toMatchObject({
      from: 'pending_payment',
      to: 'cancelled',
      by: 'o-changes-mind',
    });
    const pay = await cloud.as('o-changes-mind', 'order.pay', { orderId: order._id });
    expect(pay).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_PAYABLE' } });
  });
});

describe('expiry', () => {
  it('the cron timer cancels unpaid orders past expiry and gives their stock back', async () => {
    const stock = (await cloud.stockOf(ESPRESSO)) as number;
    const old = dataOf(await cloud.as('o-slow', 'order.create', pickupDraft(ESPRESSO, 2))).order;
    const fresh = dataOf(await cloud.as('o-slow', 'order.create', pickupDraft(ESPRESSO, 1))).order;
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock - 3);
    // As if 16 minutes had passed for the first one.
    await cloud.db
      .collection('orders')
      .doc(old._id)
      .update({ data: { expiresAt: Date.now() - 60_000 } });

    const fired = await cloud.cloud.fireTimer('cron', 'every-minute');
    expect(fired.json).toMatchObject({ result: { ok: true, expired: 1 } });
    const expired = await cloud.order(old._id);
    expect(expired.status).toBe('cancelled');
    expect(expired.statusLog.at(-1)).toMatchObject({ to: 'cancelled', by: 'cron', role: 'system' });
    expect((await cloud.order(fresh._id)).status).toBe('pending_payment');
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock - 1);

    const again = await cloud.cloud.fireTimer('cron', 'every-minute');
    expect(again.json).toMatchObject({ result: { expired: 0 } });
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock - 1);
  });

  it('cron refuses to run for a client', async () => {
    const answer = await cloud.cloud.callFunction('cron', {}, { openid: 'o-x' });
    expect(answer).toMatchObject({ ok: false });
  });
});
