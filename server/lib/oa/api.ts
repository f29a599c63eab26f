// Calls to the official-account HTTP API (`<apiBase>/cgi-bin/…?access_token=`). A token WeChat
// says is invalid or expired is replaced once and the call repeated.

import type { Database } from '../cloud';
import { oaSettings, type OaSettings } from '../../config';
import { requestJson } from './http';
import { accessToken } from './token';

const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

export class OaApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    path: string,
  ) {
    super(`${path}: ${errcode} ${errmsg}`);
    this.name = 'OaApiError';
  }
}

interface OaCall {
  method?: 'GET' | 'POST';
  query?: Record<string, string>;
  body?: unknown;
}

/** `path` like "menu/create"; returns WeChat's JSON answer when errcode is 0 or absent. */
export async function callOaApi(
  db: Database,
  path: string,
  call: OaCall = {},
  settings: OaSettings = oaSettings(),
): Promise<Record<string, unknown>> {
  if (!settings.appid || !settings.secret) {
    throw new OaApiError(-1, 'STOREFRONT_OA_APPID / STOREFRONT_OA_SECRET are not set', path);
  }
  let token = await accessToken(db, settings);
  for (let attempt = 0; ; attempt += 1) {
    const query = new URLSearchParams({ ...call.query, access_token: token });
    const answer = await requestJson(
      call.method ?? 'POST',
      `${settings.apiBase}/cgi-bin/${path}?${query}`,
      call.body,
    );
    const errcode = Number(answer.errcode ?? 0);
    if (errcode === 0) return answer;
    if (attempt === 0 && TOKEN_ERRORS.has(errcode)) {
      token = await accessToken(db, settings, token);
      continue;
    }
    throw new OaApiError(errcode, String(answer.errmsg ?? ''), path);
  }
}
