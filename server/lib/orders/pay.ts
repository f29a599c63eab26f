// WeChat Pay through cloud.cloudPay, with this project's settings filled in. Business failures
// come back as resultCode 'FAIL' with errCodeDes (the SDK itself reports errCode 0).

import { randomBytes } from 'crypto';
import type { Order } from '../../../miniprogram/domain/order';
import { refundNumber } from '../../../miniprogram/domain/order-number';
import { PAY_CALLBACK_FUNCTION, paySubMchId, platformEnvId } from '../../config';
import { cloud } from '../cloud';

interface PayAnswer {
  returnCode?: string;
  resultCode?: string;
  errCodeDes?: string;
  returnMsg?: string;
  [key: string]: unknown;
}

/** cloudPay's typings lag behind its API; this is the part used here. */
interface CloudPay {
  unifiedOrder(params: Record<string, unknown>): Promise<PayAnswer>;
  queryOrder(params: Record<string, unknown>): Promise<PayAnswer>;
  closeOrder(params: Record<string, unknown>): Promise<PayAnswer>;
  refund(params: Record<string, unknown>): Promise<PayAnswer>;
}

const cloudPay = (): CloudPay => (cloud as unknown as { cloudPay: CloudPay }).cloudPay;
const nonce = (): string => randomBytes(16).toString('hex');

export function succeeded(answer: PayAnswer): boolean {
  return answer.returnCode === 'SUCCESS' && answer.resultCode === 'SUCCESS';
}

export function failureText(answer: PayAnswer): string {
  return String(answer.errCodeDes ?? answer.returnMsg ?? answer.resultCode ?? 'unknown');
}

function envId(): string {
  const context = cloud.getWXContext() as { ENV?: string };
  return context.ENV || platformEnvId();
}

/** WeChat Pay's `body` is String(128), counted in UTF-8 bytes (a Chinese character is 3). */
const BODY_MAX_BYTES = 128;

/** "栖木咖啡 · 徐家汇店 - 拿铁等3件" — WeChat Pay shows it on the receipt. */
export function paymentBody(order: Pick<Order, 'lines' | 'storeName'>): string {
  const first = order.lines[0]?.name ?? '商品';
  const count = order.lines.reduce((sum, line) => sum + line.qty, 0);
  let body = `${order.storeName} - ${first}${count > 1 ? `等${count}件` : ''}`;
  // Whole characters only, so the cut never splits one.
  while (Buffer.byteLength(body, 'utf8') > BODY_MAX_BYTES)
    body = Array.from(body).slice(0, -1).join('');
  return body;
}

/**
 * WeChat Pay wants `time_expire` at least about a minute after the request; 5 s more cover the
 * request's own latency and clock skew between the function and WeChat Pay.
 */
const MIN_PAY_WINDOW_MS = 65_000;

/**
 * yyyyMMddHHmmss in China Standard Time (GMT+8, no DST): WeChat Pay reads `time_expire` on its
 * own clock, whatever the store's time zone. Seconds are truncated, so the payment never
 * outlives the order.
 */
function chinaTimestamp(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

/**
 * True while the order still has time for a payment. With less than MIN_PAY_WINDOW_MS left we
 * refuse rather than clamp `time_expire` later: a clamped payment could complete after the cron
 * has cancelled the order and given its stock back (that is the late-payment refund we avoid).
 */
export function payWindowOpen(order: Order, now: number = Date.now()): boolean {
  return order.expiresAt - now >= MIN_PAY_WINDOW_MS;
}

export function unifiedOrder(order: Order, clientIp: string): Promise<PayAnswer> {
  return cloudPay().unifiedOrder({
    body: paymentBody(order),
    outTradeNo: order.orderNo,
    spbillCreateIp: clientIp || '127.0.0.1',
    subMchId: paySubMchId(),
    totalFee: order.amounts.totalFen,
    envId: envId(),
    functionName: PAY_CALLBACK_FUNCTION,
    nonceStr: nonce(),
    tradeType: 'JSAPI',
    // The payment closes when the order expires, so nobody can pay an order whose stock the
    // cron has given back (the SDK sends it as time_expire). Same value on every call, as
    // WeChat Pay refuses a changed time_expire for the same outTradeNo.
    timeExpire: chinaTimestamp(order.expiresAt),
  });
}

export function queryOrder(orderNo: string): Promise<PayAnswer> {
  return cloudPay().queryOrder({ subMchId: paySubMchId(), outTradeNo: orderNo, nonceStr: nonce() });
}

/** Closes the order's payment so it can no longer be paid (ORDERNOTEXIST if none was started). */
export function closeOrder(orderNo: string): Promise<PayAnswer> {
  return cloudPay().closeOrder({ subMchId: paySubMchId(), outTradeNo: orderNo, nonceStr: nonce() });
}

/** Refunds the whole paid amount under the order's one stable refund number. */
export function refund(order: Order, refundFen: number): Promise<PayAnswer> {
  return cloudPay().refund({
    subMchId: paySubMchId(),
    nonceStr: nonce(),
    outTradeNo: order.orderNo,
    outRefundNo: refundNumber(order.orderNo),
    totalFee: order.payment?.paidFen ?? order.amounts.totalFen,
    refundFee: refundFen,
    envId: envId(),
    functionName: PAY_CALLBACK_FUNCTION,
  });
}
