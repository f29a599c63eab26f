// The active check after the customer returns from paying: ask WeChat Pay once and apply a
// success through the same path as the pay callback.

import type { Order } from '../../../miniprogram/domain/order';
import type { Database } from '../cloud';
import { queryOrder, succeeded } from './pay';
import { applyPayment, recordPaymentEvent, type PaymentOutcome } from './payment-result';

export async function syncPayment(
  db: Database,
  order: Order,
): Promise<PaymentOutcome | 'not_paid'> {
  const answer = await queryOrder(order.orderNo);
  if (!succeeded(answer) || answer.tradeState !== 'SUCCESS') return 'not_paid';
  const outcome = await applyPayment(db, {
    outTradeNo: order.orderNo,
    totalFee: Number(answer.totalFee),
    transactionId: String(answer.transactionId ?? ''),
    via: 'query',
    raw: answer,
  });
  await recordPaymentEvent(db, {
    kind: 'payment',
    outTradeNo: order.orderNo,
    outcome,
    via: 'query',
    raw: answer,
  });
  return outcome;
}
