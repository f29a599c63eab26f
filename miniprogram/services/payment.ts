// Paying an order, whatever the run mode. Pages call `askForOrderMessages` first thing in the pay
// tap (WeChat only shows the subscribe dialog from a tap), then `payOrder`.
//
// - cloud mode: order.pay → wx.requestPayment with the server's parameters;
// - local mode: order.pay answers a sandbox payment and there is no WeChat payment sheet, so an
//   action sheet "模拟支付" stands in for it and tells the local cloud's pay sandbox to succeed
//   or fail (POST /pay/<outTradeNo>/succeed|fail), which calls payNotify like WeChat Pay does.
//
// Either way a "paid" outcome only means the customer went through with it: the order is paid
// when the server says so (the result page waits for that).
import { config } from '../config';
import type { RequestPaymentParams } from '../domain/api';
import { formatPrice } from '../domain/money';
import { callApi, errorMessage } from './api';
import { startPayment } from './orders';
import { startBillPayment } from './tables';
import { MAX_TEMPLATES_PER_REQUEST, ORDER_SUBSCRIBE_TEMPLATE_IDS } from './subscribe-config';
import type { PayOutcome } from '../domain/routes';

export interface PayResult {
  outcome: PayOutcome;
  /** For failed: what went wrong, for a person. */
  message: string;
  /** For failed: order.pay's error code when it refused (ORDER_NOT_PAYABLE: too late to pay). */
  code?: string;
}

const TEXT = {
  sandboxTitle: (total: string) => `模拟支付 ${total}（本地云沙箱）`,
  sandboxSucceed: '模拟支付成功',
  sandboxFail: '模拟支付失败',
  sandboxFailed: '沙箱支付失败',
  paymentFailed: '支付失败，请稍后重试',
};

/**
 * Tells the server what was granted — each acceptance allows it one message; it keeps count —
 * even nothing: the call also links an OA follower to this customer (by UnionID), so a customer
 * who declines still hears by OA template message. Best effort, never awaited.
 */
function recordSubscriptions(templateIds: string[]): void {
  callApi('subscribe.record', { templateIds }).catch(() => {});
}

/**
 * Asks for the order-message subscriptions. Must be called synchronously inside a tap handler;
 * resolves (never rejects) once the customer has answered, or at once when no template is set.
 */
export function askForOrderMessages(
  tmplIds: readonly string[] = ORDER_SUBSCRIBE_TEMPLATE_IDS,
): Promise<void> {
  const ids = tmplIds.filter(Boolean).slice(0, MAX_TEMPLATES_PER_REQUEST);
  if (ids.length === 0) {
    recordSubscriptions([]);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: ids,
      success: (res) => {
        const answers = res as unknown as Record<string, string>;
        recordSubscriptions(ids.filter((id) => answers[id] === 'accept'));
      },
      complete: () => resolve(),
    } as WechatMiniprogram.RequestSubscribeMessageOption);
  });
}

function requestPayment(payment: RequestPaymentParams): Promise<PayResult> {
  return new Promise((resolve) => {
    wx.requestPayment({
      ...payment,
      success: () => resolve({ outcome: 'paid', message: '' }),
      fail: (err) =>
        resolve(
          /cancel/.test(err.errMsg)
            ? { outcome: 'cancelled', message: '' }
            : { outcome: 'failed', message: TEXT.paymentFailed },
        ),
    });
  });
}

function postSandbox(outTradeNo: string, verb: 'succeed' | 'fail'): Promise<boolean> {
  return new Promise((resolve) => {
    wx.request({
      url: `${config.localCloudUrl}/pay/${encodeURIComponent(outTradeNo)}/${verb}`,
      method: 'POST',
      data: {},
      header: { 'content-type': 'application/json' },
      success: (res) => resolve(res.statusCode >= 200 && res.statusCode < 300),
      fail: () => resolve(false),
    });
  });
}

/** Local mode's payment sheet: the customer picks the sandbox's answer. */
function sandboxPay(outTradeNo: string, totalFen: number): Promise<PayResult> {
  return new Promise((resolve) => {
    wx.showActionSheet({
      alertText: TEXT.sandboxTitle(formatPrice(totalFen)),
      itemList: [TEXT.sandboxSucceed, TEXT.sandboxFail],
      success: ({ tapIndex }) => {
        const verb = tapIndex === 0 ? 'succeed' : 'fail';
        void postSandbox(outTradeNo, verb).then((ok) =>
          resolve(
            ok && verb === 'succeed'
              ? { outcome: 'paid', message: '' }
              : { outcome: 'failed', message: ok ? TEXT.sandboxFail : TEXT.sandboxFailed },
          ),
        );
      },
      fail: () => resolve({ outcome: 'cancelled', message: '' }),
    });
  });
}

/** Starts a payment on the server, then opens the sheet (or the sandbox) for it. */
async function pay(
  outTradeNo: string,
  start: () => Promise<{ payment: RequestPaymentParams; totalFen: number; orderNo?: string }>,
): Promise<PayResult> {
  let started;
  try {
    started = await start();
  } catch (err) {
    const code = (err as { code?: unknown }).code; // an ApiError's
    return {
      outcome: 'failed',
      message: errorMessage(err),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  if (config.mode === 'local') {
    return sandboxPay(started.orderNo ?? outTradeNo, started.totalFen);
  }
  return requestPayment(started.payment);
}

/** Pays a pending order. */
export function payOrder(order: { _id: string; orderNo: string }): Promise<PayResult> {
  return pay(order.orderNo, () => startPayment(order._id));
}

/** 买单: pays a table's whole bill (the server makes its bill order); resolves with its id. */
export async function payBill(sessionId: string): Promise<PayResult & { orderId: string }> {
  let orderId = '';
  const result = await pay('', async () => {
    const started = await startBillPayment(sessionId);
    orderId = started.orderId;
    return started;
  });
  return { ...result, orderId };
}
