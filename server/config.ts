// Server settings in one place: every environment variable the server reads is read here, at
// call time, from the cloud function's environment (CloudBase console → function → 环境变量;
// which function needs which: docs/DEPLOY.md step 7). Per-account ids that the build bundles in
// (storefront.config.json) come from config.generated.ts.

import { generatedServerConfig } from './config.generated';

/** The variable, trimmed; `fallback` when it is unset or blank. */
function envText(name: string, fallback = ''): string {
  const value = (process.env[name] ?? '').trim();
  return value || fallback;
}

/** The variable as a positive number; `fallback` when it is unset or not one. */
function envPositive(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

// ── Orders and WeChat Pay ───────────────────────────────────────────────────────────────────

/** Unpaid orders are cancelled (stock given back) this long after creation. Default 15. */
export function unpaidOrderTtlMinutes(): number {
  return envPositive('STOREFRONT_UNPAID_TTL_MINUTES', 15);
}

/**
 * The WeChat Pay sub-merchant bound to the cloud env (cloud console → WeChat Pay). The default is
 * the local cloud sandbox's; a real deployment must set STOREFRONT_SUB_MCH_ID.
 */
export function paySubMchId(): string {
  return envText('STOREFRONT_SUB_MCH_ID', '1600000001');
}

/** The cloud env id as the platform sets it, for when the WeChat context does not say it. */
export function platformEnvId(): string {
  return envText('TCB_ENV') || envText('SCF_NAMESPACE');
}

/** The cloud function WeChat Pay calls back after payments and refunds. */
export const PAY_CALLBACK_FUNCTION = 'payNotify';

/** A refund still unconfirmed after this long is asked for again (same refund number). */
export const REFUND_RETRY_AFTER_MINUTES = 5;

// ── Notifications ───────────────────────────────────────────────────────────────────────────

/** Attempts before a message is marked failed (STOREFRONT_NOTIFY_MAX_ATTEMPTS, default 5). */
export function notifyMaxAttempts(): number {
  return envPositive('STOREFRONT_NOTIFY_MAX_ATTEMPTS', 5);
}

/** The wait after a first failure, doubled after each further one (default 60). */
export function notifyBackoffSeconds(): number {
  return envPositive('STOREFRONT_NOTIFY_BACKOFF_SECONDS', 60);
}

/** Which version of the mini program a subscribe-message tap opens. */
export function miniprogramState(): 'developer' | 'trial' | 'formal' {
  const state = envText('STOREFRONT_MINIPROGRAM_STATE');
  return state === 'developer' || state === 'trial' ? state : 'formal';
}

type TemplateName = keyof typeof generatedServerConfig.templates;

const TEMPLATE_VARIABLES: Record<TemplateName, { subscribe: string; oa: string; demo: string }> = {
  orderPaid: {
    subscribe: 'STOREFRONT_TPL_ORDER_PAID',
    oa: 'STOREFRONT_OA_TPL_ORDER_PAID',
    demo: 'order-paid',
  },
  orderStatus: {
    subscribe: 'STOREFRONT_TPL_ORDER_STATUS',
    oa: 'STOREFRONT_OA_TPL_ORDER_STATUS',
    demo: 'order-status',
  },
  orderReady: {
    subscribe: 'STOREFRONT_TPL_ORDER_READY',
    oa: 'STOREFRONT_OA_TPL_ORDER_READY',
    demo: 'order-ready',
  },
  orderRefunded: {
    subscribe: 'STOREFRONT_TPL_ORDER_REFUNDED',
    oa: 'STOREFRONT_OA_TPL_ORDER_REFUNDED',
    demo: 'order-refunded',
  },
};

/**
 * A template's ids ('' = that channel is not used): the mini program subscribe-message template
 * and the OA template. Each is its environment variable, else the id in storefront.config.json
 * ("templates", "oa.templates"), else — only in local mode, where the local cloud accepts any
 * id — a demo id, so the whole pipeline runs before a store has templates.
 */
export function templateIds(name: TemplateName): { subscribe: string; oa: string } {
  const { subscribe, oa, demo } = TEMPLATE_VARIABLES[name];
  const local = generatedServerConfig.mode === 'local';
  const configured = (id: string, demoId: string) => id || (local ? demoId : '');
  return {
    subscribe: envText(subscribe, configured(generatedServerConfig.templates[name], `tpl-${demo}`)),
    oa: envText(oa, configured(generatedServerConfig.oaTemplates[name], `oa-tpl-${demo}`)),
  };
}

// ── Official account ────────────────────────────────────────────────────────────────────────

const DEFAULT_OA_API_BASE = 'https://api.weixin.qq.com';

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

export function oaSettings(): OaSettings {
  return {
    appid: envText('STOREFRONT_OA_APPID'),
    secret: envText('STOREFRONT_OA_SECRET'),
    token: envText('STOREFRONT_OA_TOKEN'),
    aesKey: envText('STOREFRONT_OA_AES_KEY'),
    apiBase: envText('STOREFRONT_OA_API_BASE', DEFAULT_OA_API_BASE).replace(/\/+$/, ''),
    miniAppid: envText('STOREFRONT_MINI_APPID'),
  };
}

/** True when the function has what it needs to call the OA API. */
export function oaApiConfigured(settings: OaSettings = oaSettings()): boolean {
  return Boolean(settings.appid && settings.secret);
}

/** The `url` of mini program menu buttons, for clients that cannot open a mini program. */
export function oaMenuFallbackUrl(): string {
  return envText('STOREFRONT_OA_MENU_FALLBACK_URL', 'https://mp.weixin.qq.com/');
}

// ── Printing ────────────────────────────────────────────────────────────────────────────────

/** The Feie cloud-printer account (docs/PRINTING.md); the local cloud points `base` at its emulation. */
export function feieAccount(): { user: string; ukey: string; base: string } {
  return {
    user: envText('STOREFRONT_PRINT_FEIE_USER'),
    ukey: envText('STOREFRONT_PRINT_FEIE_UKEY'),
    base: envText('STOREFRONT_PRINT_FEIE_BASE', 'https://api.feieyun.cn/Api/Open/'),
  };
}
