// The official account's settings, from the function's environment variables (CloudBase
// console → function → 环境变量, or config.json "envVariables"). Read at call time.

export const DEFAULT_OA_API_BASE = 'https://api.weixin.qq.com';

export interface OaSettings {
  /** The official account's appid (公众号 AppID), also the appid inside safe-mode messages. */
  appid: string;
  secret: string;
  /** The server-configuration token (服务器配置 → 令牌). */
  token: string;
  /** The 43-character EncodingAESKey; '' when only plain mode is used. */
  aesKey: string;
  /** Where the OA HTTP API lives; the local cloud points it at its emulation. */
  apiBase: string;
  /** The mini program that menus, links and template messages open; '' → the caller's APPID. */
  miniAppid: string;
}

function env(name: string): string {
  return (process.env[name] ?? '').trim();
}

export function oaSettings(): OaSettings {
  return {
    appid: env('STOREFRONT_OA_APPID'),
    secret: env('STOREFRONT_OA_SECRET'),
    token: env('STOREFRONT_OA_TOKEN'),
    aesKey: env('STOREFRONT_OA_AES_KEY'),
    apiBase: (env('STOREFRONT_OA_API_BASE') || DEFAULT_OA_API_BASE).replace(/\/+$/, ''),
    miniAppid: env('STOREFRONT_MINI_APPID'),
  };
}

/** True when the function has what it needs to call the OA API. */
export function oaApiConfigured(settings: OaSettings = oaSettings()): boolean {
  return Boolean(settings.appid && settings.secret);
}
