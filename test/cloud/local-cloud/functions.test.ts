// The function runtime: worker pool concurrency, identity per invocation, timeouts,
// function-to-function calls, the client entry and the invocation log.
import {
  FIXTURE_FUNCTIONS,
  type LocalCloud,
  startLocalCloud,
  withSdk,
} from '../../helpers/local-cloud';

jest.setTimeout(60_000);

let cloud: LocalCloud;

interface WhoAmI {
  OPENID?: string;
  UNIONID?: string;
  APPID?: string;
  SOURCE?: string;
  ENV?: string;
  startedAt: number;
  endedAt: number;
  event: Record<string, unknown>;
}

beforeAll(async () => {
  cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS });
  // Start the pool's 4 workers (one per call that found all busy), so timing below measures
  // interleaving, not worker start-up.
  await Promise.all(Array.from({ length: 4 }, () => cloud.callFunction('whoami', {})));
});
afterAll(() => cloud.stop());

test('the client entry answers like wx.cloud.callFunction, with identity and userInfo', async () => {
  const answer = await cloud.http(
    'POST',
    '/functions/whoami',
    { hello: 1 },
    {
      'x-wx-openid': 'o-alice',
      'x-wx-unionid': 'u-alice',
    },
  );
  expect(answer.status).toBe(200);
  expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  expect(answer.headers.get('x-local-cloud')).toMatch(/development only/);
  const body = answer.json as { errMsg: string; requestID: string; result: WhoAmI };
  expect(body.errMsg).toBe('cloud.callFunction:ok');
  expect(body.requestID).toEqual(expect.any(String));
  expect(body.result).toMatchObject({
    OPENID: 'o-alice',
    UNIONID: 'u-alice',
    APPID: 'touristappid',
    SOURCE: 'wx_client',
    ENV: 'local',
    event: { hello: 1, userInfo: { appId: 'touristappid', openId: 'o-alice' } },
  });
});

test('two slow invocations overlap, and each keeps its own identity', async () => {
  const calls = ['o-1', 'o-2', 'o-3', 'o-4'].map((openid) =>
    cloud.callFunction<WhoAmI>('whoami', { sleepMs: 300, openid }, { openid }),
  );
  const results = await Promise.all(calls);
  for (const result of results) expect(result.OPENID).toBe(result.event.openid);
  expect(results.map((r) => r.UNIONID)).toEqual([undefined, undefined, undefined, undefined]);
  const [a, b] = results;
  expect(a.startedAt).toBeLessThan(b.endedAt);
  expect(b.startedAt).toBeLessThan(a.endedAt);
});

test('an anonymous call carries no OPENID from an earlier call on the same worker', async () => {
  await cloud.callFunction('whoami', {}, { openid: 'o-previous', unionid: 'u-previous' });
  const anonymous = await Promise.all([
    cloud.callFunction<WhoAmI>('whoami', {}),
    cloud.callFunction<WhoAmI>('whoami', {}),
  ]);
  for (const result of anonymous) {
    expect(result.OPENID).toBeUndefined();
    expect(result.UNIONID).toBeUndefined();
  }
});

test('config.json timeout stops a slow invocation; the function still works afterwards', async () => {
  const started = Date.now();
  await expect(cloud.callFunction('slow', {})).rejects.toThrow(/timed out after 1 seconds/);
  expect(Date.now() - started).toBeLessThan(2500);
  // A fresh worker replaced the terminated one: module state starts again.
  expect(await cloud.callFunction('slow', { sleepMs: 10 })).toEqual({ invocations: 1 });
});

test('cloud.callFunction between functions keeps the user and appends scf to SOURCE', async () => {
  const result = await cloud.callFunction<{ mine: WhoAmI; theirs: WhoAmI }>(
    'caller',
    { target: 'whoami', data: { x: 1 } },
    { openid: 'o-bob' },
  );
  expect(result.mine).toMatchObject({ OPENID: 'o-bob', SOURCE: 'wx_client' });
  expect(result.theirs).toMatchObject({
    OPENID: 'o-bob',
    SOURCE: 'wx_client,scf',
    event: { x: 1 },
  });
});

test('errors reach the caller: a throwing function and an unknown function', async () => {
  const failing = await cloud.http('POST', '/functions/caller', { target: 'nope' });
  expect(failing.status).toBe(502);
  expect((failing.json as { errMsg: string }).errMsg).toMatch(/cloud.callFunction:fail .*nope/);
  const unknown = await cloud.http('POST', '/functions/nope', {});
  expect(unknown.status).toBe(404);
  const badJson = await cloud.http('POST', '/functions/whoami', '{not json');
  expect(badJson.status).toBe(400);
});

test('an event nested deeper than 512 levels answers 400 -501007, and no function runs', async () => {
  // `depth` objects, one inside the other.
  const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  await cloud.http('DELETE', '/functions/log');
  const deepest = await cloud.http('POST', '/functions/whoami', nested(512));
  expect(deepest.status).toBe(200);
  for (const depth of [513, 100_000]) {
    const refused = await cloud.http('POST', '/functions/whoami', nested(depth));
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      errCode: -501007,
      errMsg:
        'cloud.callFunction:fail -501007 invalid parameters. event nests deeper than 512 levels',
    });
  }
  // Through the SDK (as from another function) the backend answers the code INVALID_PARAM.
  const sdk = withSdk(cloud);
  await expect(
    sdk.callFunction({ name: 'whoami', data: JSON.parse(nested(600)) }),
  ).rejects.toMatchObject({
    code: 'INVALID_PARAM',
    errMsg: 'callFunction:fail event nests deeper than 512 levels',
  });
  const log = await cloud.functionLog();
  expect(log).toHaveLength(1); // only the call at depth 512 ran
  expect(log[0].error).toBeUndefined();
});

test('the log keeps waiting for a worker apart from running: a burst does not inflate the run', async () => {
  await cloud.http('DELETE', '/functions/log');
  // 8 calls of 500 ms on a pool of 4 workers: half of them wait for a free worker first.
  await Promise.all(
    Array.from({ length: 8 }, () => cloud.callFunction('whoami', { sleepMs: 500 })),
  );
  const log = (await cloud.functionLog()).filter((r) => r.function === 'whoami');
  expect(log).toHaveLength(8);
  for (const record of log) {
    expect(record.durationMs).toBeGreaterThanOrEqual(490);
    expect(record.durationMs).toBeLessThan(900);
    expect(record.queuedMs).toEqual(expect.any(Number));
  }
  const waited = log.filter((r) => Number(r.queuedMs) >= 400);
  expect(waited.length).toBeGreaterThanOrEqual(4);
});

test('a burst on a warm worker does not wait for new workers to start', async () => {
  await cloud.callFunction('hello', {}); // the pool's first worker starts cold
  const [first] = (await cloud.functionLog()).filter((r) => r.function === 'hello');
  expect(first).toMatchObject({ coldStart: true });
  const coldStartMs = Number(first.queuedMs);
  await cloud.http('DELETE', '/functions/log');
  // Quick calls: the warm worker serves them while more workers start in the background.
  await Promise.all(Array.from({ length: 8 }, () => cloud.callFunction('hello', {})));
  const burst = (await cloud.functionLog()).filter((r) => r.function === 'hello');
  expect(burst).toHaveLength(8);
  for (const record of burst) expect(Number(record.queuedMs)).toBeLessThan(coldStartMs / 2);
});

test('every invocation is logged with action, duration, DB operations and error', async () => {
  await cloud.callFunction('chain', {
    calls: [
      { coll: 'log', chain: [['add', { data: { a: 1 } }]] },
      { coll: 'log', chain: [['where', {}], ['get']] },
      { coll: 'log', chain: [['count']] },
    ],
  });
  await cloud.callFunction('counter', { action: 'takeOne', coll: 'log', id: 'none' });
  await expect(cloud.callFunction('slow', {})).rejects.toThrow();
  const log = await cloud.functionLog();
  const chain = log.filter((r) => r.function === 'chain').pop();
  expect(chain).toMatchObject({ source: 'wx_client', dbOps: 3 });
  expect(chain?.durationMs).toEqual(expect.any(Number));
  expect(log.filter((r) => r.function === 'counter').pop()).toMatchObject({
    action: 'takeOne',
    dbOps: 1,
  });
  expect(log.filter((r) => r.function === 'slow').pop()?.error).toMatch(/timed out/);
});
