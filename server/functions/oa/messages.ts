// What the official account does with each pushed message or event, and what it answers
// (the text of a passive reply, or null for "success" / nothing to say).

import type { Database } from '../../lib/cloud';
import { callOaApi } from '../../lib/oa/api';
import { oaApiConfigured, type OaSettings } from '../../lib/oa/config';
import { parseTableScene } from '../../lib/oa/links';
import { recordFollow, recordUnfollow } from '../../lib/oa/people';
import { keywordReply, tableReply, WELCOME_TEXT } from '../../lib/oa/replies';
import { field, type XmlRecord } from '../../lib/oa/xml';

export interface MessageContext {
  db: Database;
  settings: OaSettings;
  /** The mini program links open. */
  miniAppid: string;
  now: number;
}

/** The UnionID of a follower: from the event if present, else the user-info API. */
async function unionidOf(ctx: MessageContext, message: XmlRecord, oaOpenid: string) {
  const fromEvent = field(message, 'UnionId') || field(message, 'UnionID');
  if (fromEvent || !oaApiConfigured(ctx.settings)) return fromEvent;
  try {
    const info = await callOaApi(
      ctx.db,
      'user/info',
      { method: 'GET', query: { openid: oaOpenid, lang: 'zh_CN' } },
      ctx.settings,
    );
    return typeof info.unionid === 'string' ? info.unionid : '';
  } catch (error) {
    // The follow is still recorded; the link is made when the customer next uses the app.
    console.warn('[oa] user/info failed', (error as Error).message);
    return '';
  }
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
    await recordFollow(ctx.db, from, await unionidOf(ctx, message, from), ctx.now);
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
