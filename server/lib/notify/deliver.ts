// Sends one message to one person, choosing the channel: a subscribe message when they granted
// that template, else an OA template message when they follow the OA (linked by UnionID), else
// nothing (and says why). Both open the order detail page, with the source in its query.

import { entryPath } from '../../../miniprogram/domain/entry';
import type { Order } from '../../../miniprogram/domain/order';
import { miniprogramState, oaApiConfigured, oaSettings } from '../../config';
import { cloud, type Database } from '../cloud';
import { callOaApi } from '../oa/api';
import { followingOaOpenid } from '../oa/people';
import { templateData } from './fields';
import { returnGrant, takeGrant } from './grants';
import type { TemplateSpec } from './templates';

type Delivery =
  | { outcome: 'sent'; channel: 'subscribe' | 'oa_template'; to: string }
  | { outcome: 'skipped'; reason: string };

/** WeChat's error, with its code when it gave one. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export async function deliver(
  db: Database,
  openid: string,
  order: Order,
  spec: TemplateSpec,
  messageId: string,
  /** The page the message opens, without its `from`; the order's detail page when not given. */
  page?: string,
): Promise<Delivery> {
  const values = spec.fields(order);
  const open = (from: string) =>
    page
      ? `${page}${page.includes('?') ? '&' : '?'}from=${from}`
      : entryPath({ page: 'order', orderId: order._id }, from);
  if (spec.subscribe && (await takeGrant(db, openid, spec.subscribe))) {
    try {
      await cloud.openapi.subscribeMessage.send({
        touser: openid,
        templateId: spec.subscribe,
        page: open('subscribe'),
        data: templateData(values),
        miniprogramState: miniprogramState(),
      });
      return { outcome: 'sent', channel: 'subscribe', to: openid };
    } catch (error) {
      await returnGrant(db, openid, spec.subscribe);
      const err = error as { errCode?: number; errMsg?: string; message?: string };
      throw new SendError(`subscribeMessage.send: ${err.errMsg ?? err.message}`, err.errCode);
    }
  }

  const settings = oaSettings();
  const oaOpenid =
    spec.oa && oaApiConfigured(settings) ? await followingOaOpenid(db, openid) : null;
  if (oaOpenid) {
    const miniAppid = settings.miniAppid || cloud.getWXContext().APPID || '';
    try {
      await callOaApi(
        db,
        'message/template/send',
        {
          body: {
            touser: oaOpenid,
            template_id: spec.oa,
            miniprogram: {
              appid: miniAppid,
              pagepath: open('oa_template'),
            },
            data: templateData(values),
            client_msg_id: messageId,
          },
        },
        settings,
      );
      return { outcome: 'sent', channel: 'oa_template', to: oaOpenid };
    } catch (error) {
      const err = error as { errcode?: number; message: string };
      throw new SendError(err.message, err.errcode);
    }
  }

  const reasons = [
    spec.subscribe ? 'no subscribe grant for the template' : 'no subscribe template configured',
    !spec.oa
      ? 'no OA template configured'
      : !oaApiConfigured(settings)
        ? 'OA not configured'
        : 'not following the OA (or not linked by UnionID)',
  ];
  return { outcome: 'skipped', reason: reasons.join('; ') };
}
