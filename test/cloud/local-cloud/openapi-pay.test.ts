// cloud.openapi capture (outbox, validation, QR code) and the WeChat Pay sandbox.
import {
  FIXTURE_FUNCTIONS,
  type LocalCloud,
  startLocalCloud,
  withSdk,
} from '../../helpers/local-cloud';
import { find } from './chain';

jest.setTimeout(60_000);

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS });
});
afterAll(() => cloud.stop());

const message = (thing1: string) => ({
  touser: 'o-carol',
  templateId: 'TPL_ORDER_READY',
  page: 'packages/order/detail/index?id=1',
  data: { thing1: { value: thing1 }, character_string2: { value: 'A-0042' } },
  miniprogramState: 'developer',
});

describe('open API capture', () => {
  beforeEach(() => cloud.clearOutbox());

  test('subscribeMessage.send is answered ok and recorded in the outbox', async () => {
    const answer = await cloud.callFunction<{ ok: boolean; value: Record<string, unknown> }>(
      'notify',
      { action: 'subscribe', message: message('您的餐已备好') },
      { openid: 'o-staff' },
    );
    expect(answer).toEqual({
      ok: true,
      value: { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' },
    });
    const outbox = await cloud.outbox('subscribeMessage.send');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      kind: 'subscribeMessage.send',
      function: 'notify',
      openid: 'o-staff',
      errcode: 0,
      request: {
        touser: 'o-carol',
        template_id: 'TPL_ORDER_READY',
        data: { thing1: { value: '您的餐已备好' } },
      },
    });
  });

  test('a thing value over 20 characters fails with 47003 (and is recorded as failed)', async () => {
    const answer = await cloud.callFunction<{ ok: boolean; errCode: number; errMsg: string }>(
      'notify',
      {
        action: 'subscribe',
        message: message('x'.repeat(21)),
      },
    );
    expect(answer.ok).toBe(false);
    expect(answer.errCode).toBe(47003);
    expect(answer.errMsg).toMatch(/thing1/);
    expect((await cloud.outbox())[0]).toMatchObject({ errcode: 47003 });
  });

  test('a missing template fails with 40037', async () => {
    const noTemplate = { ...message('ok'), templateId: undefined };
    const answer = await cloud.callFunction<{ errCode: number }>('notify', {
      action: 'subscribe',
      message: noTemplate,
    });
    expect(answer.errCode).toBe(40037);
  });

  test('wxacode.getUnlimited returns a real PNG QR code for scene + page', async () => {
    const answer = await cloud.callFunction<{ ok: boolean; contentType: string; png: string }>(
      'notify',
      {
        action: 'qrcode',
        scene: 's=1&t=12',
        page: 'pages/menu/index',
      },
    );
    expect(answer.ok).toBe(true);
    expect(answer.contentType).toBe('image/png');
    const png = Buffer.from(answer.png, 'base64');
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.length).toBeGreaterThan(500);
    expect((await cloud.outbox('wxacode.getUnlimited'))[0]).toMatchObject({
      request: { scene: 's=1&t=12', page: 'pages/menu/index' },
    });
    const tooLong = await cloud.callFunction<{ errCode: number }>('notify', {
      action: 'qrcode',
      scene: 'x'.repeat(33),
    });
    expect(tooLong.errCode).toBe(40169);
  });

  test('other open APIs are recorded and accepted', async () => {
    const answer = await cloud.callFunction<{ ok: boolean }>('notify', {
      action: 'template',
      message: { touser: 'o-x', mpTemplateMsg: { appid: 'wxoa', templateId: 'T' } },
    });
    expect(answer.ok).toBe(true);
    expect((await cloud.outbox('uniformMessage.send'))[0]).toMatchObject({
      request: { touser: 'o-x', mp_template_msg: { appid: 'wxoa', template_id: 'T' } },
    });
  });
});

// Note: the SDK overwrites WeChat Pay's err_code with its own errCode 0, so business failures
// are read from resultCode and errCodeDes, exactly as in production.
describe('pay sandbox', () => {
  test('unifiedOrder → succeed invokes the callback with SOURCE wx_paycallback; replay repeats it', async () => {
    const order = await cloud.callFunction<Record<string, unknown>>(
      'shop',
      { action: 'order', outTradeNo: 'T1001', totalFee: 2300 },
      { openid: 'o-payer' },
    );
    expect(order).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', errCode: 0 });
    expect(order.payment).toMatchObject({
      package: expect.stringMatching(/^prepay_id=/),
      signType: 'MD5',
    });
    expect(
      await cloud.callFunction('shop', { action: 'query', outTradeNo: 'T1001' }),
    ).toMatchObject({
      tradeState: 'NOTPAY',
    });

    const paid = await cloud.pay('T1001', 'succeed');
    expect(paid.status).toBe(200);
    expect(paid.json).toMatchObject({ callbackResult: { errcode: 0 } });
    const [delivery] = await find(cloud, 'callbacks', {});
    expect(delivery).toMatchObject({
      SOURCE: 'wx_paycallback',
      event: {
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        outTradeNo: 'T1001',
        totalFee: 2300,
        cashFee: 2300,
        subOpenid: 'o-payer',
        subMchId: '1600000001',
        tradeType: 'JSAPI',
        transactionId: expect.any(String),
        timeEnd: expect.stringMatching(/^\d{14}$/),
      },
    });

    expect((await cloud.pay('T1001', 'replay')).status).toBe(200);
    const deliveries = await find(cloud, 'callbacks', { 'event.outTradeNo': 'T1001' });
    expect(deliveries).toHaveLength(2);
    expect(deliveries[1].event).toEqual(
      expect.objectContaining({
        transactionId: delivery.event && (delivery.event as Record<string, unknown>).transactionId,
      }),
    );

    expect(
      await cloud.callFunction('shop', { action: 'query', outTradeNo: 'T1001' }),
    ).toMatchObject({
      tradeState: 'SUCCESS',
    });
    expect((await cloud.pay('T1001', 'succeed')).status).toBe(400);
  });

  test('fail sends no callback; close refuses paid orders; bad input is refused', async () => {
    await cloud.callFunction(
      'shop',
      { action: 'order', outTradeNo: 'T2002', totalFee: 100 },
      { openid: 'o-p' },
    );
    expect((await cloud.pay('T2002', 'fail')).json).toMatchObject({
      payment: { state: 'PAYERROR' },
    });
    expect(await find(cloud, 'callbacks', { 'event.outTradeNo': 'T2002' })).toEqual([]);
    expect(
      await cloud.callFunction('shop', { action: 'close', outTradeNo: 'T1001' }),
    ).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: 'order already paid',
    });
    expect(
      await cloud.callFunction('shop', { action: 'order', outTradeNo: 'bad no!', totalFee: 1 }),
    ).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: expect.stringMatching(/out_trade_no/),
    });
    expect(
      await cloud.callFunction('shop', { action: 'order', outTradeNo: 'T3', totalFee: 1.5 }),
    ).toMatchObject({
      resultCode: 'FAIL',
    });
    expect((await cloud.pay('nope', 'succeed')).status).toBe(400);
  });

  test('refund is recorded, idempotent by outRefundNo, bounded, and calls back', async () => {
    await cloud.callFunction(
      'shop',
      { action: 'order', outTradeNo: 'T4004', totalFee: 1000 },
      { openid: 'o-r' },
    );
    await cloud.pay('T4004', 'succeed');
    const refund = {
      action: 'refund',
      outTradeNo: 'T4004',
      outRefundNo: 'R1',
      totalFee: 1000,
      refundFee: 400,
    };
    const first = await cloud.callFunction<Record<string, unknown>>('shop', refund);
    expect(first).toMatchObject({ resultCode: 'SUCCESS', refundFee: 400, outRefundNo: 'R1' });
    expect(await cloud.callFunction('shop', refund)).toMatchObject({ refundId: first.refundId });
    expect(
      await cloud.callFunction('shop', { ...refund, outRefundNo: 'R2', refundFee: 700 }),
    ).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: 'refund exceeds paid amount',
    });
    expect(
      await cloud.callFunction('shop', { action: 'query', outTradeNo: 'T4004' }),
    ).toMatchObject({
      tradeState: 'REFUND',
    });
    let refunds: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 50 && refunds.length === 0; i++) {
      refunds = await find(cloud, 'callbacks', { 'event.outRefundNo': 'R1' });
      if (refunds.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      SOURCE: 'wx_paycallback',
      event: { refundStatus: 'SUCCESS', refundFee: 400 },
    });
  });

  test('timeExpire arrives as time_expire: validated, recorded, and refused under a minute', async () => {
    const stamp = (ms: number) =>
      new Date(ms + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
    const order = (outTradeNo: string, timeExpire: string) =>
      cloud.callFunction('shop', { action: 'order', outTradeNo, totalFee: 100, timeExpire });
    expect(await order('T5005', '2026-01-01 10:00')).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: expect.stringMatching(/time_expire/),
    });
    expect(await order('T5005', stamp(Date.now() + 30_000))).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: expect.stringMatching(/1 minute/),
    });
    const timeExpire = stamp(Date.now() + 10 * 60_000);
    expect(await order('T5005', timeExpire)).toMatchObject({ resultCode: 'SUCCESS' });
    const payments = (await cloud.http('GET', '/pay')).json as Array<Record<string, unknown>>;
    expect(payments.find((p) => p._id === 'T5005')).toMatchObject({ state: 'NOTPAY', timeExpire });
    // time_expire cannot be changed once given.
    expect(await order('T5005', stamp(Date.now() + 20 * 60_000))).toMatchObject({
      resultCode: 'FAIL',
    });
    // closeOrder: not within 5 minutes of the payment's creation, as WeChat Pay documents.
    const close = () => cloud.callFunction('shop', { action: 'close', outTradeNo: 'T5005' });
    expect(await close()).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: expect.stringMatching(/5 minutes/),
    });
    await withSdk(cloud)
      .database()
      .collection('__local_payments')
      .doc('T5005')
      .update({ data: { createdAt: new Date(Date.now() - 5 * 60_000 - 1000) } });
    expect(await close()).toMatchObject({ resultCode: 'SUCCESS' });
    expect((await cloud.pay('T5005', 'succeed')).status).toBe(400);
  });

  test('payments survive a restart', async () => {
    await cloud.restart();
    expect((await cloud.http('GET', '/pay')).json).toEqual(
      expect.arrayContaining([expect.objectContaining({ _id: 'T1001', state: 'SUCCESS' })]),
    );
  });
});
