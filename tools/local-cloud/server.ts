// HTTP routing for every service of the local cloud on one port.
//   GET  /health                         readiness
//   POST /admin                          CloudBase backend API (wx-server-sdk)
//   POST /functions/<name>               client entry (DEV ONLY): what wx.cloud.callFunction resolves to
//   GET  /functions/log  DELETE ...      invocation log
//   GET  /outbox[?kind=]  DELETE /outbox captured open API calls
//   GET  /pay  POST /pay/<no>/succeed|fail|replay   pay sandbox (succeed takes knobs, pay/sandbox.ts)
//   GET  /clock  POST /clock {advanceMs}  DELETE /clock   the local cloud's clock (clock.ts)
//   ANY  /http/<path>                    HTTP access to functions
//   ANY  /oa-api/cgi-bin/...             the official-account HTTP API emulation (oa-api/)
//   POST /feie/Api/Open/  GET /feie/tickets[/<id>.html]   the Feie cloud printer emulation (feie/)
//   GET  /storage/<path>                 a drawn placeholder for a cloud:// file (storage.ts)
//   GET  /timers  POST /timers/<fn>/<trigger>/fire
//   GET  /  and /console/api/...         the web console
//   GET  /screens/<file>                 the gallery of `npm run screens`, when it exists
//   GET/POST /manage/collections[/<name>/indexes|rules]   collections, indexes, rules (manage.ts)
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AdminDispatcher } from './admin/dispatcher';
import { CONSOLE_HTML } from './console/page';
import { screensFile } from './console/screens';
import { placeholderImage } from './storage';
import type { Database } from './db/database';
import { CloudError, messageOf } from './errors';
import type { FunctionCatalog } from './functions/catalog';
import type { FunctionRuntime } from './functions/runtime';
import { handleHttpAccess } from './http-access';
import { allowCors, parseJson, readBody, sendBytes, sendJson } from './http-util';
import { CollectionManager } from './manage';
import { type FeieEmulator, ticketHtml } from './feie/service';
import type { OaApiEmulator } from './oa-api/service';
import type { Outbox } from './openapi/outbox';
import type { PaySandbox, SucceedOptions } from './pay/sandbox';
import { clock } from './clock';
import type { Timers } from './timers';

export interface Services {
  db: Database;
  admin: AdminDispatcher;
  catalog: FunctionCatalog;
  runtime: FunctionRuntime;
  outbox: Outbox;
  oaApi: OaApiEmulator;
  feie: FeieEmulator;
  pay: PaySandbox;
  timers: Timers;
  appid: string;
  port: () => number;
}

const INTERNAL_PREFIX = '__local_';

export function createServer(services: Services): http.Server {
  const manage = new CollectionManager(services.db);
  return http.createServer((req, res) => {
    allowCors(res);
    const handled =
      req.url?.startsWith('/manage/') === true
        ? manageRoute(manage, req, res)
        : route(services, req, res);
    handled.catch((error: unknown) => {
      if (!res.headersSent) {
        const status = error instanceof CloudError ? 400 : 500;
        sendJson(res, status, { error: messageOf(error) });
      } else {
        res.end();
      }
    });
  });
}

async function route(s: Services, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (method === 'OPTIONS') return void res.writeHead(204).end();

  if (url.pathname === '/health') {
    return sendJson(res, 200, { status: 'ok', port: s.port(), functions: s.catalog.list().length });
  }
  if (url.pathname === '/admin' && method === 'POST') {
    const reply = await s.admin.handle(
      await readBody(req),
      String(req.headers['content-type'] ?? ''),
      url.searchParams.get('seqId'),
    );
    return sendBytes(res, 200, reply.body, reply.contentType);
  }
  if (url.pathname === '/functions/log') {
    if (method === 'DELETE') s.runtime.log.clear();
    return sendJson(res, 200, s.runtime.log.list());
  }
  if (parts[0] === 'functions' && parts.length === 2 && method === 'POST') {
    return clientCall(s, parts[1], req, res);
  }
  if (url.pathname === '/outbox') {
    if (method === 'DELETE') return sendJson(res, 200, { deleted: await s.outbox.clear() });
    return sendJson(res, 200, s.outbox.list(url.searchParams.get('kind') ?? undefined));
  }
  if (url.pathname === '/clock') return clockRoute(method, req, res, s.timers);
  if (url.pathname === '/pay') return sendJson(res, 200, s.pay.list());
  if (parts[0] === 'pay' && parts.length === 3 && method === 'POST') {
    const [, outTradeNo, verb] = parts;
    if (verb === 'succeed') {
      const body = (await readBody(req)).toString('utf8').trim();
      const options = body ? parseJsonOrThrow(Buffer.from(body)) : {};
      return sendJson(res, 200, await s.pay.succeed(outTradeNo, options as SucceedOptions));
    }
    if (verb === 'fail') return sendJson(res, 200, { payment: await s.pay.fail(outTradeNo) });
    if (verb === 'replay') return sendJson(res, 200, await s.pay.replay(outTradeNo));
  }
  if (parts[0] === 'http') {
    const answer = await handleHttpAccess(s.catalog, s.runtime, {
      method,
      path: '/' + parts.slice(1).join('/'),
      query: url.searchParams,
      headers: req.headers,
      body: await readBody(req),
    });
    return sendBytes(
      res,
      answer.statusCode,
      answer.body,
      answer.headers['content-type'],
      answer.headers,
    );
  }
  if (parts[0] === 'oa-api') {
    // Functions reach it through STOREFRONT_OA_API_BASE, which the runtime points here.
    let body: unknown;
    try {
      body = parseJson(await readBody(req));
    } catch {
      return sendJson(res, 200, { errcode: 47001, errmsg: 'data format error' });
    }
    const answer = await s.oaApi.handle({
      method,
      path: url.pathname.slice('/oa-api'.length),
      query: url.searchParams,
      body,
    });
    return sendJson(res, answer.status, answer.body);
  }
  if (parts[0] === 'feie') return feieRoute(s.feie, method, parts.slice(1), url, req, res);
  if (parts[0] === 'storage' && parts.length > 1 && method === 'GET') {
    const svg = placeholderImage(decodeURIComponent(parts.slice(1).join('/')));
    return sendBytes(res, 200, Buffer.from(svg), 'image/svg+xml', {
      'cache-control': 'max-age=86400',
    });
  }
  if (url.pathname === '/timers') return sendJson(res, 200, s.timers.list());
  if (parts[0] === 'timers' && parts.length === 4 && parts[3] === 'fire' && method === 'POST') {
    return sendJson(res, 200, { result: await s.timers.fire(parts[1], parts[2]) });
  }
  if (url.pathname === '/') return sendBytes(res, 200, CONSOLE_HTML, 'text/html; charset=utf-8');
  if (parts[0] === 'screens' && (method === 'GET' || method === 'HEAD')) {
    const file = screensFile(parts.slice(1));
    if (file) return sendBytes(res, 200, file.body, file.type);
    return sendJson(res, 404, { error: 'no screens yet: run `npm run screens`' });
  }
  if (url.pathname === '/console/api/collections') {
    const names = s.db.collectionNames().filter((name) => !name.startsWith(INTERNAL_PREFIX));
    return sendJson(
      res,
      200,
      names.map((name) => ({ name, count: s.db.documents(name).length })),
    );
  }
  if (parts[0] === 'console' && parts[2] === 'collections' && parts.length === 4) {
    return sendJson(res, 200, s.db.documents(parts[3]).slice(0, 200));
  }
  sendJson(res, 404, { error: `no route ${method} ${url.pathname}` });
}

/** The Feie cloud printer emulation (feie/service.ts) and its tickets. */
async function feieRoute(
  feie: FeieEmulator,
  method: string,
  parts: string[],
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = method === 'POST' ? (await readBody(req)).toString('utf8') : '';
  if (parts[0] === 'Api' && parts[1] === 'Open' && method === 'POST') {
    // Feie takes a form; a JSON body is as unreadable to it as to us.
    return sendJson(res, 200, feie.api(new URLSearchParams(body)));
  }
  if (parts[0] === 'tickets' && parts.length === 1) {
    if (method === 'DELETE') return sendJson(res, 200, { deleted: feie.clear() });
    const list = feie.list(url.searchParams.get('sn') ?? undefined);
    if (url.searchParams.get('html') !== '1') return sendJson(res, 200, list);
    // The console's Printer view: each ticket drawn on its paper.
    return sendJson(
      res,
      200,
      await Promise.all(list.map(async (t) => ({ ...t, html: await ticketHtml(t) }))),
    );
  }
  if (parts[0] === 'tickets' && parts.length === 2 && parts[1].endsWith('.html')) {
    const page = await feie.ticketPage(parts[1].slice(0, -'.html'.length));
    if (page) return sendBytes(res, 200, Buffer.from(page), 'text/html; charset=utf-8');
    return sendJson(res, 404, { error: 'no such ticket' });
  }
  const json = (): Record<string, unknown> => {
    try {
      return (JSON.parse(body || '{}') as Record<string, unknown>) ?? {};
    } catch {
      throw new CloudError('INVALID_PARAM', 'request body is not valid JSON');
    }
  };
  if (parts[0] === '__devices' && method === 'POST') {
    try {
      return sendJson(res, 200, feie.setDevice(json()));
    } catch (error) {
      return sendJson(res, 400, { error: messageOf(error) });
    }
  }
  if (parts[0] === '__account' && method === 'POST') {
    feie.setUkey(String(json().ukey ?? ''));
    return sendJson(res, 200, { ok: true });
  }
  sendJson(res, 404, { error: `no route ${method} /feie/${parts.join('/')}` });
}

/** The management API (see manage.ts); CloudErrors answer 400 with their message. */
async function manageRoute(
  manage: CollectionManager,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const [collections, name, what] = parts;
  const write = method === 'POST';
  const body = write ? parseJsonOrThrow(await readBody(req)) : undefined;
  if (collections === 'collections' && parts.length === 1) {
    if (write) return sendJson(res, 200, await manage.createCollection(body));
    return sendJson(res, 200, manage.listCollections());
  }
  if (collections === 'collections' && parts.length === 3 && what === 'indexes') {
    if (write) return sendJson(res, 200, await manage.putIndex(name, body));
    return sendJson(res, 200, manage.indexes(name));
  }
  if (collections === 'collections' && parts.length === 3 && what === 'rules') {
    if (write) return sendJson(res, 200, await manage.putRules(name, body));
    return sendJson(res, 200, manage.rules(name));
  }
  sendJson(res, 404, { error: `no route ${method} /manage/${parts.join('/')}` });
}

async function clockRoute(
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  timers: Timers,
): Promise<void> {
  if (method === 'POST') {
    const body = parseJsonOrThrow(await readBody(req)) as { advanceMs?: unknown } | null;
    const ms = body?.advanceMs;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new CloudError(
        'INVALID_PARAM',
        'advanceMs must be a number ≥ 0 (the clock only moves forward)',
      );
    }
    const from = clock.now();
    clock.advance(ms);
    // Timer triggers due in the skipped time fire now (once each), as if the time had passed.
    await timers.catchUp(from, clock.now());
  } else if (method === 'DELETE') {
    clock.reset();
  }
  return sendJson(res, 200, { now: clock.date().toISOString(), offsetMs: clock.offsetMs });
}

function parseJsonOrThrow(body: Buffer): unknown {
  try {
    return parseJson(body);
  } catch {
    throw new CloudError('INVALID_PARAM', 'request body is not valid JSON');
  }
}

/**
 * DEV ONLY: lets the mini program's local mode call functions with wx.request. The caller
 * states its own identity in headers, which a real client can never do.
 */
let warnedClientEntry = false;

async function clientCall(s: Services, name: string, req: IncomingMessage, res: ServerResponse) {
  res.setHeader('x-local-cloud', 'development only - identity comes from request headers');
  if (!warnedClientEntry) {
    warnedClientEntry = true;
    console.warn(
      '[local-cloud] POST /functions is a development-only entry: identity is trusted from headers',
    );
  }
  const openid = header(req, 'x-wx-openid');
  const unionid = header(req, 'x-wx-unionid');
  let event: unknown;
  try {
    event = parseJson(await readBody(req));
  } catch {
    return sendJson(res, 400, {
      errCode: -501007,
      errMsg: 'cloud.callFunction:fail invalid JSON body',
    });
  }
  if (!s.catalog.get(name)) {
    return sendJson(res, 404, {
      errCode: -501000,
      errMsg: `cloud.callFunction:fail -501000 FunctionName parameter could not be found: ${name}`,
    });
  }
  // Like the cloud, client calls carry the caller in event.userInfo.
  const withUser =
    typeof event === 'object' && event !== null && !Array.isArray(event)
      ? { ...event, userInfo: { appId: s.appid, openId: openid } }
      : event;
  try {
    const result = await s.runtime.invoke(name, withUser, { openid, unionid, source: 'wx_client' });
    sendJson(res, 200, { errMsg: 'cloud.callFunction:ok', result, requestID: randomId() });
  } catch (error) {
    // Input the runtime refuses before running anything (an event nested too deep) is the
    // caller's mistake; anything else is the function's failure.
    if (error instanceof CloudError && error.code === 'INVALID_PARAM') {
      return sendJson(res, 400, {
        errCode: -501007,
        errMsg: `cloud.callFunction:fail -501007 invalid parameters. ${error.message}`,
      });
    }
    sendJson(res, 502, {
      errCode: -504002,
      errMsg: `cloud.callFunction:fail -504002 functions execute fail. ${messageOf(error)}`,
    });
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value ? value : undefined;
}

function randomId(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}
