// HTTP access, timer triggers (on demand and on schedule) and the console's endpoints.
import fs from 'node:fs';
import path from 'node:path';
import {
  FIXTURE_FUNCTIONS,
  PROJECT_ROOT,
  type LocalCloud,
  startLocalCloud,
} from '../../helpers/local-cloud';
import { find } from './chain';

jest.setTimeout(60_000);

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS, timers: true });
});
afterAll(() => cloud.stop());

describe('HTTP access', () => {
  test('the bound path receives the CloudBase HTTP event; an integrated answer becomes the response', async () => {
    const answer = await cloud.http('POST', '/http/oa/msg?signature=abc', '<xml>hi</xml>', {
      'content-type': 'text/xml',
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-path')).toBe('/oa/msg');
    expect((answer.json as { event: unknown }).event).toMatchObject({
      path: '/oa/msg',
      httpMethod: 'POST',
      headers: expect.objectContaining({ 'content-type': 'text/xml' }),
      queryStringParameters: { signature: 'abc' },
      body: '<xml>hi</xml>',
      isBase64Encoded: false,
    });
  });

  test('text and plain-object answers', async () => {
    const verify = await cloud.http('GET', '/http/oa?echostr=12345');
    expect(verify.status).toBe(200);
    expect(verify.text).toBe('12345');
    const plain = await cloud.http('PUT', '/http/oa?plain=1', { a: 1 });
    expect(plain.json).toEqual({ got: '{"a":1}', method: 'PUT' });
    expect((await cloud.http('GET', '/http/unbound')).status).toBe(404);
  });
});

describe('timers', () => {
  test('fire runs a trigger now with the timer event and SOURCE wx_trigger', async () => {
    const fired = await cloud.fireTimer('tick', 'nightly');
    expect(fired.json).toEqual({ result: { ok: true, trigger: 'nightly' } });
    const [run] = await find(cloud, 'ticks', { trigger: 'nightly' });
    expect(run).toMatchObject({
      SOURCE: 'wx_trigger',
      event: { Type: 'Timer', TriggerName: 'nightly', Time: expect.stringMatching(/Z$/) },
    });
    expect((await cloud.fireTimer('tick', 'nope')).status).toBe(400);
  });

  test('an every-second trigger runs on schedule', async () => {
    let runs: unknown[] = [];
    for (let i = 0; i < 40 && runs.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = await find(cloud, 'ticks', { trigger: 'everySecond' });
    }
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect((await cloud.http('GET', '/timers')).json).toEqual(
      expect.arrayContaining([{ function: 'tick', trigger: 'nightly', config: '0 0 3 * * * *' }]),
    );
  });
});

describe('console', () => {
  test('serves the page and lists collections with counts, documents and health', async () => {
    const page = await cloud.http('GET', '/');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('Function log');
    // The log shows the wait for a worker apart from the run (issue 18).
    expect(page.text).toContain('<th>waited ms</th><th>ran ms</th>');
    const collections = (await cloud.http('GET', '/console/api/collections')).json as Array<{
      name: string;
      count: number;
    }>;
    expect(collections.find((c) => c.name === 'ticks')?.count).toBeGreaterThan(0);
    expect(collections.some((c) => c.name.startsWith('__local_'))).toBe(false);
    const docs = (await cloud.http('GET', '/console/api/collections/ticks')).json as unknown[];
    expect(docs.length).toBeGreaterThan(0);
    expect((await cloud.http('GET', '/health')).json).toMatchObject({
      status: 'ok',
      port: cloud.port,
    });
  });

  test('shows the screens gallery from the repo’s screens/ folder, and nothing outside it', async () => {
    const dir = path.join(PROJECT_ROOT, 'screens');
    const file = path.join(dir, 'console-test.json');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, '{"state":"drawn"}');
    try {
      const shown = await cloud.http('GET', '/screens/console-test.json');
      expect(shown.status).toBe(200);
      expect(shown.json).toEqual({ state: 'drawn' });
      expect((await cloud.http('GET', '/screens/..%2Fpackage.json')).status).toBe(404);
      expect((await cloud.http('GET', '/screens/missing.png')).json).toEqual({
        error: 'no screens yet: run `npm run screens`',
      });
      expect((await cloud.http('GET', '/')).text).toContain('Screens');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
