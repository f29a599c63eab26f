// The WeChat Pay sandbox behind cloud.cloudPay (action wx.wxPayApi, JSON in snake_case both
// ways; the SDK converts cases). Payments stay NOTPAY until someone "pays" them over HTTP
// (POST /pay/<outTradeNo>/succeed), which calls the function named at unifiedOrder with the
// real callback event and SOURCE wx_paycallback — exactly what happens after a real payment.
// A payment given time_expire closes once that time has passed unpaid (checked whenever the
// payment is touched): it can then no longer be paid, as with WeChat Pay. Time is the local
// cloud's clock (clock.ts), which tests can move forward.
// Knobs for testing what the product does with reports it must not trust (succeed's options):
// a different amount paid, another merchant, a payment completed after the payment closed.
import { randomBytes } from 'node:crypto';
import { clock } from '../clock';
import { CloudError } from '../errors';
import type { Caller, FunctionRuntime } from '../functions/runtime';
import { paymentEvent, refundEvent } from './events';
import { fail, formatTimeEnd, MCH_ID, ok, parseChinaTime, type WxPayResponse } from './format';
import { type Payment, paidFee, Payments, type Refund } from './payments';

const MAX_REFUNDS = 50;
/** WeChat Pay refuses closeOrder sooner than 5 minutes after the payment was created. */
const CLOSE_AFTER_MS = 5 * 60_000;
/** WeChat Pay wants time_expire at least a minute after the unifiedOrder request. */
const MIN_EXPIRE_MS = 60_000;

export class PaySandbox {
  constructor(
    private readonly payments: Payments,
    private readonly runtime: FunctionRuntime,
    private readonly appid: string,
  ) {}

  list(): Payment[] {
    return this.payments.list();
  }

  async handle(
    apiName: string,
    data: Record<string, unknown>,
    payer?: string,
  ): Promise<WxPayResponse> {
    switch (apiName) {
      case 'unifiedOrder':
        return this.unifiedOrder(data, payer);
      case 'queryOrder':
        return this.queryOrder(data);
      case 'closeOrder':
        return this.closeOrder(data);
      case 'refund':
        return this.refund(data);
      default:
        return fail('NOT_SUPPORTED', `cloudPay.${apiName} is not emulated by the local cloud`);
    }
  }

  /**
   * Marks the payment paid and delivers the success callback. `options` drive the checks a
   * callback handler must make: `totalFee` paid instead of the amount ordered, `mchId` /
   * `subMchId` of another merchant, `late` to pay a payment that is already CLOSED (expired or
   * closed), as when the payer's bank confirmed just as it closed.
   */
  async succeed(
    outTradeNo: string,
    options: SucceedOptions = {},
  ): Promise<{ payment: Payment; callbackResult: unknown }> {
    const knobs = checkSucceedOptions(options);
    const payment = await this.closeIfExpired(this.require(outTradeNo));
    const payable = payment.state === 'NOTPAY' || (knobs.late && payment.state === 'CLOSED');
    if (!payable && payment.state === 'CLOSED' && payment.timeExpire) {
      throw new CloudError(
        'INVALID_PARAM',
        `payment ${outTradeNo} is CLOSED: it expired at ${payment.timeExpire} (GMT+8); pay it anyway with {"late": true}`,
      );
    }
    if (!payable) {
      throw new CloudError(
        'INVALID_PARAM',
        `payment ${outTradeNo} is ${payment.state}, not NOTPAY`,
      );
    }
    await this.payments.update(outTradeNo, {
      state: 'SUCCESS',
      transactionId: `4200${clock.now()}${randomBytes(3).toString('hex')}`.slice(0, 28),
      timeEnd: formatTimeEnd(clock.date()),
      ...(knobs.totalFee === undefined ? {} : { paidFee: knobs.totalFee }),
      ...(knobs.mchId === undefined ? {} : { paidMchId: knobs.mchId }),
      ...(knobs.subMchId === undefined ? {} : { paidSubMchId: knobs.subMchId }),
    });
    return this.deliverCallback(outTradeNo);
  }

  /** The payer cancelled or the bank refused: no callback, as with WeChat Pay. */
  async fail(outTradeNo: string): Promise<Payment> {
    const payment = await this.closeIfExpired(this.require(outTradeNo));
    if (payment.state !== 'NOTPAY') {
      throw new CloudError(
        'INVALID_PARAM',
        `payment ${outTradeNo} is ${payment.state}, not NOTPAY`,
      );
    }
    await this.payments.update(outTradeNo, { state: 'PAYERROR' });
    return this.require(outTradeNo);
  }

  /** Delivers the same success callback again (WeChat retries and duplicates callbacks). */
  async replay(outTradeNo: string): Promise<{ payment: Payment; callbackResult: unknown }> {
    const payment = this.require(outTradeNo);
    if (payment.state !== 'SUCCESS' && payment.state !== 'REFUND') {
      throw new CloudError('INVALID_PARAM', `payment ${outTradeNo} was never paid`);
    }
    return this.deliverCallback(outTradeNo);
  }

  /** An unpaid payment past its time_expire becomes CLOSED (WeChat closes it by itself). */
  private async closeIfExpired(payment: Payment): Promise<Payment> {
    const expiresAt = parseChinaTime(payment.timeExpire);
    if (payment.state !== 'NOTPAY' || !(clock.now() >= expiresAt)) return payment;
    await this.payments.update(payment._id, { state: 'CLOSED' });
    return this.require(payment._id);
  }

  private async deliverCallback(outTradeNo: string) {
    const payment = this.require(outTradeNo);
    const caller: Caller = { source: 'wx_paycallback' };
    let callbackResult: unknown;
    try {
      callbackResult = await this.runtime.invoke(
        payment.functionName,
        paymentEvent(payment, this.appid),
        caller,
      );
    } catch (error) {
      callbackResult = { error: (error as Error).message };
    }
    await this.payments.update(outTradeNo, { lastCallbackResult: callbackResult });
    return { payment: this.require(outTradeNo), callbackResult };
  }

  private async unifiedOrder(
    data: Record<string, unknown>,
    payer?: string,
  ): Promise<WxPayResponse> {
    const outTradeNo = data.out_trade_no;
    const totalFee = data.total_fee;
    if (typeof data.body !== 'string' || !data.body || data.body.length > 128) {
      return fail('PARAM_ERROR', 'body is required (≤ 128 characters)');
    }
    if (typeof outTradeNo !== 'string' || !/^[0-9A-Za-z_\-|*@]{1,32}$/.test(outTradeNo)) {
      return fail('PARAM_ERROR', 'out_trade_no must be ≤ 32 of [0-9A-Za-z_-|*@]');
    }
    if (!Number.isInteger(totalFee) || (totalFee as number) <= 0) {
      return fail('PARAM_ERROR', 'total_fee must be a positive integer (fen)');
    }
    if (typeof data.sub_mch_id !== 'string' || !data.sub_mch_id) {
      return fail('PARAM_ERROR', 'sub_mch_id is required');
    }
    if (typeof data.function_name !== 'string' || !data.function_name) {
      return fail('PARAM_ERROR', 'function_name (the payment callback function) is required');
    }
    if (data.trade_type !== undefined && data.trade_type !== 'JSAPI') {
      return fail('PARAM_ERROR', 'only trade_type JSAPI is supported');
    }
    const timeExpire = data.time_expire;
    if (timeExpire !== undefined) {
      const expiresAt = parseChinaTime(timeExpire);
      if (Number.isNaN(expiresAt)) {
        return fail('PARAM_ERROR', 'time_expire must be yyyyMMddHHmmss (GMT+8)');
      }
      if (expiresAt - clock.now() < MIN_EXPIRE_MS) {
        return fail('PARAM_ERROR', 'time_expire must be at least 1 minute from now');
      }
    }
    const found = this.payments.get(outTradeNo);
    const existing = found && (await this.closeIfExpired(found));
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') {
        return fail('ORDERPAID', 'order already paid');
      }
      if (existing.state === 'CLOSED') return fail('ORDERCLOSED', 'order closed');
      if (existing.totalFee !== totalFee || existing.timeExpire !== timeExpire) {
        return fail('INVALID_REQUEST', 'out_trade_no reused with different parameters');
      }
      return this.prepayAnswer(existing);
    }
    const payerOpenid =
      payer ?? (typeof data.sub_openid === 'string' ? data.sub_openid : 'local-payer');
    const payment: Payment = {
      _id: outTradeNo,
      state: 'NOTPAY',
      body: data.body,
      totalFee: totalFee as number,
      subMchId: data.sub_mch_id,
      envId: typeof data.env_id === 'string' ? data.env_id : undefined,
      functionName: data.function_name,
      attach: typeof data.attach === 'string' ? data.attach : undefined,
      payerOpenid,
      prepayId: `wx${clock.now()}${randomBytes(8).toString('hex')}`,
      createdAt: clock.date(),
      ...(typeof timeExpire === 'string' ? { timeExpire } : {}),
      refunds: [],
    };
    await this.payments.create(payment);
    return this.prepayAnswer(payment);
  }

  private prepayAnswer(payment: Payment): WxPayResponse {
    const nonceStr = randomBytes(16).toString('hex');
    return {
      ...ok(),
      appid: this.appid,
      mch_id: MCH_ID,
      sub_appid: this.appid,
      sub_mch_id: payment.subMchId,
      nonce_str: nonceStr,
      sign: 'LOCALSANDBOX',
      trade_type: 'JSAPI',
      prepay_id: payment.prepayId,
      payment: {
        appId: this.appid,
        timeStamp: String(Math.floor(clock.now() / 1000)),
        nonceStr,
        package: `prepay_id=${payment.prepayId}`,
        signType: 'MD5',
        paySign: 'LOCALSANDBOX',
      },
    };
  }

  private async queryOrder(data: Record<string, unknown>): Promise<WxPayResponse> {
    const found = this.payments.get(String(data.out_trade_no ?? ''));
    if (!found) return fail('ORDERNOTEXIST', 'order does not exist');
    const payment = await this.closeIfExpired(found);
    return {
      ...ok(),
      trade_state: payment.state,
      trade_state_desc: payment.state,
      out_trade_no: payment._id,
      mch_id: payment.paidMchId ?? MCH_ID,
      sub_mch_id: payment.paidSubMchId ?? payment.subMchId,
      total_fee: paidFee(payment),
      cash_fee: paidFee(payment),
      sub_openid: payment.payerOpenid,
      ...(payment.transactionId
        ? { transaction_id: payment.transactionId, time_end: payment.timeEnd }
        : {}),
    };
  }

  private async closeOrder(data: Record<string, unknown>): Promise<WxPayResponse> {
    const payment = this.payments.get(String(data.out_trade_no ?? ''));
    if (!payment) return fail('ORDERNOTEXIST', 'order does not exist');
    if (payment.state === 'SUCCESS' || payment.state === 'REFUND') {
      return fail('ORDERPAID', 'order already paid');
    }
    // WeChat documents the rule, not its error code: SYSTEMERROR is its "try again later".
    if (clock.now() - new Date(payment.createdAt).getTime() < CLOSE_AFTER_MS) {
      return fail(
        'SYSTEMERROR',
        'closeOrder no sooner than 5 minutes after the payment was created',
      );
    }
    await this.payments.update(payment._id, { state: 'CLOSED' });
    return ok();
  }

  private async refund(data: Record<string, unknown>): Promise<WxPayResponse> {
    const payment = this.payments.get(String(data.out_trade_no ?? ''));
    if (!payment) return fail('ORDERNOTEXIST', 'order does not exist');
    const outRefundNo = data.out_refund_no;
    const refundFee = data.refund_fee;
    if (typeof outRefundNo !== 'string' || !/^[0-9A-Za-z_\-|*@]{1,64}$/.test(outRefundNo)) {
      return fail('PARAM_ERROR', 'out_refund_no must be ≤ 64 of [0-9A-Za-z_-|*@]');
    }
    const previous = payment.refunds.find((r) => r.outRefundNo === outRefundNo);
    if (previous) return this.refundAnswer(payment, previous); // retry with the same number
    if (payment.state !== 'SUCCESS' && payment.state !== 'REFUND') {
      return fail('TRADE_STATE_ERROR', `order is ${payment.state}`);
    }
    const refunded = payment.refunds.reduce((sum, r) => sum + r.refundFee, 0);
    const paid = paidFee(payment);
    if (!Number.isInteger(refundFee) || (refundFee as number) <= 0) {
      return fail('PARAM_ERROR', 'refund_fee must be a positive integer (fen)');
    }
    if ((refundFee as number) > paid - refunded)
      return fail('NOTENOUGH', 'refund exceeds paid amount');
    if (payment.refunds.length >= MAX_REFUNDS) return fail('FREQUENCY_LIMITED', 'too many refunds');
    const refund = {
      outRefundNo,
      refundId: `5030${clock.now()}${randomBytes(3).toString('hex')}`.slice(0, 28),
      refundFee: refundFee as number,
      functionName: typeof data.function_name === 'string' ? data.function_name : undefined,
      at: clock.date(),
    };
    await this.payments.update(payment._id, {
      state: 'REFUND',
      refunds: [...payment.refunds, refund],
    });
    if (refund.functionName) this.deliverRefundCallback(payment, refund);
    return this.refundAnswer(payment, refund);
  }

  /** Refund results arrive later by their own callback; deliver it after answering. */
  private deliverRefundCallback(payment: Payment, refund: Refund): void {
    const event = refundEvent(payment, refund, this.appid);
    setTimeout(() => {
      this.runtime
        .invoke(refund.functionName!, event, { source: 'wx_paycallback' })
        .catch((error: Error) =>
          console.error(`[local-cloud] refund callback failed: ${error.message}`),
        );
    }, 0);
  }

  private refundAnswer(payment: Payment, refund: Refund): WxPayResponse {
    return {
      ...ok(),
      appid: this.appid,
      mch_id: MCH_ID,
      sub_mch_id: payment.subMchId,
      transaction_id: payment.transactionId,
      out_trade_no: payment._id,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFee,
      total_fee: paidFee(payment),
      cash_fee: paidFee(payment),
    };
  }

  private require(outTradeNo: string): Payment {
    const payment = this.payments.get(outTradeNo);
    if (!payment) throw new CloudError('INVALID_PARAM', `no payment with outTradeNo ${outTradeNo}`);
    return payment;
  }
}

export interface SucceedOptions {
  totalFee?: unknown;
  mchId?: unknown;
  subMchId?: unknown;
  late?: unknown;
}

function checkSucceedOptions(options: SucceedOptions): {
  totalFee?: number;
  mchId?: string;
  subMchId?: string;
  late: boolean;
} {
  const { totalFee, mchId, subMchId, late } = options;
  if (totalFee !== undefined && (!Number.isInteger(totalFee) || (totalFee as number) <= 0)) {
    throw new CloudError('INVALID_PARAM', 'totalFee must be a positive integer (fen)');
  }
  for (const [name, value] of [
    ['mchId', mchId],
    ['subMchId', subMchId],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || !value)) {
      throw new CloudError('INVALID_PARAM', `${name} must be a non-empty string`);
    }
  }
  if (late !== undefined && typeof late !== 'boolean') {
    throw new CloudError('INVALID_PARAM', 'late must be true or false');
  }
  return {
    totalFee: totalFee as number | undefined,
    mchId: mchId as string | undefined,
    subMchId: subMchId as string | undefined,
    late: late === true,
  };
}
