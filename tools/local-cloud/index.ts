// The local cloud as a library: startLocalCloud() wires every service onto one HTTP server.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AdminDispatcher } from './admin/dispatcher';
import { Database } from './db/database';
import { FunctionCatalog } from './functions/catalog';
import { FunctionRuntime, sdkEnvironment } from './functions/runtime';
import { OpenApiService } from './openapi/service';
import { FeieEmulator, LOCAL_FEIE_UKEY, LOCAL_FEIE_USER } from './feie/service';
import { OaApiEmulator } from './oa-api/service';
import { Outbox } from './openapi/outbox';
import { Payments } from './pay/payments';
import { PaySandbox } from './pay/sandbox';
import { createServer } from './server';
import { Timers } from './timers';

// Cloud function containers run in UTC whatever the developer's machine is set to. The time zone
// is one per process (worker threads share it), so the whole local cloud runs in UTC; Node resets
// its date caches when TZ is assigned, so this holds even if something read a date earlier.
process.env.TZ = 'UTC';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const DEFAULT_PORT = 3900;

export interface LocalCloudOptions {
  /** 0 picks a free port. Default LOCAL_CLOUD_PORT or 3900. */
  port?: number;
  dataDir?: string;
  functionsRoot?: string;
  appid?: string;
  workersPerFunction?: number;
  allowedTemplates?: string[];
  /** What wxa.sec.order.isTradeManaged answers (default true; LOCAL_CLOUD_TRADE_MANAGED=off). */
  tradeManaged?: boolean;
  /** Run timer triggers on their schedule (default true). */
  timers?: boolean;
  /** Fold the database log into the snapshot once it is this long (and longer than it). */
  compactBytes?: number;
}

export interface RunningLocalCloud {
  url: string;
  port: number;
  dataDir: string;
  functionsRoot: string;
  db: Database;
  /** Variables a Node process needs so the unmodified wx-server-sdk talks to this cloud. */
  sdkEnv: Record<string, string>;
  stop(): Promise<void>;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): LocalCloudOptions {
  const port = env.LOCAL_CLOUD_PORT === undefined ? DEFAULT_PORT : Number(env.LOCAL_CLOUD_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`LOCAL_CLOUD_PORT must be a port number, got "${env.LOCAL_CLOUD_PORT}"`);
  }
  return {
    port,
    dataDir: env.LOCAL_CLOUD_DATA || path.join(PROJECT_ROOT, '.local-cloud'),
    functionsRoot: env.LOCAL_CLOUD_FUNCTIONS || path.join(PROJECT_ROOT, 'cloudfunctions'),
    appid: env.LOCAL_CLOUD_APPID || configuredAppid(),
    workersPerFunction: env.LOCAL_CLOUD_WORKERS ? Number(env.LOCAL_CLOUD_WORKERS) : undefined,
    allowedTemplates: env.LOCAL_CLOUD_TEMPLATES ? env.LOCAL_CLOUD_TEMPLATES.split(',') : undefined,
    tradeManaged: env.LOCAL_CLOUD_TRADE_MANAGED !== 'off',
    timers: env.LOCAL_CLOUD_TIMERS !== 'off',
    compactBytes: env.LOCAL_CLOUD_COMPACT_BYTES ? Number(env.LOCAL_CLOUD_COMPACT_BYTES) : undefined,
  };
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<RunningLocalCloud> {
  const defaults = optionsFromEnv({});
  const dataDir = path.resolve(options.dataDir ?? defaults.dataDir!);
  const functionsRoot = path.resolve(options.functionsRoot ?? defaults.functionsRoot!);
  const appid = options.appid ?? defaults.appid!;
  let port = options.port ?? DEFAULT_PORT;

  const db = new Database({ dataDir, compactBytes: options.compactBytes });
  const catalog = new FunctionCatalog(functionsRoot);
  const adminUrl = (): string => `http://127.0.0.1:${port}/admin`;
  const runtime = new FunctionRuntime({
    catalog,
    adminUrl,
    appid,
    workersPerFunction: options.workersPerFunction ?? 4,
  });
  const outbox = new Outbox(db);
  const openapi = new OpenApiService(outbox, {
    allowedTemplates: options.allowedTemplates,
    tradeManaged: options.tradeManaged ?? defaults.tradeManaged,
  });
  const oaApi = new OaApiEmulator(outbox);
  const feie = new FeieEmulator();
  const pay = new PaySandbox(new Payments(db), runtime, appid);
  const timers = new Timers(catalog, runtime);
  const admin = new AdminDispatcher({ db, runtime, openapi, pay });
  const server = createServer({
    db,
    admin,
    catalog,
    runtime,
    outbox,
    oaApi,
    feie,
    pay,
    timers,
    appid,
    port: () => port,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // The printer driver's vendor settings (issue 16), unless the developer set their own: function
  // workers inherit this process's environment, so they print to the Feie emulation (feie/).
  process.env.STOREFRONT_PRINT_FEIE_BASE ||= `http://127.0.0.1:${port}/feie/Api/Open/`;
  process.env.STOREFRONT_PRINT_FEIE_USER ||= LOCAL_FEIE_USER;
  process.env.STOREFRONT_PRINT_FEIE_UKEY ||= LOCAL_FEIE_UKEY;
  if (options.timers !== false) timers.start();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    functionsRoot,
    db,
    sdkEnv: sdkEnvironment(adminUrl()),
    async stop() {
      timers.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      db.close();
    },
  };
}

function configuredAppid(): string {
  try {
    const config = JSON.parse(
      fs.readFileSync(path.join(PROJECT_ROOT, 'storefront.config.json'), 'utf8'),
    ) as { appid?: string };
    return config.appid || 'touristappid';
  } catch {
    return 'touristappid';
  }
}
