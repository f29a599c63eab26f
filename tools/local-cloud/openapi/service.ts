// The `wx.openApi` action: cloud.openapi.* calls. Decodes the SDK's protobuf request, validates
// the APIs with documented rules, records every call in the outbox and answers like WeChat.
import { CloudError } from '../errors';
import type { Outbox } from './outbox';
import { decodeCommApiData, encodeCommOpenApiResp } from './protobuf';
import { validateIsTradeManaged, validateUploadShippingInfo } from './shipping';
import { validateSubscribeMessage, type WxError } from './subscribe-message';
import { renderWxacode, validateWxacode } from './wxacode';

export interface OpenApiCaller {
  function?: string;
  openid?: string;
}

export interface OpenApiOptions {
  /** Restricts subscribeMessage template ids (LOCAL_CLOUD_TEMPLATES); undefined accepts any. */
  allowedTemplates?: string[];
  /** wxa.sec.order.isTradeManaged's answer (LOCAL_CLOUD_TRADE_MANAGED, default true). */
  tradeManaged?: boolean;
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
    const answer = error ?? { errcode: 0, errmsg: 'ok', ...this.result(apiName) };
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
    if (apiName === 'wxa.sec.order.isTradeManaged') return validateIsTradeManaged(request);
    if (apiName === 'wxa.sec.order.uploadShippingInfo') return validateUploadShippingInfo(request);
    return undefined; // other APIs are recorded and accepted as-is
  }

  /** Fields of a successful JSON answer beyond errcode and errmsg. */
  private result(apiName: string): Record<string, unknown> {
    return apiName === 'wxa.sec.order.isTradeManaged'
      ? { is_trade_managed: this.options.tradeManaged ?? true }
      : {};
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
