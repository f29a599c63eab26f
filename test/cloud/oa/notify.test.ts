// The notification service through the local cloud: queued `messages` are delivered by the cron
// (and right away by deliverQueuedForOrder) on the right channel, cut to WeChat's limits, opening
// the order detail; failures are retried with backoff and finally marked failed.

import type { Order } from '../../../miniprogram/domain/order';
import { dataOf, pickupDraft, STORE } from '../orders/order-cloud';
import { type OaCloud, inbound, startOaCloud } from './oa-cloud';

let oa: OaCloud;
beforeAll(async () => {
  oa = await startOaCloud();
});
afterAll(async () => {
  await oa?.cloud.stop();
});

const DETAIL = 'packages/order/pages/detail/index';

/** A paid pickup order of `openid` (payNotify queues the staff's order_paid message). */
async function paidOrder(openid: string): Promise<Order> {
  const { order } = dataOf(await oa.as(openid, 'order.create', pickupDraft()));
  dataOf(await oa.as(openid, 'order.pay', { orderId: order._id }));
  expect((await oa.cloud.pay(order.orderNo, 'succeed')).status).toBe(200);
  return oa.order(order._id);
}

/** What the staff actions queue for the customer (server/lib/orders/messages.ts). */
async function queueCustomer(order: Order, kind: string): Promise<string> {
  const { _id } = await oa.db.collection('messages').add({
    data: {
      kind,
      to: 'customer',
      openid: order._openid,
      storeId: order.storeId,
      orderId: order._id,
      status: 'queued',
      attempts: 0,
      createdAt: Date.now(),
    },
  });
  return _id as string;
}

async function message(id: string) {
  return (await oa.db.collection('messages').doc(id).get()).data;
}

async function runCron() {
  const answer = await oa.cloud.fireTimer('cron', 'every-minute');
  expect(answer.status).toBe(200);
}

async function follow(miniOpenid: string, oaOpenid: string, unionid: string) {
  await oa.setUnionid(oaOpenid, unionid);
  await oa.push(inbound(oaOpenid, { MsgType: 'event', Event: 'subscribe', EventKey: '' }));
  // The customer opens the mini program and answers the subscribe prompt (declining all).
  const answer = await oa.cloud.callFunction(
    'api',
    { action: 'subscribe.record', data: { templateIds: [] } },
    { openid: miniOpenid, unionid },
  );
  expect(answer).toMatchObject({ ok: true, data: { linked: true } });
}

it('sends the order-paid message to the store’s staff', async () => {
  await oa.db
    .collection('staff')
    .doc(`${STORE}:o-staff-1`)
    .set({ data: { storeId: STORE, openid: 'o-staff-1', role: 'staff', createdAt: Date.now() } });
  dataOf(await oa.as('o-staff-1', 'subscribe.record', { templateIds: ['tpl-order-paid'] }));
  await oa.cloud.clearOutbox();

  const order = await paidOrder('o-paying-1');
  await runCron();

  const sends = (await oa.cloud.outbox('subscribeMessage.send')).filter(
    (call) =>
      call.openid === 'o-staff-1' || (call.request as { touser?: string }).touser === 'o-staff-1',
  );
  expect(sends).toHaveLength(1);
  expect(sends[0]).toMatchObject({ errcode: 0 });
  expect(sends[0].request).toMatchObject({
    touser: 'o-staff-1',
    template_id: 'tpl-order-paid',
    page: `${DETAIL}?id=${order._id}&from=subscribe`,
  });
  const { data: docs } = await oa.db.collection('messages').where({ orderId: order._id }).get();
  expect(docs.map((doc: { status: string }) => doc.status).sort()).toEqual(['fanned_out', 'sent']);

  // The grant was used up: the next paid order finds none and says so.
  const second = await paidOrder('o-paying-1');
  await runCron();
  const { data: again } = await oa.db
    .collection('messages')
    .where({ orderId: second._id, to: 'staff', openid: 'o-staff-1' })
    .get();
  expect(again[0]).toMatchObject({ status: 'skipped' });
});

it('subscribe.record: an id repeated in one call counts once; each call (accepted prompt) adds one', async () => {
  const grant = async () =>
    (await oa.db.collection('subscriptions').doc('o-twice:tpl-order-ready').get()).data;
  const twice = { templateIds: ['tpl-order-ready', 'tpl-order-ready'] };
  expect(dataOf(await oa.as('o-twice', 'subscribe.record', twice))).toMatchObject({ recorded: 1 });
  expect(await grant()).toMatchObject({ remaining: 1 });
  dataOf(await oa.as('o-twice', 'subscribe.record', { templateIds: ['tpl-order-ready'] }));
  expect(await grant()).toMatchObject({ remaining: 2 });
});

it('sends "ready" as a subscribe message when granted, values cut to limits, opening the order', async () => {
  dataOf(await oa.as('o-grant', 'subscribe.record', { templateIds: ['tpl-order-ready'] }));
  const order = await paidOrder('o-grant');
  const longName = '超级无敌巨无霸豪华版双倍芝士牛肉汉堡套餐加大杯可乐';
  await oa.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { lines: [{ ...order.lines[0], name: longName }] } });
  const id = await queueCustomer(order, 'order_ready');
  await oa.cloud.clearOutbox();

  await runCron();

  const [send] = await oa.cloud.outbox('subscribeMessage.send');
  expect(send).toMatchObject({ errcode: 0 });
  const request = send.request as {
    touser: string;
    page: string;
    data: Record<string, { value: string }>;
  };
  expect(request.touser).toBe('o-grant');
  expect(request.page).toBe(`${DETAIL}?id=${order._id}&from=subscribe`);
  expect([...request.data.thing2.value].length).toBeLessThanOrEqual(20);
  expect(request.data.thing2.value.startsWith('超级无敌')).toBe(true);
  expect(request.data.character_string1.value).toBe(order.pickupNo);
  expect(await message(id)).toMatchObject({ status: 'sent', channel: 'subscribe', attempts: 1 });
});

it('the full loop: a follower becomes a customer by UnionID, orders without granting, gets "ready" as an OA template message', async () => {
  await follow('o-loop', 'oa-loop', 'union-loop');
  const order = await paidOrder('o-loop');
  await oa.cloud.clearOutbox();

  // The staff console moves the order (issue 6's actions queue the customer's messages).
  await oa.db
    .collection('staff')
    .doc(`${STORE}:o-staff-loop`)
    .set({
      data: { storeId: STORE, openid: 'o-staff-loop', role: 'staff', createdAt: Date.now() },
    });
  const accepted = await oa.as('o-staff-loop', 'staff.accept', {
    storeId: STORE,
    orderId: order._id,
  });
  const ready = await oa.as('o-staff-loop', 'staff.ready', { storeId: STORE, orderId: order._id });
  expect(accepted).toMatchObject({ ok: true });
  expect(ready).toMatchObject({ ok: true });
  await runCron();

  const sends = (await oa.cloud.outbox('oa:message/template/send')).filter(
    (call) => (call.request as { touser?: string }).touser === 'oa-loop',
  );
  const readySend = sends.find(
    (call) => (call.request as { template_id: string }).template_id === 'oa-tpl-order-ready',
  );
  expect(readySend).toMatchObject({ errcode: 0 });
  expect(readySend!.request).toMatchObject({
    touser: 'oa-loop',
    miniprogram: { pagepath: `${DETAIL}?id=${order._id}&from=oa_template` },
  });
  expect(await oa.cloud.outbox('subscribeMessage.send')).toHaveLength(0);
  const { data: docs } = await oa.db
    .collection('messages')
    .where({ orderId: order._id, kind: 'order_ready' })
    .get();
  expect(docs[0]).toMatchObject({ status: 'sent', channel: 'oa_template', sentTo: 'oa-loop' });
});

it('records a message as skipped, with the reason, when there is no channel', async () => {
  const order = await paidOrder('o-nobody');
  const id = await queueCustomer(order, 'order_accepted');
  await runCron();
  const doc = await message(id);
  expect(doc.status).toBe('skipped');
  expect(doc.reason).toMatch(/no subscribe grant/);
  expect(doc.reason).toMatch(/not following the OA/);
});

it('retries a failing send with backoff from the cron and marks it failed after 5 attempts', async () => {
  await follow('o-flaky', 'oa-flaky', 'union-flaky');
  const order = await paidOrder('o-flaky');
  await oa.failNext('message/template/send', 100, -1);
  const id = await queueCustomer(order, 'order_refunded');

  const delays: number[] = [];
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const before = Date.now();
    await runCron();
    const doc = await message(id);
    expect(doc.attempts).toBe(attempt);
    expect(doc.lastError).toMatch(/-1/);
    if (attempt < 5) {
      expect(doc.status).toBe('queued');
      delays.push(Math.round((doc.nextAttemptAt - before) / 1000));
      // Not due yet: another cron run leaves it alone.
      await runCron();
      expect((await message(id)).attempts).toBe(attempt);
      await oa.db
        .collection('messages')
        .doc(id)
        .update({ data: { nextAttemptAt: 0 } });
    } else {
      expect(doc.status).toBe('failed');
    }
  }
  // 30 s base (STOREFRONT_NOTIFY_BACKOFF_SECONDS in the test env), doubling.
  expect(delays.map((d) => Math.round(d / 30))).toEqual([1, 2, 4, 8]);
  await oa.failNext('message/template/send', 0);
});
