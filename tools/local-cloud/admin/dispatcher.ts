// POST /admin: the CloudBase backend API that wx-server-sdk (through @cloudbase/node-sdk) calls.
// Each request names an `action`; answers are JSON `{requestId, ...}` on success and
// `{code, message, requestId}` on failure (the SDK maps `code` to its TCB_ERR_CODE numbers).
// Open API and pay calls are multipart and answered with bytes, as the SDK expects.
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { CloudError, messageOf } from '../errors';
import type { FunctionRuntime } from '../functions/runtime';
import type { OpenApiService } from '../openapi/service';
import type { PaySandbox } from '../pay/sandbox';
import { databaseActions } from './database-actions';
import { parseMultipart } from './multipart';

export interface AdminReply {
  contentType: string;
  body: Buffer | string;
}

export interface AdminServices {
  db: Database;
  runtime: FunctionRuntime;
  openapi: OpenApiService;
  pay: PaySandbox;
}

export class AdminDispatcher {
  private readonly database: ReturnType<typeof databaseActions>;

  constructor(private readonly services: AdminServices) {
    this.database = databaseActions(services.db);
  }

  async handle(body: Buffer, contentType: string, seqId: string | null): Promise<AdminReply> {
    const requestId = randomUUID();
    const invocation = this.services.runtime.invocationFor(seqId);
    try {
      if (contentType.startsWith('multipart/form-data')) {
        return await this.handleBinary(parseMultipart(body, contentType), invocation);
      }
      const params = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      const action = String(params.action ?? '');
      const handler = this.database[action];
      if (handler) {
        if (invocation) invocation.record.dbOps++;
        try {
          return json({ requestId, ...(await handler(params)) });
        } finally {
          // A read may have seen a write whose log line is not on disk yet: answer after it is.
          await this.services.db.durable();
        }
      }
      if (action === 'functions.invokeFunction') {
        return json({ requestId, data: await this.invokeFunction(params, invocation) });
      }
      throw unknownAction(action);
    } catch (error) {
      const code = error instanceof CloudError ? error.code : 'SYS_ERR';
      if (!(error instanceof CloudError)) console.error('[local-cloud] /admin failed:', error);
      return json({ code, message: messageOf(error), requestId });
    }
  }

  /** cloud.callFunction from inside a function: same user, SOURCE gains ",scf". */
  private async invokeFunction(
    params: Record<string, unknown>,
    invocation: ReturnType<FunctionRuntime['invocationFor']>,
  ): Promise<{ response_data: string }> {
    const name = String(params.function_name ?? '');
    const raw = typeof params.request_data === 'string' ? params.request_data : '';
    const event = raw ? JSON.parse(raw) : {};
    const caller = invocation?.caller;
    const result = await this.services.runtime.invoke(name, event, {
      openid: caller?.openid,
      unionid: caller?.unionid,
      source: caller ? `${caller.source},scf` : 'scf',
    });
    return { response_data: JSON.stringify(result) };
  }

  private async handleBinary(
    fields: Record<string, Buffer>,
    invocation: ReturnType<FunctionRuntime['invocationFor']>,
  ): Promise<AdminReply> {
    const action = fields.action?.toString('utf8') ?? '';
    const apiName = fields.apiName?.toString('utf8') ?? '';
    const requestData = fields.requestData ?? Buffer.alloc(0);
    if (action === 'wx.openApi') {
      const body = await this.services.openapi.handle(apiName, requestData, {
        function: invocation?.record.function,
        openid: invocation?.caller.openid,
      });
      return { contentType: 'application/octet-stream', body };
    }
    if (action === 'wx.wxPayApi') {
      const data = JSON.parse(requestData.toString('utf8') || '{}') as Record<string, unknown>;
      const answer = await this.services.pay.handle(apiName, data, invocation?.caller.openid);
      // Not "application/json; charset=utf-8": the SDK must receive bytes to parse them itself.
      return { contentType: 'application/octet-stream', body: JSON.stringify(answer) };
    }
    throw unknownAction(action);
  }
}

function unknownAction(action: string): CloudError {
  console.error(
    `[local-cloud] UNKNOWN /admin action "${action}" — not emulated; answering an error`,
  );
  return new CloudError('INVALID_PARAM', `local cloud does not implement action "${action}"`);
}

function json(body: unknown): AdminReply {
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}
