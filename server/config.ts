// Server settings in one place. Each can be overridden by an environment variable of the cloud
// function (CloudBase console → function → environment variables), read at call time.

function envText(name: string, fallback: string): string {
  const value = process.env[name];
  return value && value.trim() ? value.trim() : fallback;
}

function envMinutes(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Unpaid orders are cancelled (stock given back) this long after creation. Default 15. */
export function unpaidOrderTtlMinutes(): number {
  return envMinutes('STOREFRONT_UNPAID_TTL_MINUTES', 15);
}

/**
 * The WeChat Pay sub-merchant bound to the cloud env (cloud console → WeChat Pay). The default is
 * the local cloud sandbox's; a real deployment must set STOREFRONT_SUB_MCH_ID.
 */
export function paySubMchId(): string {
  return envText('STOREFRONT_SUB_MCH_ID', '1600000001');
}

/** The cloud function WeChat Pay calls back after payments and refunds. */
export const PAY_CALLBACK_FUNCTION = 'payNotify';

/** A refund still unconfirmed after this long is asked for again (same refund number). */
export const REFUND_RETRY_AFTER_MINUTES = 5;
