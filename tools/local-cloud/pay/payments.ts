// Payment records of the WeChat Pay sandbox, kept in an internal collection (durable).
import type { Database } from '../db/database';

export const PAYMENTS_COLLECTION = '__local_payments';

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'PAYERROR' | 'CLOSED' | 'REFUND';

export interface Refund {
  outRefundNo: string;
  refundId: string;
  refundFee: number;
  functionName?: string;
  at: Date;
}

export interface Payment {
  _id: string; // outTradeNo
  state: TradeState;
  body: string;
  totalFee: number;
  subMchId: string;
  envId?: string;
  functionName: string;
  attach?: string;
  payerOpenid: string;
  prepayId: string;
  createdAt: Date;
  /** time_expire as sent (yyyyMMddHHmmss, GMT+8): unpaid past it, the payment is CLOSED. */
  timeExpire?: string;
  transactionId?: string;
  timeEnd?: string;
  refunds: Refund[];
  /** Set by the sandbox's knobs (POST /pay/<no>/succeed body): what was paid, to whom. */
  paidFee?: number;
  paidMchId?: string;
  paidSubMchId?: string;
  /** The callback function's last answer; anything but errcode 0 means WeChat would retry. */
  lastCallbackResult?: unknown;
}

/** The amount paid: the ordered amount unless the sandbox was told otherwise. */
export function paidFee(payment: Payment): number {
  return payment.paidFee ?? payment.totalFee;
}

export class Payments {
  constructor(private readonly db: Database) {}

  get(outTradeNo: string): Payment | undefined {
    return this.db.find(PAYMENTS_COLLECTION, { _id: outTradeNo }, { limit: 1 })[0] as unknown as
      Payment | undefined;
  }

  list(): Payment[] {
    return this.db.find(
      PAYMENTS_COLLECTION,
      {},
      { order: { createdAt: -1 } },
    ) as unknown as Payment[];
  }

  async create(payment: Payment): Promise<void> {
    await this.db.insert(PAYMENTS_COLLECTION, [payment as unknown as Record<string, unknown>]);
  }

  async update(outTradeNo: string, fields: Partial<Payment>): Promise<void> {
    await this.db.modify(
      PAYMENTS_COLLECTION,
      { _id: outTradeNo },
      { $set: fields },
      {
        multi: false,
        merge: true,
        upsert: false,
      },
    );
  }
}
