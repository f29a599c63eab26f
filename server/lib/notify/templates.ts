// THE notification configuration: for each kind of message, its template (a mini program
// subscribe-message template and an OA template) and which order field fills which template key.
// Template ids are per account, set in storefront.config.json ("templates", "oa.templates") or
// overridden by an environment variable: server/config.ts (templateIds). Values are cut to the
// key's type limit by fields.ts.

import type { Order } from '../../../miniprogram/domain/order';
import { itemsText } from '../../../miniprogram/domain/order-display';
import { ORDER_STATUS_LABELS } from '../../../miniprogram/domain/order-status';
import { templateIds } from '../../config';
import { amountText, timeText } from './fields';

type NotificationKind =
  | 'order_paid'
  | 'order_accepted'
  | 'order_ready'
  | 'order_refunded'
  | 'print_failed'
  | 'table_round'
  | 'table_expired';

export interface TemplateSpec {
  /** Mini program subscribe-message template id ('' = this channel is not used). */
  subscribe: string;
  /** OA template-message template id ('' = this channel is not used). */
  oa: string;
  /** template key → value, from the order. The same keys serve both templates. */
  fields: (order: Order) => Record<string, string>;
}

/** The number staff call out; an order not numbered yet (its payer failed) by its order number. */
function pickupOrOrderNo(order: Order): string {
  return order.pickupNo || order.orderNo;
}

/** The new-order template's fields: number, items, amount, time, remark (or the store). */
function newOrderFields(order: Order): Record<string, string> {
  return {
    character_string1: pickupOrOrderNo(order),
    thing2: itemsText(order.lines),
    amount3: amountText(order.amounts.totalFen),
    time4: timeText(order.createdAt),
    thing5: order.remark || order.storeName,
  };
}

export function templateSpecs(): Record<NotificationKind, TemplateSpec> {
  return {
    order_paid: { ...templateIds('orderPaid'), fields: newOrderFields },
    order_accepted: {
      ...templateIds('orderStatus'),
      fields: (order) => ({
        character_string1: pickupOrOrderNo(order),
        phrase2: ORDER_STATUS_LABELS.accepted,
        thing3: itemsText(order.lines),
        thing4: order.storeName,
      }),
    },
    order_ready: {
      ...templateIds('orderReady'),
      fields: (order) => ({
        character_string1: pickupOrOrderNo(order),
        thing2: itemsText(order.lines),
        thing3: order.storeName,
        thing4: '您的餐品已备好，请凭取餐号取餐',
      }),
    },
    order_refunded: {
      ...templateIds('orderRefunded'),
      fields: (order) => ({
        character_string1: order.orderNo,
        amount2: amountText(order.refund?.refundFen ?? order.amounts.totalFen),
        thing3: order.refund?.reason || '订单已退款',
        thing4: order.storeName,
      }),
    },
    // A round sent at a table (issue 15), to the store's staff as a new order is: the "order" is
    // the round, read by tableRoundAsOrder (pickupNo "A3-2": table A3, round 2).
    table_round: { ...templateIds('orderPaid'), fields: newOrderFields },
    // A table session the cron ended for idling (issue 15), on the status template; the "order"
    // is the whole session (tableRoundAsOrder): table number, what happened, the unpaid bill.
    table_expired: {
      ...templateIds('orderStatus'),
      fields: (order) => ({
        character_string1: pickupOrOrderNo(order),
        phrase2: '超时结束',
        thing3: order.remark,
        thing4: order.storeName,
      }),
    },
    // A ticket of the order did not print (issue 16): to the store's staff, on the status template.
    print_failed: {
      ...templateIds('orderStatus'),
      fields: (order) => ({
        character_string1: pickupOrOrderNo(order),
        phrase2: '打印失败',
        thing3: '小票未打出，请检查打印机后补打',
        thing4: order.storeName,
      }),
    },
  };
}

export function isNotificationKind(kind: unknown): kind is NotificationKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(templateSpecs(), kind);
}
