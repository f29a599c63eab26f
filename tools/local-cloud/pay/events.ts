// The events WeChat Pay delivers to the callback functions named in cloudPay calls.
import { randomBytes } from 'node:crypto';
import { MCH_ID } from './format';
import { clock } from '../clock';
import { type Payment, paidFee, type Refund } from './payments';

/** What a cloudPay payment callback receives after a successful payment (PLATFORM.md). */
export function paymentEvent(payment: Payment, appid: string): Record<string, unknown> {
  return {
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    appid,
    mchId: payment.paidMchId ?? MCH_ID,
    subAppid: appid,
    subMchId: payment.paidSubMchId ?? payment.subMchId,
    nonceStr: randomBytes(16).toString('hex'),
    openid: `sp_${payment.payerOpenid}`,
    subOpenid: payment.payerOpenid,
    isSubscribe: 'N',
    subIsSubscribe: 'N',
    tradeType: 'JSAPI',
    bankType: 'OTHERS',
    totalFee: paidFee(payment),
    cashFee: paidFee(payment),
    feeType: 'CNY',
    transactionId: payment.transactionId,
    outTradeNo: payment._id,
    timeEnd: payment.timeEnd,
    ...(payment.attach === undefined ? {} : { attach: payment.attach }),
  };
}

/** A refund result notification, modelled on WeChat Pay's decrypted req_info fields. */
export function refundEvent(
  payment: Payment,
  refund: Refund,
  appid: string,
): Record<string, unknown> {
  return {
    returnCode: 'SUCCESS',
    appid,
    mchId: MCH_ID,
    subAppid: appid,
    subMchId: payment.subMchId,
    nonceStr: randomBytes(16).toString('hex'),
    transactionId: payment.transactionId,
    outTradeNo: payment._id,
    refundId: refund.refundId,
    outRefundNo: refund.outRefundNo,
    totalFee: paidFee(payment),
    refundFee: refund.refundFee,
    settlementRefundFee: refund.refundFee,
    refundStatus: 'SUCCESS',
    successTime: clock.date().toISOString().replace('T', ' ').slice(0, 19),
    refundRecvAccout: '支付用户零钱',
    refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
    refundRequestSource: 'API',
  };
}
