// What the official account does with each pushed message or event, and what it answers
// (the text of a passive reply, or null for "success" / nothing to say).

import type { Database } from '../../lib/cloud';
import { callOaApi, OaApiError } from '../../lib/oa/api';
import { oaApiConfigured, type OaSettings } from '../../config';
import { parseTableScene } from '../../lib/oa/links';
import { recordFollow, recordUnfollow } from '../../lib/oa/people';
import { keywordReply, tableReply, WELCOME_TEXT } from '../../lib/oa/replies';
import { field, type XmlRecord } from '../../lib/oa/xml';

interface MessageContext {
  db: Database;
  settings: OaSettings;
  /** The mini program links open. */
  miniAppid: string;
  now: number;
}

/**
 * The UnionID of a follower, from the user-info API (cgi-bin/user/info) only. Never from the
 * message body: WeChat's subscribe events carry no UnionId, so such a field could only come
 * from a forged message, and trusting it would link an OA openid to someone else's customer.
 * Throws when the API call fails (see the subscribe branch of handleMessage).
 */
async function unionidOf(ctx: MessageContext, oaOpenid: string): Promise<string> {
  if (!oaApiConfigured(ctx.settings)) return '';
  const info = await callOaApi(
    ctx.db,
    'user/info',
    { method: 'GET', query: { openid: oaOpenid, lang: 'zh_CN' } },
    ctx.settings,
  );
  return typeof info.unionid === 'string' ? info.unionid : '';
}

function sceneReply(ctx: MessageContext, scene: string): string | null {
  const table = parseTableScene(scene);
  return table ? tableReply(ctx.miniAppid, table.storeId, table.tableNo) : null;
}

export async function handleMessage(
  ctx: MessageContext,
  message: XmlRecord,
): Promise<string | null> {
  const from = field(message, 'FromUserName');
  const type = field(message, 'MsgType');
  if (type === 'text') return keywordReply(field(message, 'Content'), ctx.miniAppid);
  if (type !== 'event') return null;

  const event = field(message, 'Event').toLowerCase();
  const eventKey = field(message, 'EventKey');
  if (event === 'subscribe') {
    let unionid: string;
    try {
      unionid = await unionidOf(ctx, from);
    } catch (error) {
      // The follow event is the only place an OA openid joins a customer, so a transient failure
      // (network, errcode -1 "system busy") records the follow without the link and then fails:
      // the 5xx makes WeChat deliver the event again and the retry links the customer. A
      // definite refusal (errcode > 0, e.g. 48001 no permission) would fail every retry too,
      // and the follower would see "service unavailable": record the follow unlinked and go on.
      console.warn('[oa] user/info failed', (error as Error).message);
      if (!(error instanceof OaApiError && error.errcode > 0)) {
        await recordFollow(ctx.db, from, '', ctx.now);
        throw error;
      }
      unionid = '';
    }
    await recordFollow(ctx.db, from, unionid, ctx.now);
    const scene = eventKey.startsWith('qrscene_') ? eventKey.slice('qrscene_'.length) : '';
    return (scene && sceneReply(ctx, scene)) || WELCOME_TEXT;
  }
  if (event === 'unsubscribe') {
    await recordUnfollow(ctx.db, from, ctx.now);
    return null;
  }
  if (event === 'scan') return sceneReply(ctx, eventKey);
  return null;
}
