// WeChat Pay shipping information (小程序发货信息管理服务): where the mini program is under
// trade management, the money of a paid order stays frozen until its shipping is reported. A
// completed order is reported at once by the staff action that completed it, and the cron
// retries what failed. Cloud calls (openapi, same input and output as the HTTPS APIs):
//   wxa.sec.order.isTradeManaged     POST /wxa/sec/order/is_trade_managed      {appid}
//   wxa.sec.order.uploadShippingInfo POST /wxa/sec/order/upload_shipping_info  see shippingInfo
// (developers.weixin.qq.com miniprogram/dev/server/API/order_shipping/api_istrademanaged and
// api_uploadshippinginfo). The function's config.json must grant both (permissions.openapi).

import type { Order, OrderMode, ShippingRecord } from '../../../miniprogram/domain/order';
import { generatedServerConfig } from '../../config.generated';
import { cloud, type Database } from '../cloud';
import { fetchDocs } from '../db';
import { updatedCount } from './updates';
import { refundRetryDelayMs } from './refunds';
import { COLLECTIONS } from '../collections';

/** logistics_type: 1 express, 2 same-city delivery, 3 virtual, 4 user self-pickup. */
const LOGISTICS_TYPE: Record<OrderMode, ShippingRecord['logisticsType']> = {
  dine_in: 4,
  pickup: 4,
  delivery: 2,
};
/** delivery_mode 1 = UNIFIED_DELIVERY: one shipping_list entry for the whole order. */
const UNIFIED_DELIVERY = 1;
/** order_number_type 2: the order is named by its WeChat Pay transaction_id. */
const BY_TRANSACTION_ID = 2;
const ITEM_DESC_MAX = 120;
/** Per cron run; each is up to two WeChat calls. */
const BATCH = 20;

interface TradeApi {
  isTradeManaged(input: { appid: string }): Promise<{ isTradeManaged?: boolean }>;
  uploadShippingInfo(input: Record<string, unknown>): Promise<unknown>;
}
const tradeApi = (): TradeApi =>
  (cloud as unknown as { openapi: { wxa: { sec: { order: TradeApi } } } }).openapi.wxa.sec.order;

/** The record the completing write sets; the cron may retry it after the first delay. */
export function newShipping(order: Order, now: Date): ShippingRecord {
  return {
    state: 'pending',
    logisticsType: LOGISTICS_TYPE[order.mode],
    attempts: 0,
    retryAt: now.getTime() + refundRetryDelayMs(1),
  };
}

/** RFC 3339 in China Standard Time, as WeChat's example: 2022-12-15T13:29:35.120+08:00. */
function chinaRfc3339(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

/** "拿铁*2、意式浓缩*1", at most 120 characters. */
function itemDesc(order: Order): string {
  const text = order.lines.map((line) => `${line.name}*${line.qty}`).join('、');
  const chars = Array.from(text);
  return chars.length <= ITEM_DESC_MAX ? text : `${chars.slice(0, ITEM_DESC_MAX - 1).join('')}…`;
}

/** upload_shipping_info's body for a completed order (snake_case, as WeChat documents it). */
function shippingInfo(order: Order, shipping: ShippingRecord, now: Date) {
  return {
    order_key: {
      order_number_type: BY_TRANSACTION_ID,
      transaction_id: order.payment?.transactionId ?? '',
    },
    logistics_type: shipping.logisticsType,
    delivery_mode: UNIFIED_DELIVERY,
    shipping_list: [{ item_desc: itemDesc(order) }],
    upload_time: chinaRfc3339(now.getTime()),
    payer: { openid: order._openid },
  };
}

function errorText(error: unknown): string {
  const err = error as { errCode?: number; errMsg?: string; message?: string };
  const code = err.errCode ? `${err.errCode} ` : '';
  return `${code}${err.errMsg ?? err.message ?? String(error)}`.slice(0, 200);
}

/**
 * Reports a completed order's shipping if it is still pending: asks is_trade_managed, then
 * uploads. Records the outcome on the order (conditional on the attempt it started from, so two
 * reporters never both count); a failure waits like a refund retry (5, 10, 20 … min, ≤ 6 h).
 * Never throws.
 */
export async function reportShipping(db: Database, order: Order, now: Date): Promise<boolean> {
  const shipping = order.shipping;
  if (order.status !== 'completed' || shipping?.state !== 'pending') return false;
  const attempts = shipping.attempts + 1;
  let next: ShippingRecord;
  try {
    const { isTradeManaged } = await tradeApi().isTradeManaged({
      appid: generatedServerConfig.appid,
    });
    if (isTradeManaged) {
      await tradeApi().uploadShippingInfo(shippingInfo(order, shipping, now));
    }
    next = {
      ...shipping,
      state: isTradeManaged ? 'uploaded' : 'not_managed',
      attempts,
      settledAt: now.getTime(),
    };
  } catch (error) {
    console.warn(`[shipping] ${order.orderNo}: ${errorText(error)}`);
    next = {
      ...shipping,
      attempts,
      retryAt: now.getTime() + refundRetryDelayMs(attempts),
      lastError: errorText(error),
    };
  }
  try {
    const result = await db
      .collection(COLLECTIONS.orders)
      .where({ _id: order._id, 'shipping.attempts': shipping.attempts })
      .update({ data: { shipping: db.command.set(next) } });
    return updatedCount(result) === 1 && next.state !== 'pending';
  } catch (error) {
    console.warn(`[shipping] could not record ${order.orderNo}`, error);
    return false;
  }
}

/** The cron's part: pending reports whose retryAt has come, the longest-waiting first. */
export async function retryShippingReports(db: Database, now: Date = new Date()): Promise<number> {
  const _ = db.command;
  const due = await fetchDocs<Order>(
    db
      .collection(COLLECTIONS.orders)
      .where({ 'shipping.state': 'pending', 'shipping.retryAt': _.lte(now.getTime()) })
      .orderBy('shipping.retryAt', 'asc')
      .limit(BATCH),
  );
  let settled = 0;
  for (const order of due) if (await reportShipping(db, order, now)) settled += 1;
  return settled;
}
