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

/** The instant a yyyyMMddHHmmss China Standard Time stamp (time_expire) names; NaN if malformed. */
export function parseChinaTime(text: unknown): number {
  const m =
    typeof text === 'string' ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text) : null;
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const at = Date.UTC(y, mo - 1, d, h, mi, s) - 8 * 3600_000;
  return formatTimeEnd(new Date(at)) === text ? at : NaN; // rejects month 13, second 60, …
}
