// The `wx.openApi` action: cloud.openapi.* calls. Decodes the SDK's protobuf request, validates
// the APIs with documented rules, records every call in the outbox and answers like WeChat.
import { CloudError } from '../errors';
import type { Outbox } from './outbox';
import { decodeCommApiData, encodeCommOpenApiResp } from './protobuf';
import { validateSubscribeMessage, type WxError } from './subscribe-message';
import { renderWxacode, validateWxacode } from './wxacode';

export interface OpenApiCaller {
  function?: string;
  openid?: string;
}

export interface OpenApiOptions {
  /** Restricts subscribeMessage template ids (LOCAL_CLOUD_TEMPLATES); undefined accepts any. */
  allowedTemplates?: string[];
}

export class OpenApiService {
  constructor(
    private readonly outbox: Outbox,
    private readonly options: OpenApiOptions,
  ) {}

  /** Returns the protobuf CommOpenApiResp body the SDK decodes. */
  async handle(apiName: string, requestData: Buffer, caller: OpenApiCaller): Promise<Buffer> {
    let decoded;
    try {
      decoded = decodeCommApiData(requestData);
    } catch (error) {
      throw new CloudError('INVALID_PARAM', `bad openapi payload: ${(error as Error).message}`);
    }
    const request = parseParams(decoded.params);
    const error = this.validate(apiName, request);
    const answer = error ?? { errcode: 0, errmsg: 'ok' };
    await this.outbox.record({
      kind: apiName,
      appid: decoded.appid,
      ...caller,
      request,
      ...answer,
    });
    if (error) return json(error);
    if (
      apiName === 'wxacode.getUnlimited' ||
      apiName === 'wxacode.get' ||
      apiName === 'wxacode.createQRCode'
    ) {
      return encodeCommOpenApiResp({
        respData: await renderWxacode(request),
        contentType: 'image/png',
      });
    }
    return json(answer);
  }

  private validate(apiName: string, request: Record<string, unknown>): WxError | undefined {
    if (apiName === 'subscribeMessage.send') {
      return validateSubscribeMessage(request, this.options.allowedTemplates);
    }
    if (apiName === 'wxacode.getUnlimited') return validateWxacode(request);
    return undefined; // other APIs are recorded and accepted as-is
  }
}

function parseParams(params: Record<string, Buffer>): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const text = value.toString('utf8');
    try {
      request[key] = JSON.parse(text);
    } catch {
      request[key] = text;
    }
  }
  return request;
}

function json(body: WxError): Buffer {
  return encodeCommOpenApiResp({
    respData: Buffer.from(JSON.stringify(body)),
    contentType: 'application/json',
  });
}
