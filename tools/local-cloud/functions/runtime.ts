// Invokes cloud functions: picks the function's pool, gives the invocation its own context
// (identity, SOURCE, backend URL, a correlation token) and logs it.
import { randomBytes } from 'node:crypto';
import { CloudError } from '../errors';
import type { FunctionCatalog } from './catalog';
import { InvocationLog, type InvocationRecord } from './invocation-log';
import { WorkerPool } from './pool';

export const LOCAL_ENV_ID = 'local';

// Invocation tokens: a random prefix per process and a counter, rather than random bytes per call.
const TOKEN_PREFIX = randomBytes(4).toString('hex');
let tokenCount = 0;

/**
 * Deepest nesting of objects and arrays an event may have. Handing an event to a worker copies
 * it recursively (structured clone), so a much deeper one overflows the stack on the way in;
 * such an event is refused as bad input before any function runs.
 */
export const MAX_EVENT_DEPTH = 512;

/** getWXContext().SOURCE values, as documented by WeChat. */
export type Source = 'wx_client' | 'wx_http' | 'wx_trigger' | 'wx_paycallback' | string;

export interface Caller {
  openid?: string;
  unionid?: string;
  source: Source;
}

export interface RuntimeOptions {
  catalog: FunctionCatalog;
  adminUrl: () => string;
  appid: string;
  workersPerFunction: number;
}

export class FunctionRuntime {
  readonly log = new InvocationLog();
  private readonly pools = new Map<string, WorkerPool>();
  /** Running invocations by token; the SDK echoes the token in seqId so we can attribute calls. */
  private readonly running = new Map<string, { record: InvocationRecord; caller: Caller }>();
  private backendEnv?: Record<string, string>;

  constructor(private readonly options: RuntimeOptions) {}

  /** The invocation that made a backend request, from the request's seqId query parameter. */
  invocationFor(seqId: string | null): { record: InvocationRecord; caller: Caller } | undefined {
    if (!seqId) return undefined;
    return this.running.get(seqId.split('-')[0]);
  }

  async invoke(name: string, event: unknown, caller: Caller): Promise<unknown> {
    const fn = this.options.catalog.get(name);
    if (!fn) {
      throw new CloudError(
        'FUNCTIONS_EXECUTE_FAIL',
        `FunctionName parameter could not be found: ${name}`,
      );
    }
    if (nestsDeeperThan(event, MAX_EVENT_DEPTH)) {
      throw new CloudError('INVALID_PARAM', `event nests deeper than ${MAX_EVENT_DEPTH} levels`);
    }
    const token = `${TOKEN_PREFIX}${(++tokenCount).toString(16).padStart(8, '0')}`;
    const action = isRecord(event) && typeof event.action === 'string' ? event.action : undefined;
    const record: InvocationRecord = {
      id: token,
      function: name,
      action,
      source: caller.source,
      openid: caller.openid,
      startedAt: new Date().toISOString(),
      dbOps: 0,
    };
    this.running.set(token, { record, caller });
    const started = performance.now();
    let runFrom: number | undefined;
    try {
      const reply = await this.pool(name, fn.entry).run(
        {
          env: { ...this.configEnv(fn.envVariables), ...this.contextEnv(token, caller) },
          event,
          context: scfContext(token, name, fn.timeoutSeconds),
        },
        fn.timeoutSeconds,
        (coldStart) => {
          runFrom = performance.now();
          if (coldStart) record.coldStart = true;
        },
      );
      if (!reply.ok) throw new CloudError('FUNCTIONS_EXECUTE_FAIL', reply.error.message);
      return reply.result;
    } catch (error) {
      record.error = (error as Error).message;
      if (error instanceof CloudError) throw error;
      throw new CloudError('FUNCTIONS_EXECUTE_FAIL', record.error);
    } finally {
      // Waiting for a worker (in a burst, or while one starts) is not the function's time.
      const ended = performance.now();
      record.queuedMs = tenths((runFrom ?? ended) - started);
      record.durationMs = tenths(ended - (runFrom ?? ended));
      this.running.delete(token);
      this.log.add(record);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }

  private pool(name: string, entry: string): WorkerPool {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = new WorkerPool(entry, this.options.workersPerFunction);
      this.pools.set(name, pool);
    }
    return pool;
  }

  /**
   * Function settings, as the cloud gives them: config.json `envVariables` (empty values are
   * left out so the server's own environment can fill them in development), and the OA HTTP API
   * base URL pointing at this cloud's emulation (oa-api/) unless one is configured — the local
   * stand-in for api.weixin.qq.com, like TCB_CONTEXT_CNFG is for the backend.
   */
  private configEnv(variables: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(variables)) if (value) env[key] = value;
    env.STOREFRONT_OA_API_BASE ??=
      process.env.STOREFRONT_OA_API_BASE || this.options.adminUrl().replace(/\/admin$/, '/oa-api');
    return env;
  }

  /** What a cloud function container has in its environment, per invocation. */
  private contextEnv(token: string, caller: Caller): Record<string, string> {
    const wx: Record<string, string> = { WX_APPID: this.options.appid };
    if (caller.openid) wx.WX_OPENID = caller.openid;
    if (caller.unionid) wx.WX_UNIONID = caller.unionid;
    // The backend's address is known once the server listens, before the first call.
    this.backendEnv ??= sdkEnvironment(this.options.adminUrl());
    return {
      ...this.backendEnv,
      ...wx,
      WX_CONTEXT_KEYS: Object.keys(wx).join(','),
      TCB_SOURCE: caller.source,
      // TCB_SEQID prefixes every backend request's seqId: our per-invocation correlation token.
      TCB_SEQID: token,
      TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE',
    };
  }
}

/** The variables any Node process needs for the unmodified wx-server-sdk to use this backend. */
export function sdkEnvironment(adminUrl: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_SECRETID: 'local-cloud',
    TENCENTCLOUD_SECRETKEY: 'local-cloud',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TCB_ENV: LOCAL_ENV_ID,
    SCF_NAMESPACE: LOCAL_ENV_ID,
  };
}

function scfContext(token: string, name: string, timeoutSeconds: number): Record<string, unknown> {
  return {
    callbackWaitsForEmptyEventLoop: false,
    request_id: token,
    function_name: name,
    function_version: '$LATEST',
    namespace: LOCAL_ENV_ID,
    memory_limit_in_mb: 256,
    time_limit_in_ms: timeoutSeconds * 1000,
  };
}

/** Without recursion, so that no depth can overflow the server's own stack. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

function tenths(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
