// WeChat Pay answer envelopes (snake_case; the SDK converts them to camelCase).

export type WxPayResponse = Record<string, unknown>;

/** The sandbox's service-provider merchant id. */
export const MCH_ID = '1900000001';

export function ok(): WxPayResponse {
  return { return_code: 'SUCCESS', return_msg: 'OK', result_code: 'SUCCESS' };
}

/** A business failure: the request was understood, the operation refused. */
export function fail(code: string, description: string): WxPayResponse {
  return {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    result_code: 'FAIL',
    err_code: code,
    err_code_des: description,
  };
}

/** yyyyMMddHHmmss in China Standard Time, as WeChat Pay reports it. */
export function formatTimeEnd(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}
