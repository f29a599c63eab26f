// WeChat Pay shipping information (小程序发货信息管理服务), as cloud calls:
//   wxa.sec.order.isTradeManaged     {appid} → {is_trade_managed}: the local cloud's setting
//                                    LOCAL_CLOUD_TRADE_MANAGED (on by default, off)
//   wxa.sec.order.uploadShippingInfo validated with the documented rules
// (developers.weixin.qq.com miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo).
// Real error codes: 40097 bad parameter, 47001 data format error, 268485228 a unified delivery
// whose shipping_list is not exactly one entry.
import type { WxError } from './subscribe-message';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?([+-]\d{2}:\d{2}|Z)$/;
const format = (detail: string): WxError => ({
  errcode: 47001,
  errmsg: `data format error: ${detail}`,
});
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

export function validateIsTradeManaged(request: Record<string, unknown>): WxError | undefined {
  return text(request.appid) ? undefined : { errcode: 40097, errmsg: 'invalid args: appid' };
}

export function validateUploadShippingInfo(request: Record<string, unknown>): WxError | undefined {
  const key = request.order_key;
  if (!isObject(key)) return format('order_key is required');
  if (key.order_number_type === 2) {
    if (!text(key.transaction_id)) return format('order_key.transaction_id is required');
  } else if (key.order_number_type === 1) {
    if (!text(key.mchid) || !text(key.out_trade_no)) {
      return format('order_key.mchid and out_trade_no are required');
    }
  } else {
    return format('order_key.order_number_type must be 1 or 2');
  }
  const logistics = request.logistics_type;
  if (![1, 2, 3, 4].includes(logistics as number)) return format('logistics_type must be 1–4');
  if (![1, 2].includes(request.delivery_mode as number))
    return format('delivery_mode must be 1 or 2');
  const list = request.shipping_list;
  if (!Array.isArray(list) || list.length < 1 || list.length > 15) {
    return format('shipping_list must hold 1–15 entries');
  }
  if (request.delivery_mode === 1 && list.length !== 1) {
    return { errcode: 268485228, errmsg: '统一发货模式下，物流信息列表长度必须为1' };
  }
  for (const entry of list) {
    if (!isObject(entry) || !text(entry.item_desc) || Array.from(entry.item_desc).length > 120) {
      return format('shipping_list[].item_desc is required, ≤ 120 characters');
    }
    if (logistics === 1 && (!text(entry.tracking_no) || !text(entry.express_company))) {
      return format('express delivery needs tracking_no and express_company');
    }
  }
  if (typeof request.upload_time !== 'string' || !RFC3339.test(request.upload_time)) {
    return format('upload_time must be RFC 3339, e.g. 2022-12-15T13:29:35.120+08:00');
  }
  if (!isObject(request.payer) || !text(request.payer.openid)) {
    return format('payer.openid is required');
  }
  return undefined;
}
