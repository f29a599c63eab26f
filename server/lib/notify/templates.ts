// THE notification configuration: for each kind of message, the template ids (a mini program
// subscribe-message template and an OA template) and which order field fills which template key.
// Template ids are per account and set in storefront.config.json ("templates", "oa.templates"),
// which the build bundles in; an environment variable named below on the api, cron and
// payNotify functions overrides one without a rebuild. Values are cut to the key's type limit
// by fields.ts.

import type { Order } from '../../../miniprogram/domain/order';
import { ORDER_STATUS_LABELS } from '../../../miniprogram/domain/order-status';
import { generatedServerConfig } from '../../config.generated';
import { amountText, timeText } from './fields';

export type NotificationKind =
  'order_paid' | 'order_accepted' | 'order_ready' | 'order_refunded' | 'print_failed';

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

function itemsText(order: Order): string {
  return order.lines.map((line) => `${line.name}×${line.qty}`).join('、');
}

/**
 * The environment variable, else the configured id, else — only in local mode, where the local
 * cloud accepts any id — a demo id so the whole pipeline runs before a store has templates.
 */
function templateId(variable: string, configured: string, demoId: string): string {
  const localDemo = generatedServerConfig.mode === 'local' ? demoId : '';
  return (process.env[variable] ?? '').trim() || configured || localDemo;
}

const { templates, oaTemplates } = generatedServerConfig;

/** The order-status template, shared by the kinds that report a status change. */
function orderStatusTemplates(): Pick<TemplateSpec, 'subscribe' | 'oa'> {
  return {
    subscribe: templateId('STOREFRONT_TPL_ORDER_STATUS', templates.orderStatus, 'tpl-order-status'),
    oa: templateId(
      'STOREFRONT_OA_TPL_ORDER_STATUS',
      oaTemplates.orderStatus,
      'oa-tpl-order-status',
    ),
  };
}

export function templateSpecs(): Record<NotificationKind, TemplateSpec> {
  return {
    order_paid: {
      subscribe: templateId('STOREFRONT_TPL_ORDER_PAID', templates.orderPaid, 'tpl-order-paid'),
      oa: templateId('STOREFRONT_OA_TPL_ORDER_PAID', oaTemplates.orderPaid, 'oa-tpl-order-paid'),
      fields: (order) => ({
        character_string1: pickupOrOrderNo(order),
        thing2: itemsText(order),
        amount3: amountText(order.amounts.totalFen),
        time4: timeText(order.createdAt),
        thing5: order.remark || order.storeName,
      }),
    },
    order_accepted: {
      ...orderStatusTemplates(),
      fields: (order) => ({
        character_string1: pickupOrOrderNo(order),
        phrase2: ORDER_STATUS_LABELS.accepted,
        thing3: itemsText(order),
        thing4: order.storeName,
      }),
    },
    order_ready: {
      subscribe: templateId('STOREFRONT_TPL_ORDER_READY', templates.orderReady, 'tpl-order-ready'),
      oa: templateId('STOREFRONT_OA_TPL_ORDER_READY', oaTemplates.orderReady, 'oa-tpl-order-ready'),
      fields: (order) => ({
        character_string1: pickupOrOrderNo(order),
        thing2: itemsText(order),
        thing3: order.storeName,
        thing4: '您的餐品已备好，请凭取餐号取餐',
      }),
    },
    order_refunded: {
      subscribe: templateId(
        'STOREFRONT_TPL_ORDER_REFUNDED',
        templates.orderRefunded,
        'tpl-order-refunded',
      ),
      oa: templateId(
        'STOREFRONT_OA_TPL_ORDER_REFUNDED',
        oaTemplates.orderRefunded,
        'oa-tpl-order-refunded',
      ),
      fields: (order) => ({
        character_string1: order.orderNo,
        amount2: amountText(order.refund?.refundFen ?? order.amounts.totalFen),
        thing3: order.refund?.reason || '订单已退款',
        thing4: order.storeName,
      }),
    },
    // A ticket of the order did not print (issue 16): to the store's staff, on the status template.
    print_failed: {
      ...orderStatusTemplates(),
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
