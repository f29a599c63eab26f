// The pay sandbox's knobs (a different amount, another merchant, a payment after it closed) and
// the local cloud's clock that tests move forward (docs/LOCAL-CLOUD.md "Clock" and "Pay sandbox").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_FUNCTIONS, type LocalCloud, startLocalCloud } from '../../helpers/local-cloud';
import { find } from './chain';

jest.setTimeout(60_000);

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS, timers: true });
});
afterAll(() => cloud.stop());
afterEach(() => cloud.http('DELETE', '/clock'));

const HOUR = 3_600_000;
/** yyyyMMddHHmmss in GMT+8, what time_expire takes. */
const stamp = (ms: number) => new Date(ms + 8 * HOUR).toISOString().replace(/\D/g, '').slice(0, 14);
const order = (outTradeNo: string, totalFee: number, timeExpire?: string) =>
  cloud.callFunction('shop', { action: 'order', outTradeNo, totalFee, timeExpire });
const succeed = (outTradeNo: string, knobs: unknown) =>
  cloud.http('POST', `/pay/${outTradeNo}/succeed`, knobs);
const callbackFor = async (outTradeNo: string) =>
  (await find(cloud, 'callbacks', {})).filter(
    (c) => (c.event as Record<string, unknown>).outTradeNo === outTradeNo,
  );

describe('pay sandbox knobs (POST /pay/<no>/succeed body)', () => {
  test('totalFee: the callback and queryOrder report the amount actually paid', async () => {
    await order('K1', 1000);
    const answer = await succeed('K1', { totalFee: 1 });
    expect(answer.status).toBe(200);
    const [callback] = await callbackFor('K1');
    expect(callback.event).toMatchObject({ totalFee: 1, cashFee: 1, subMchId: '1600000001' });
    expect(await cloud.callFunction('shop', { action: 'query', outTradeNo: 'K1' })).toMatchObject({
      tradeState: 'SUCCESS',
      totalFee: 1,
    });
    // A refund cannot exceed what was paid.
    expect(
      await cloud.callFunction('shop', {
        action: 'refund',
        outTradeNo: 'K1',
        outRefundNo: 'K1-R',
        totalFee: 1000,
        refundFee: 2,
      }),
    ).toMatchObject({ errCode: expect.anything() });
  });

  test('mchId / subMchId: the callback comes as another merchant', async () => {
    await order('K2', 500);
    await succeed('K2', { mchId: '1900000999', subMchId: '1600000999' });
    const [callback] = await callbackFor('K2');
    expect(callback.event).toMatchObject({
      mchId: '1900000999',
      subMchId: '1600000999',
      totalFee: 500,
    });
  });

  test('late: a payment past its time_expire is CLOSED, and can still be paid with late', async () => {
    await order('K3', 300, stamp(Date.now() + 2 * 60_000));
    await cloud.http('POST', '/clock', { advanceMs: 3 * 60_000 });
    const refused = await succeed('K3', {});
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/CLOSED: it expired.*late/);
    const late = await succeed('K3', { late: true });
    expect(late.status).toBe(200);
    const [callback] = await callbackFor('K3');
    // timeEnd (GMT+8) is after the expiry.
    expect(
      Number(callback.event && (callback.event as { timeEnd: string }).timeEnd),
    ).toBeGreaterThan(Number(stamp(Date.now() + 2 * 60_000)));
  });

  test('bad knobs are refused and pay nothing', async () => {
    await order('K4', 100);
    expect((await succeed('K4', { totalFee: -5 })).status).toBe(400);
    expect((await succeed('K4', { subMchId: 42 })).status).toBe(400);
    expect((await cloud.http('GET', '/pay')).json).toEqual(
      expect.arrayContaining([expect.objectContaining({ _id: 'K4', state: 'NOTPAY' })]),
    );
  });
});

describe('clock (POST /clock {advanceMs}, DELETE /clock)', () => {
  test('moves the functions’ Date, db.serverDate() and the pay sandbox together; DELETE resets', async () => {
    const moved = await cloud.http('POST', '/clock', { advanceMs: 48 * HOUR });
    expect(moved.json).toMatchObject({ offsetMs: 48 * HOUR });
    const inFunction = await cloud.callFunction<{ now: number }>('clock');
    expect(inFunction.now - Date.now()).toBeGreaterThan(48 * HOUR - 60_000);
    expect(inFunction.now - Date.now()).toBeLessThan(48 * HOUR + 60_000);
    // serverDate() written by a function (the pay callback records `at: db.serverDate()`).
    await order('C1', 100);
    await succeed('C1', {});
    const [callback] = await callbackFor('C1');
    expect(
      new Date((callback.at as { $date: string }).$date).getTime() - Date.now(),
    ).toBeGreaterThan(48 * HOUR - 60_000);
    const reset = await cloud.http('DELETE', '/clock');
    expect(reset.json).toMatchObject({ offsetMs: 0 });
    const back = await cloud.callFunction<{ now: number }>('clock');
    expect(Math.abs(back.now - Date.now())).toBeLessThan(60_000);
  });

  test('only forward', async () => {
    expect((await cloud.http('POST', '/clock', { advanceMs: -1 })).status).toBe(400);
  });

  test('timer triggers due in the skipped time fire once each, with the moved time', async () => {
    const nightly = async () =>
      (await find(cloud, 'ticks', {})).filter((t) => t.trigger === 'nightly');
    const before = (await nightly()).length;
    // 25 hours cover one 03:00 (Beijing time): the nightly trigger runs once, before the answer.
    await cloud.http('POST', '/clock', { advanceMs: 25 * HOUR });
    const runs = await nightly();
    expect(runs).toHaveLength(before + 1);
    const times = runs.map((run) => new Date((run.event as { Time: string }).Time).getTime());
    const time = new Date(Math.max(...times));
    expect(time.getTime()).toBeGreaterThan(Date.now());
    expect((time.getUTCHours() + 8) % 24).toBe(3);
  });
});

test('a function sees an ordinary Date, only shifted', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clock-functions-'));
  fs.mkdirSync(path.join(root, 'dates'));
  fs.writeFileSync(
    path.join(root, 'dates', 'index.js'),
    `exports.main = async () => {
      const d = new Date();
      return {
        now: Date.now(), made: d.getTime(), instance: d instanceof Date,
        constructor: d.constructor === Date, tag: Object.prototype.toString.call(d),
        fromValue: new Date(0).getTime(), parsed: Date.parse('2020-01-01T00:00:00Z'),
        called: typeof Date(), subclass: new (class extends Date {})() instanceof Date,
      };
    };`,
  );
  const own = await startLocalCloud({ functionsRoot: root });
  try {
    await own.http('POST', '/clock', { advanceMs: 10 * HOUR });
    const seen = await own.callFunction<Record<string, unknown>>('dates');
    expect(seen).toMatchObject({
      instance: true,
      constructor: true,
      tag: '[object Date]',
      fromValue: 0,
      parsed: Date.UTC(2020, 0, 1),
      called: 'string',
      subclass: true,
    });
    for (const key of ['now', 'made']) {
      expect((seen[key] as number) - Date.now()).toBeGreaterThan(10 * HOUR - 60_000);
    }
  } finally {
    await own.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
