// WeChat Pay shipping information (issue 18): completing an order reports it through the real
// SDK's cloud calls (wxa.sec.order.isTradeManaged, then uploadShippingInfo), recorded on the
// order; what WeChat refuses the cron reports again once due; nothing is uploaded where the mini
// program is not under trade management.

import type { Order, OrderDraft } from '../../../miniprogram/domain/order';
import {
  dataOf,
  ESPRESSO,
  pickupDraft,
  type StaffCloud,
  startStaffCloud,
  STORE,
} from './staff-cloud';

jest.setTimeout(60_000);

const COUNTER = 'o-ship-counter';
const UPLOAD = 'wxa.sec.order.uploadShippingInfo';
const MANAGED = 'wxa.sec.order.isTradeManaged';
const DOORSTEP = {
  userName: '张三',
  telNumber: '13800000000',
  provinceName: '上海市',
  cityName: '上海市',
  countyName: '徐汇区',
  detailInfo: '漕溪北路 1 号',
  location: { lat: 31.1949, lng: 121.4368 },
};

let cloud: StaffCloud;
beforeAll(async () => {
  cloud = await startStaffCloud();
  await cloud.grant(COUNTER, STORE, 'staff');
  await cloud.setStock(ESPRESSO, 100);
}, 60_000);
afterAll(() => cloud?.cloud.stop());

async function paid(c: StaffCloud, customer: string, draft: OrderDraft): Promise<string> {
  const { order } = dataOf(await c.as(customer, 'order.create', draft));
  dataOf(await c.as(customer, 'order.pay', { orderId: order._id }));
  expect((await c.cloud.pay(order._id, 'succeed')).status).toBe(200);
  return order._id;
}

async function complete(c: StaffCloud, orderId: string): Promise<Order> {
  for (const action of ['staff.accept', 'staff.ready', 'staff.complete'] as const) {
    dataOf(await c.as(COUNTER, action, { storeId: STORE, orderId }));
  }
  return c.order(orderId);
}

const uploadsOf = async (c: StaffCloud, transactionId: string) =>
  (await c.cloud.outbox(UPLOAD)).filter(
    (call) =>
      (call.request as { order_key: { transaction_id: string } }).order_key.transaction_id ===
      transactionId,
  );

it('a completed pickup order is reported as user self-pickup, and recorded on the order', async () => {
  await cloud.cloud.clearOutbox();
  const order = await complete(cloud, await paid(cloud, 'o-ship-1', pickupDraft(ESPRESSO, 2)));
  expect(order.shipping).toMatchObject({
    state: 'uploaded',
    logisticsType: 4,
    attempts: 1,
    settledAt: expect.any(Number),
  });
  expect(await cloud.cloud.outbox(MANAGED)).toEqual([
    expect.objectContaining({
      errcode: 0,
      is_trade_managed: true,
      request: { appid: 'touristappid' },
    }),
  ]);
  const uploads = await cloud.cloud.outbox(UPLOAD);
  expect(uploads).toHaveLength(1);
  expect(uploads[0]).toMatchObject({
    errcode: 0,
    request: {
      order_key: { order_number_type: 2, transaction_id: order.payment!.transactionId },
      logistics_type: 4,
      delivery_mode: 1,
      shipping_list: [{ item_desc: '意式浓缩*2' }],
      payer: { openid: 'o-ship-1' },
    },
  });
  expect((uploads[0].request as { upload_time: string }).upload_time).toMatch(
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/,
  );
});

it('dine-in is user self-pickup too; delivery is same-city delivery', async () => {
  await cloud.cloud.clearOutbox();
  const line = { goodsId: ESPRESSO, qty: 1 };
  const dineIn = await complete(
    cloud,
    await paid(cloud, 'o-ship-table', {
      storeId: STORE,
      mode: 'dine_in',
      dineIn: { tableNo: 'A3', diners: 1 },
      lines: [line],
    }),
  );
  const delivery = await complete(
    cloud,
    await paid(cloud, 'o-ship-door', {
      storeId: STORE,
      mode: 'delivery',
      delivery: DOORSTEP,
      lines: [{ ...line, qty: 4 }],
    }),
  );
  expect(dineIn.shipping).toMatchObject({ state: 'uploaded', logisticsType: 4 });
  expect(delivery.shipping).toMatchObject({ state: 'uploaded', logisticsType: 2 });
  const types = (await cloud.cloud.outbox(UPLOAD)).map(
    (call) => (call.request as { logistics_type: number }).logistics_type,
  );
  expect(types.sort()).toEqual([2, 4]);
});

it('an upload WeChat refuses stays pending; the cron reports it once due, once', async () => {
  const orderId = await paid(cloud, 'o-ship-retry', pickupDraft());
  const { payment } = await cloud.order(orderId);
  // WeChat refuses the report (47001): here because the order names no transaction.
  await cloud.db
    .collection('orders')
    .doc(orderId)
    .update({ data: { 'payment.transactionId': '' } });
  const refused = await complete(cloud, orderId);
  expect(refused.status).toBe('completed'); // the counter's move stands
  expect(refused.shipping).toMatchObject({
    state: 'pending',
    attempts: 1,
    lastError: expect.stringMatching(/47001/),
  });
  expect(refused.shipping!.retryAt).toBeGreaterThan(Date.now() + 4 * 60_000);

  const early = await cloud.cloud.fireTimer('cron', 'every-minute');
  expect(early.json).toMatchObject({ result: { ok: true, shippingReported: 0 } });
  expect((await cloud.order(orderId)).shipping).toMatchObject({ state: 'pending', attempts: 1 });

  await cloud.db
    .collection('orders')
    .doc(orderId)
    .update({
      data: { 'payment.transactionId': payment!.transactionId, 'shipping.retryAt': Date.now() - 1 },
    });
  const due = await cloud.cloud.fireTimer('cron', 'every-minute');
  expect(due.json).toMatchObject({ result: { ok: true, shippingReported: 1 } });
  expect((await cloud.order(orderId)).shipping).toMatchObject({ state: 'uploaded', attempts: 2 });
  expect(await uploadsOf(cloud, String(payment!.transactionId))).toHaveLength(1);
  const again = await cloud.cloud.fireTimer('cron', 'every-minute');
  expect(again.json).toMatchObject({ result: { shippingReported: 0 } });
});

it('where WeChat says the mini program is not under trade management, nothing is uploaded', async () => {
  const unmanaged = await startStaffCloud({ env: { LOCAL_CLOUD_TRADE_MANAGED: 'off' } });
  try {
    await unmanaged.grant(COUNTER, STORE, 'staff');
    const order = await complete(unmanaged, await paid(unmanaged, 'o-ship-off', pickupDraft()));
    expect(order.shipping).toMatchObject({ state: 'not_managed', attempts: 1 });
    expect(await unmanaged.cloud.outbox(MANAGED)).toEqual([
      expect.objectContaining({ is_trade_managed: false }),
    ]);
    expect(await unmanaged.cloud.outbox(UPLOAD)).toEqual([]);
    const fired = await unmanaged.cloud.fireTimer('cron', 'every-minute');
    expect(fired.json).toMatchObject({ result: { shippingReported: 0 } });
  } finally {
    await unmanaged.cloud.stop();
  }
});
