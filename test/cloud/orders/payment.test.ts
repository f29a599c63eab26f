// Paying through the local cloud's WeChat Pay sandbox: the callback, its replays, a wrong
// amount, a forged direct call, the active query, late payments and refunds.

import type { Order } from '../../../miniprogram/domain/order';
import { dataOf, ESPRESSO, type OrderCloud, pickupDraft, startOrderCloud } from './order-cloud';

jest.setTimeout(60_000);

let cloud: OrderCloud;

beforeAll(async () => {
  cloud = await startOrderCloud();
  await cloud.setStock(ESPRESSO, 100);
}, 60_000);
afterAll(() => cloud?.cloud.stop());

async function createAndPrepay(openid: string, qty = 1): Promise<string> {
  const { order } = dataOf(await cloud.as(openid, 'order.create', pickupDraft(ESPRESSO, qty)));
  const pay = dataOf(await cloud.as(openid, 'order.pay', { orderId: order._id }));
  expect(pay.payment.package).toMatch(/^prepay_id=/);
  expect(pay.totalFen).toBe(order.amounts.totalFen);
  return order._id;
}

async function sandboxPayment(orderId: string): Promise<Record<string, unknown> | undefined> {
  const payments = (await cloud.cloud.http('GET', '/pay')).json as Array<Record<string, unknown>>;
  return payments.find((p) => p._id === orderId);
}

/**
 * As if order.pay had WeChat Pay create the payment `minutes` ago: WeChat Pay's record (the
 * sandbox's createdAt, which its closeOrder 5-minute rule reads) and the order's payStartedAt
 * (and payCloseAt, once cancelled) move back together.
 */
async function paymentStartedMinutesAgo(orderId: string, minutes: number): Promise<void> {
  const shift = minutes * 60_000;
  const order = await cloud.order(orderId);
  await cloud.db
    .collection('__local_payments')
    .doc(orderId)
    .update({ data: { createdAt: new Date(Date.now() - shift) } });
  await cloud.db
    .collection('orders')
    .doc(orderId)
    .update({
      data: {
        payStartedAt: order.payStartedAt! - shift,
        ...(order.payCloseAt === undefined ? {} : { payCloseAt: order.payCloseAt - shift }),
      },
    });
}

/** yyyyMMddHHmmss on Beijing's wall clock, computed independently of the server's helper. */
function beijingStamp(epochMs: number): string {
  return new Date(epochMs)
    .toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false })
    .replace(/\D/g, '');
}

describe('pay callback', () => {
  it('create → pay → succeed: paid, logged, one staff message', async () => {
    const orderId = await createAndPrepay('o-pay-1');
    const answer = await cloud.cloud.pay(orderId, 'succeed');
    expect(answer.json).toMatchObject({ callbackResult: { errcode: 0 } });
    const order = await cloud.order(orderId);
    expect(order.status).toBe('paid');
    expect(order.payment).toMatchObject({ paidFen: 1900, transactionId: expect.any(String) });
    expect(order.statusLog.map((entry) => [entry.from, entry.to, entry.by])).toEqual([
      ['pending_payment', 'pending_payment', 'o-pay-1'],
      ['pending_payment', 'paid', 'payNotify'],
    ]);
    expect(await cloud.count('messages', { orderId, kind: 'order_paid', to: 'staff' })).toBe(1);
    const detail = dataOf(await cloud.as('o-pay-1', 'order.detail', { orderId }));
    expect(detail.order).toMatchObject({
      status: 'paid',
      pickupNo: expect.stringMatching(/^A\d{3,}$/),
    });
  });
});

describe('replays and forgeries', () => {
  it('the same callback 10 times: one transition to paid, one staff message', async () => {
    const orderId = await createAndPrepay('o-replay');
    await cloud.cloud.pay(orderId, 'succeed');
    const { pickupNo } = await cloud.order(orderId);
    expect(pickupNo).toMatch(/^A\d{3,}$/);
    const replays = await Promise.all(
      Array.from({ length: 9 }, () => cloud.cloud.pay(orderId, 'replay')),
    );
    for (const replay of replays) {
      expect(replay.json).toMatchObject({ callbackResult: { errcode: 0, errmsg: 'OK' } });
    }
    const order = await cloud.order(orderId);
    expect(order.status).toBe('paid');
    expect(order.statusLog.filter((entry) => entry.to === 'paid')).toHaveLength(1);
    expect(order.pickupNo).toBe(pickupNo);
    expect(await cloud.count('messages', { orderId })).toBe(1);
    expect(await cloud.count('payments', { outTradeNo: orderId, via: 'callback' })).toBe(10);
    expect(await cloud.count('payments', { outTradeNo: orderId, outcome: 'paid' })).toBe(1);
  });

  it('a callback with the wrong amount leaves the order unpaid and flagged', async () => {
    const orderId = await createAndPrepay('o-wrong-amount');
    // The sandbox reports what its payment record says was paid: make that 1 fen.
    await cloud.db
      .collection('__local_payments')
      .doc(orderId)
      .update({ data: { totalFee: 1 } });
    const answer = await cloud.cloud.pay(orderId, 'succeed');
    expect(answer.json).toMatchObject({ callbackResult: { errcode: 0 } });
    const order = await cloud.order(orderId);
    expect(order.status).toBe('pending_payment');
    expect(order.statusLog).toHaveLength(1);
    expect(order.payment).toMatchObject({
      flag: 'amount_mismatch',
      flaggedCallback: { totalFee: 1, outTradeNo: orderId },
    });
    expect(await cloud.count('messages', { orderId })).toBe(0);
  });

  it('a customer calling payNotify directly is refused and nothing changes', async () => {
    const orderId = await createAndPrepay('o-forger');
    const before = await cloud.order(orderId);
    const forged = await cloud.cloud.callFunction<{ errcode: number; errmsg: string }>(
      'payNotify',
      {
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        outTradeNo: orderId,
        totalFee: before.amounts.totalFen,
        transactionId: 'forged',
        subMchId: '1600000001',
      },
      { openid: 'o-forger' },
    );
    expect(forged.errcode).not.toBe(0);
    expect(forged.errmsg).toMatch(/FORBIDDEN/);
    expect(await cloud.order(orderId)).toEqual(before);
    expect(await cloud.count('messages', { orderId })).toBe(0);
    expect(await cloud.count('payments', { outTradeNo: orderId })).toBe(0);
  });
});

describe('order.sync', () => {
  it('applies a queryOrder success when the callback has not arrived', async () => {
    const orderId = await createAndPrepay('o-sync');
    const notYet = dataOf(await cloud.as('o-sync', 'order.sync', { orderId }));
    expect(notYet.order.status).toBe('pending_payment');
    // Paid in the sandbox, but the callback is lost: make the callback function refuse it.
    await cloud.db
      .collection('__local_payments')
      .doc(orderId)
      .update({ data: { functionName: 'noSuchFunction' } });
    await cloud.cloud.pay(orderId, 'succeed');
    expect((await cloud.order(orderId)).status).toBe('pending_payment');

    const synced = dataOf(await cloud.as('o-sync', 'order.sync', { orderId }));
    expect(synced.order).toMatchObject({ status: 'paid', actions: ['cancel'] });
    const order = await cloud.order(orderId);
    expect(order.statusLog.at(-1)).toMatchObject({
      from: 'pending_payment',
      to: 'paid',
      by: 'order.sync',
    });
    expect(await cloud.count('messages', { orderId })).toBe(1);
    // A second sync changes nothing.
    dataOf(await cloud.as('o-sync', 'order.sync', { orderId }));
    expect(await cloud.count('messages', { orderId })).toBe(1);
  });
});

describe('cancel and refund', () => {
  const refunded = (order: Order) => order.status === 'refunded';

  it('a paid order cancelled before acceptance is refunded and its stock restored', async () => {
    const stockBefore = await cloud.stockOf(ESPRESSO);
    const orderId = await createAndPrepay('o-cancel-paid', 2);
    expect(await cloud.stockOf(ESPRESSO)).toBe((stockBefore as number) - 2);
    await cloud.cloud.pay(orderId, 'succeed');

    const cancelled = dataOf(
      await cloud.as('o-cancel-paid', 'order.cancel', { orderId, reason: ' 点错了门店 ' }),
    );
    expect(cancelled.order.cancelNote).toBe('点错了门店'); // the customer's words, kept
    // The refund callback can land before order.cancel answers (in the cloud too), so the
    // customer sees either; the status log below proves the order went through refunding.
    expect(['refunding', 'refunded']).toContain(cancelled.order.status);
    expect(await cloud.stockOf(ESPRESSO)).toBe(stockBefore);

    const order = await cloud.eventually(() => cloud.order(orderId), refunded);
    expect(order.status).toBe('refunded');
    expect(order.refund).toMatchObject({
      outRefundNo: `R${order.orderNo}`,
      refundFen: 3700,
      refundId: expect.any(String),
    });
    expect(order.statusLog.map((entry) => entry.to)).toEqual([
      'pending_payment',
      'paid',
      'refunding',
      'refunded',
    ]);
    const payments = (await cloud.cloud.http('GET', '/pay')).json as Array<Record<string, unknown>>;
    expect(payments.find((p) => p._id === orderId)).toMatchObject({
      state: 'REFUND',
      refunds: [expect.objectContaining({ outRefundNo: `R${orderId}`, refundFee: 3700 })],
    });
    // Cancelling again is refused by the status machine.
    const again = await cloud.as('o-cancel-paid', 'order.cancel', { orderId });
    expect(again).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(await cloud.stockOf(ESPRESSO)).toBe(stockBefore);
  });

  it('an order that expired and then gets paid is refunded; its stock is not taken twice', async () => {
    const stockBefore = await cloud.stockOf(ESPRESSO);
    const orderId = await createAndPrepay('o-late');
    await cloud.db
      .collection('orders')
      .doc(orderId)
      .update({ data: { expiresAt: Date.now() - 1 } });
    const fired = await cloud.cloud.fireTimer('cron', 'every-minute');
    expect(fired.json).toMatchObject({ result: { ok: true, expired: 1 } });
    expect((await cloud.order(orderId)).status).toBe('cancelled');
    expect(await cloud.stockOf(ESPRESSO)).toBe(stockBefore);

    // The payment started under 5 minutes ago, so WeChat Pay does not let it be closed yet.
    expect(await sandboxPayment(orderId)).toMatchObject({ state: 'NOTPAY' });
    await cloud.cloud.pay(orderId, 'succeed');
    const order = await cloud.eventually(() => cloud.order(orderId), refunded);
    expect(order.statusLog.map((entry) => entry.to)).toEqual([
      'pending_payment',
      'cancelled',
      'refunding',
      'refunded',
    ]);
    expect(order.refund).toMatchObject({ reason: 'late_payment', refundFen: 1900 });
    expect(order.pickupNo).toBe(''); // no number called out for an order the store will not make
    expect(await cloud.stockOf(ESPRESSO)).toBe(stockBefore);
    expect(await cloud.count('messages', { orderId })).toBe(0);
  });
});

describe('order.cancel closes the payment (issue 18)', () => {
  it('started 5 minutes ago or more: closed at once, so the cancelled order cannot be paid', async () => {
    const orderId = await createAndPrepay('o-cancel-close');
    await paymentStartedMinutesAgo(orderId, 6);
    const { order } = dataOf(await cloud.as('o-cancel-close', 'order.cancel', { orderId }));
    expect(order.status).toBe('cancelled');
    expect(await sandboxPayment(orderId)).toMatchObject({ state: 'CLOSED' });
    expect((await cloud.order(orderId)).payCloseAt).toBeUndefined();
    expect((await cloud.cloud.pay(orderId, 'succeed')).status).toBe(400);
    expect(await cloud.count('payments', { outTradeNo: orderId })).toBe(0);
  });

  it('started under 5 minutes ago: left open, then closed by the cron once WeChat allows it', async () => {
    const orderId = await createAndPrepay('o-cancel-soon');
    dataOf(await cloud.as('o-cancel-soon', 'order.cancel', { orderId }));
    const cancelled = await cloud.order(orderId);
    expect(cancelled.payCloseAt).toBe(cancelled.payStartedAt! + 5 * 60_000);
    expect(await sandboxPayment(orderId)).toMatchObject({ state: 'NOTPAY' });

    // Not yet due: the cron does not ask (WeChat Pay would refuse).
    const early = await cloud.cloud.fireTimer('cron', 'every-minute');
    expect(early.json).toMatchObject({ result: { ok: true, paymentsClosed: 0 } });
    expect(await sandboxPayment(orderId)).toMatchObject({ state: 'NOTPAY' });

    await paymentStartedMinutesAgo(orderId, 6);
    const due = await cloud.cloud.fireTimer('cron', 'every-minute');
    expect(due.json).toMatchObject({ result: { ok: true, paymentsClosed: 1 } });
    expect(await sandboxPayment(orderId)).toMatchObject({ state: 'CLOSED' });
    expect((await cloud.order(orderId)).payCloseAt).toBeUndefined();
    expect((await cloud.cloud.pay(orderId, 'succeed')).status).toBe(400);
    const again = await cloud.cloud.fireTimer('cron', 'every-minute');
    expect(again.json).toMatchObject({ result: { paymentsClosed: 0 } });
  });

  it('paid in those first 5 minutes anyway: the money goes back, the stock is not taken twice', async () => {
    const stockBefore = await cloud.stockOf(ESPRESSO);
    const orderId = await createAndPrepay('o-cancel-then-pay');
    dataOf(await cloud.as('o-cancel-then-pay', 'order.cancel', { orderId }));
    expect(await cloud.stockOf(ESPRESSO)).toBe(stockBefore);
    await cloud.cloud.pay(orderId, 'succeed');
    const order = await cloud.eventually(
      () => cloud.order(orderId),
      (o) => o.status === 'refunded',
    );
    expect(order.refund).toMatchObject({ reason: 'late_payment', refundFen: 1900 });
    expect(await cloud.stockOf(ESPRESSO)).toBe(stockBefore);
  });

  it('an order never sent to WeChat Pay is cancelled without a closeOrder', async () => {
    const { order } = dataOf(await cloud.as('o-cancel-unstarted', 'order.create', pickupDraft()));
    dataOf(await cloud.as('o-cancel-unstarted', 'order.cancel', { orderId: order._id }));
    const stored = await cloud.order(order._id);
    expect(stored).toMatchObject({ status: 'cancelled' });
    expect(stored.payStartedAt).toBeUndefined();
    expect(stored.payCloseAt).toBeUndefined();
  });
});

describe('payment expiry (timeExpire)', () => {
  it('order.pay sends timeExpire = expiresAt in GMT+8; past it the sandbox refuses the payment', async () => {
    const orderId = await createAndPrepay('o-expire-pay');
    const { expiresAt } = await cloud.order(orderId);
    const payment = await sandboxPayment(orderId);
    expect(payment).toMatchObject({ state: 'NOTPAY', timeExpire: beijingStamp(expiresAt) });

    // WeChat Pay's clock passes timeExpire before the customer confirms.
    await cloud.db
      .collection('__local_payments')
      .doc(orderId)
      .update({ data: { timeExpire: beijingStamp(Date.now() - 1000) } });
    const late = await cloud.cloud.pay(orderId, 'succeed');
    expect(late.status).toBe(400);
    expect(JSON.stringify(late.json)).toMatch(/CLOSED/);
    expect(await sandboxPayment(orderId)).toMatchObject({ state: 'CLOSED' });
    expect(await cloud.count('payments', { outTradeNo: orderId })).toBe(0); // no callback
    const synced = dataOf(await cloud.as('o-expire-pay', 'order.sync', { orderId }));
    expect(synced.order.status).toBe('pending_payment');
  });

  it('with under a minute left, order.pay refuses and starts no payment', async () => {
    const { order } = dataOf(await cloud.as('o-expire-short', 'order.create', pickupDraft()));
    await cloud.db
      .collection('orders')
      .doc(order._id)
      .update({ data: { expiresAt: Date.now() + 30_000 } });
    const pay = await cloud.as('o-expire-short', 'order.pay', { orderId: order._id });
    expect(pay).toMatchObject({
      ok: false,
      error: { code: 'ORDER_NOT_PAYABLE', message: expect.stringMatching(/即将超时/) },
    });
    expect(await sandboxPayment(order._id)).toBeUndefined();
  });

  it('the expiry cron closes the started payment, which then cannot be paid', async () => {
    const orderId = await createAndPrepay('o-expire-close');
    await paymentStartedMinutesAgo(orderId, 6);
    await cloud.db
      .collection('orders')
      .doc(orderId)
      .update({ data: { expiresAt: Date.now() - 1 } });
    const fired = await cloud.cloud.fireTimer('cron', 'every-minute');
    expect(fired.json).toMatchObject({ result: { ok: true } });
    expect((await cloud.order(orderId)).status).toBe('cancelled');
    expect(await sandboxPayment(orderId)).toMatchObject({ state: 'CLOSED' });
    expect((await cloud.cloud.pay(orderId, 'succeed')).status).toBe(400);
    expect(await cloud.count('payments', { outTradeNo: orderId })).toBe(0);
  });
});

describe('refund retries', () => {
  const FIVE_MINUTES = 5 * 60_000;

  it('a refused refund is retried only when due, with backoff, counting attempts', async () => {
    const orderId = await createAndPrepay('o-refund-retry');
    await cloud.cloud.pay(orderId, 'succeed');
    // WeChat Pay refuses the refund: its record says less was paid (NOTENOUGH).
    await cloud.db
      .collection('__local_payments')
      .doc(orderId)
      .update({ data: { totalFee: 1 } });
    const before = Date.now();
    dataOf(await cloud.as('o-refund-retry', 'order.cancel', { orderId }));
    const first = (await cloud.order(orderId)).refund!;
    expect(first).toMatchObject({ attempts: 1, error: expect.stringMatching(/exceeds/) });
    expect(first.retryAt).toBeGreaterThanOrEqual(before + FIVE_MINUTES);

    // Not due yet: the cron leaves it alone.
    await cloud.cloud.fireTimer('cron', 'every-minute');
    expect((await cloud.order(orderId)).refund).toMatchObject({ attempts: 1 });

    // Due: asked once more, and the next try is pushed further back (10 minutes).
    await cloud.db
      .collection('orders')
      .doc(orderId)
      .update({ data: { 'refund.retryAt': Date.now() - 1 } });
    const retriedAt = Date.now();
    await cloud.cloud.fireTimer('cron', 'every-minute');
    const second = (await cloud.order(orderId)).refund!;
    expect(second).toMatchObject({ attempts: 2, error: expect.stringMatching(/exceeds/) });
    expect(second.retryAt).toBeGreaterThanOrEqual(retriedAt + 2 * FIVE_MINUTES);
    expect(second.requestedAt).toBe(first.requestedAt);

    await cloud.cloud.fireTimer('cron', 'every-minute');
    expect((await cloud.order(orderId)).refund).toMatchObject({ attempts: 2 });
    expect((await cloud.order(orderId)).status).toBe('refunding');
  });
});
