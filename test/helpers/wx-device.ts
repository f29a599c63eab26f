/**
 * A simulated phone for page tests: the `wx` pages see gets
 * - `request` doing a REAL HTTP request (node:http) to a running local cloud, so pages get their
 *   data from the real `api` function (the app's configured base URL is rewritten to the test
 *   cloud's url);
 * - an in-memory storage (miniprogram-simulate's storage APIs are no-ops), with values copied
 *   through JSON like WeChat's own storage;
 * - `getLaunchOptionsSync` answering a launch the test chooses;
 * - `getLocation` answering where the test puts the phone, or refusing (the default: a phone
 *   whose owner has not allowed location).
 *
 *   const device = installWxDevice({ cloudUrl: cloud.url, launch: { scene: 1011, query } });
 *   const page = mount('pages/home/index');
 *   expect(device.calls()).toEqual(['catalog.home']);
 *
 * The device lives on the global `wx`, so it survives mount()'s jest.resetModules: a remount is
 * a relaunch with the same storage. Navigation, maps and phone calls stay simulate's no-ops;
 * tests observe them with jest.spyOn(wxApi(), ...).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { wxApi } from './mount';

/** The local cloud address the mini program is configured with (storefront.config.json). */
export const CONFIGURED_CLOUD_URL = 'http://127.0.0.1:3900';

export interface Launch {
  scene?: number;
  query?: Record<string, string>;
  path?: string;
}

export interface RequestRecord {
  url: string;
  /** The api action, for calls to the `api` function */
  action?: string;
  data: unknown;
}

export interface WxDevice {
  storage: Map<string, unknown>;
  requests: RequestRecord[];
  /** The api actions requested so far, in order. */
  calls(): string[];
  /** Requests still waiting for their answer. */
  pending(): number;
  setLaunch(launch: Launch): void;
  /** Where getLocation says the phone is; null = the customer refuses location. */
  setLocation(location: { latitude: number; longitude: number } | null): void;
  /** Makes every request fail as if the phone were offline (true) or brings it back (false). */
  setOffline(offline: boolean): void;
}

type Callbacks<T> = {
  success?: (res: T) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: unknown) => void;
};

interface RequestOptions extends Callbacks<Record<string, unknown>> {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
}

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function finish<T>(options: Callbacks<T>, ok: boolean, res: T & { errMsg: string }): void {
  if (ok) options.success?.(res);
  else options.fail?.(res);
  options.complete?.(res);
}

export function installWxDevice(setup: { cloudUrl: string; launch?: Launch }): WxDevice {
  const storage = new Map<string, unknown>();
  const requests: RequestRecord[] = [];
  let launch: Launch = setup.launch ?? { scene: 1001, query: {} };
  let offline = false;
  let location: { latitude: number; longitude: number } | null = null;
  let inFlight = 0;
  const wx = wxApi() as unknown as Record<string, unknown>;

  wx.request = (options: RequestOptions) => {
    const url = options.url.replace(CONFIGURED_CLOUD_URL, setup.cloudUrl);
    const body = options.data === undefined ? '' : JSON.stringify(options.data);
    const action = (options.data as { action?: string } | undefined)?.action;
    requests.push({ url, action, data: copy(options.data) });
    if (offline) {
      setTimeout(() => finish(options, false, { errMsg: 'request:fail offline' }), 0);
      return { abort() {} };
    }
    inFlight += 1;
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: { ...options.header } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          inFlight -= 1;
          let data: unknown = text;
          try {
            data = JSON.parse(text);
          } catch {
            // not JSON: handed over as text, as wx.request does
          }
          finish(options, true, {
            errMsg: 'request:ok',
            statusCode: res.statusCode ?? 0,
            header: res.headers,
            data,
          });
        });
      },
    );
    req.on('error', (err) => {
      inFlight -= 1;
      finish(options, false, { errMsg: `request:fail ${err.message}` });
    });
    req.end(body);
    return { abort: () => req.destroy() };
  };

  wx.getStorageSync = (key: string) => (storage.has(key) ? copy(storage.get(key)) : '');
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, copy(value));
  wx.removeStorageSync = (key: string) => void storage.delete(key);
  wx.clearStorageSync = () => storage.clear();
  wx.getStorage = (options: Callbacks<{ data: unknown }> & { key: string }) => {
    const found = storage.has(options.key);
    setTimeout(() =>
      finish(options, found, {
        errMsg: found ? 'getStorage:ok' : 'getStorage:fail data not found',
        data: copy(storage.get(options.key)),
      }),
    );
  };
  wx.setStorage = (options: Callbacks<object> & { key: string; data: unknown }) => {
    storage.set(options.key, copy(options.data));
    setTimeout(() => finish(options, true, { errMsg: 'setStorage:ok' }));
  };
  wx.removeStorage = (options: Callbacks<object> & { key: string }) => {
    storage.delete(options.key);
    setTimeout(() => finish(options, true, { errMsg: 'removeStorage:ok' }));
  };
  wx.getLaunchOptionsSync = () => ({ path: 'pages/home/index', query: {}, ...copy(launch) });
  wx.getLocation = (options: Callbacks<object>) => {
    const here = location;
    setTimeout(() =>
      finish(
        options,
        here !== null,
        here ? { errMsg: 'getLocation:ok', ...here } : { errMsg: 'getLocation:fail auth deny' },
      ),
    );
  };

  return {
    storage,
    requests,
    calls: () => requests.flatMap((request) => (request.action ? [request.action] : [])),
    pending: () => inFlight,
    setLaunch(next) {
      launch = next;
    },
    setLocation(next) {
      location = next;
    },
    setOffline(value) {
      offline = value;
    },
  };
}

/** Waits until every request has been answered and the pages had time to render it. */
export async function settle(
  device: WxDevice,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  for (let round = 0; round < 750; round += 1) {
    await sleep(20);
    if (device.pending() === 0) {
      await sleep(30);
      if (device.pending() === 0) return;
    }
  }
  throw new Error('requests still pending after 15 s');
}

/** The demo local cloud as page tests see it: its url, and database edits for test set-up. */
export interface UiCloud {
  url: string;
  /** `db.collection(collection).doc(doc).update({ data })` through the real wx-server-sdk. */
  update(collection: string, doc: string, data: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

const CLOUD_PROCESS = path.join(__dirname, '../ui/support/cloud-process.ts');

/**
 * Starts the demo café's local cloud in a Node child process (test/ui/support/cloud-process.ts):
 * jsdom, where page tests run, has no fetch and resolves wx-server-sdk to browser builds.
 */
export function startUiCloud(): Promise<UiCloud> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLOUD_PROCESS], {
    cwd: path.join(__dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = new Map<number, (answer: { ok: boolean; error?: string }) => void>();
  let nextId = 1;
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`ui cloud exited (${code}):\n${stderr}`)));
    lines.on('line', (line) => {
      const ready = /^READY (\S+)$/.exec(line);
      if (ready) {
        resolve({
          url: ready[1],
          update(collection, doc, data) {
            const id = nextId++;
            child.stdin.write(`${JSON.stringify({ id, op: 'update', collection, doc, data })}\n`);
            return new Promise((done, fail) =>
              waiting.set(id, (answer) => (answer.ok ? done() : fail(new Error(answer.error)))),
            );
          },
          stop() {
            if (child.exitCode !== null) return Promise.resolve();
            return new Promise((done) => {
              child.once('exit', () => done());
              child.stdin.end(`${JSON.stringify({ op: 'stop' })}\n`);
            });
          },
        });
        return;
      }
      if (!line.startsWith('{')) return;
      const answer = JSON.parse(line) as { id: number; ok: boolean; error?: string };
      waiting.get(answer.id)?.(answer);
      waiting.delete(answer.id);
    });
  });
}
