// The `payNotify` cloud function: WeChat Pay's callback for payments and refunds (cloudPay
// functionName). Only genuine callbacks (SOURCE wx_paycallback) are acted on; every handled
// callback answers {errcode: 0} so WeChat stops retrying — replays are harmless because every
// change is conditional on the order's status.

import { cloud, getDb } from '../../lib/cloud';
import { applyPayment, recordPaymentEvent } from '../../lib/orders/payment-result';
import { applyRefundResult } from '../../lib/orders/refunds';

const PAY_CALLBACK_SOURCE = 'wx_paycallback';
const HANDLED = { errcode: 0, errmsg: 'OK' };

type Event = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function isRefundResult(event: Event): boolean {
  return typeof event.outRefundNo === 'string' && typeof event.refundStatus === 'string';
}

async function handlePayment(event: Event) {
  const db = getDb();
  if (event.returnCode !== 'SUCCESS' || event.resultCode !== 'SUCCESS') {
    // WeChat Pay only calls back on success; anything else is recorded and left alone.
    await recordPaymentEvent(db, {
      kind: 'payment',
      outTradeNo: text(event.outTradeNo),
      outcome: 'not_success',
      via: 'callback',
      raw: event,
    });
    return HANDLED;
  }
  const { APPID } = cloud.getWXContext();
  const appid = text(event.subAppid) || text(event.appid);
  const outcome =
    APPID && appid && appid !== APPID
      ? 'appid_mismatch'
      : await applyPayment(db, {
          outTradeNo: text(event.outTradeNo),
          totalFee: Number(event.totalFee),
          transactionId: text(event.transactionId),
          subMchId: text(event.subMchId) || undefined,
          via: 'callback',
          raw: event,
        });
  await recordPaymentEvent(db, {
    kind: 'payment',
    outTradeNo: text(event.outTradeNo),
    outcome,
    via: 'callback',
    raw: event,
  });
  return HANDLED;
}

async function handleRefund(event: Event) {
  const db = getDb();
  const outcome = await applyRefundResult(db, {
    outTradeNo: text(event.outTradeNo),
    outRefundNo: text(event.outRefundNo),
    refundId: text(event.refundId),
    refundStatus: text(event.refundStatus),
  });
  await recordPaymentEvent(db, {
    kind: 'refund',
    outTradeNo: text(event.outTradeNo),
    outcome,
    via: 'callback',
    raw: event,
  });
  return HANDLED;
}

export async function main(event: unknown, _context?: unknown) {
  const { SOURCE } = cloud.getWXContext();
  if (SOURCE !== PAY_CALLBACK_SOURCE) {
    // A client (or anyone else) calling this function directly: refuse, change nothing.
    return { errcode: -1, errmsg: `FORBIDDEN: payNotify only accepts WeChat Pay callbacks` };
  }
  const payload = (event ?? {}) as Event;
  return isRefundResult(payload) ? handleRefund(payload) : handlePayment(payload);
}
