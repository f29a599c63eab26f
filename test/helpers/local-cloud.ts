/**
 * Test helper: a real local cloud in a child process, for cloud function tests.
 *
 *   const cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS });
 *   const result = await cloud.callFunction('api', { action: 'menu' }, { openid: 'u1' });
 *   const sdk = withSdk(cloud);            // the real wx-server-sdk, pointed at this cloud
 *   await sdk.database().collection('x').add({ data: { a: 1 } });
 *   await cloud.stop();
 *
 * - One cloud per test file (start in beforeAll, stop in afterAll) keeps suites fast.
 * - Each start gets a fresh temporary data directory unless `dataDir` is given;
 *   `restart()` keeps it, `kill()` is SIGKILL (for durability tests).
 * - `functionsRoot` defaults to the project's built `cloudfunctions/`.
 * - Timer triggers do not run on their schedule unless `timers: true`; use `fireTimer()`.
 * - `callFunction` resolves to `result` of what wx.cloud.callFunction would resolve to and
 *   rejects with the client's errMsg when the function fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localCloudEnv } from '../../tools/deploy/database-client';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const FIXTURE_FUNCTIONS = path.join(PROJECT_ROOT, 'test/fixtures/functions');

export interface StartOptions {
  functionsRoot?: string;
  dataDir?: string;
  timers?: boolean;
  /** Extra environment for the server (LOCAL_CLOUD_TEMPLATES, LOCAL_CLOUD_WORKERS, ...). */
  env?: Record<string, string>;
}

export interface Identity {
  openid?: string;
  unionid?: string;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export interface LocalCloud {
  url: string;
  port: number;
  dataDir: string;
  /** The server process (the bench reads its CPU time). */
  pid: number | undefined;
  /** Variables a Node process needs so the unmodified wx-server-sdk talks to this cloud. */
  env: Record<string, string>;
  callFunction<T = unknown>(name: string, event?: unknown, identity?: Identity): Promise<T>;
  outbox(kind?: string): Promise<Array<Record<string, unknown>>>;
  clearOutbox(): Promise<void>;
  pay(outTradeNo: string, verb: 'succeed' | 'fail' | 'replay'): Promise<HttpAnswer>;
  fireTimer(fn: string, trigger: string): Promise<HttpAnswer>;
  functionLog(): Promise<Array<Record<string, unknown>>>;
  http(
    method: string,
    urlPath: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpAnswer>;
  stop(): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

const READY = /local cloud ready on (http:\/\/127\.0\.0\.1:(\d+))/;

// Servers still running when this process exits are killed with it.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startLocalCloud(options: StartOptions = {}): Promise<LocalCloud> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-'));
  let child: ChildProcess;
  let port = 0;
  let url = '';

  async function boot(): Promise<void> {
    const started = await spawnServer(dataDir, options);
    child = started.child;
    url = started.url;
    // Reuse the same port on restart so SDK env computed earlier stays valid.
    port = started.port;
    options = { ...options, env: { ...options.env, LOCAL_CLOUD_PORT: String(port) } };
  }
  await boot();

  const cloud: LocalCloud = {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    get pid() {
      return child.pid;
    },
    dataDir,
    get env() {
      return sdkEnv(port);
    },
    async callFunction<T>(name: string, event: unknown = {}, identity: Identity = {}) {
      const headers: Record<string, string> = {};
      if (identity.openid) headers['x-wx-openid'] = identity.openid;
      if (identity.unionid) headers['x-wx-unionid'] = identity.unionid;
      const answer = await cloud.http(
        'POST',
        `/functions/${encodeURIComponent(name)}`,
        event,
        headers,
      );
      const body = answer.json as { result?: T; errMsg?: string };
      if (answer.status !== 200) throw new Error(body?.errMsg ?? answer.text);
      return body.result as T;
    },
    async outbox(kind?: string) {
      const answer = await cloud.http(
        'GET',
        kind ? `/outbox?kind=${encodeURIComponent(kind)}` : '/outbox',
      );
      return answer.json as Array<Record<string, unknown>>;
    },
    async clearOutbox() {
      await cloud.http('DELETE', '/outbox');
    },
    pay: (outTradeNo, verb) => cloud.http('POST', `/pay/${encodeURIComponent(outTradeNo)}/${verb}`),
    fireTimer: (fn, trigger) =>
      cloud.http('POST', `/timers/${encodeURIComponent(fn)}/${encodeURIComponent(trigger)}/fire`),
    async functionLog() {
      return (await cloud.http('GET', '/functions/log')).json as Array<Record<string, unknown>>;
    },
    async http(method, urlPath, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      const res = await fetch(url + urlPath, init);
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async stop() {
      await stopChild(child, 'SIGTERM');
    },
    async kill() {
      await stopChild(child, 'SIGKILL');
    },
    async restart() {
      await stopChild(child, 'SIGTERM');
      await boot();
    },
  };
  return cloud;
}

/** The environment wx-server-sdk needs to use the local cloud at `port` (see docs/LOCAL-CLOUD.md). */
export function sdkEnv(port: number): Record<string, string> {
  return localCloudEnv(`http://127.0.0.1:${port}`);
}

/**
 * The real wx-server-sdk in the test process, initialised against `cloud`. It sets process.env
 * (the SDK reads it on every call), so use one cloud per test file.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withSdk(cloud: LocalCloud): any {
  Object.assign(process.env, cloud.env, { SILENCE: 'true' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  return sdk;
}

function spawnServer(
  dataDir: string,
  options: StartOptions,
): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/local-cloud/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      LOCAL_CLOUD_PORT: '0',
      LOCAL_CLOUD_DATA: dataDir,
      LOCAL_CLOUD_TIMERS: options.timers ? 'on' : 'off',
      // The server stops by itself if this test process dies without calling stop().
      LOCAL_CLOUD_PARENT_PID: String(process.pid),
      ...(options.functionsRoot ? { LOCAL_CLOUD_FUNCTIONS: options.functionsRoot } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        // Keep draining so a chatty function cannot block the server on a full pipe.
        child.stdout?.resume();
        resolve({ child, url: match[1], port: Number(match[2]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.LOCAL_CLOUD_DEBUG) process.stderr.write(chunk);
    });
    child.once('exit', (code) =>
      reject(new Error(`local cloud exited (${code}) before ready:\n${output}`)),
    );
    setTimeout(
      () => reject(new Error(`local cloud not ready after 20 s:\n${output}`)),
      20_000,
    ).unref();
  });
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
