// Subscribe-message grants. A one-time subscription lets the mini program send that template to
// that user once; each accepted wx.requestSubscribeMessage adds one (subscribe.record).
//   subscriptions  _id = <openid>:<templateId>  {openid, templateId, remaining, updatedAt}

import type { Database } from '../cloud';
import { upsertFields } from '../oa/people';
import { COLLECTIONS } from '../collections';

const grantId = (openid: string, templateId: string) => `${openid}:${templateId}`;

export async function addGrants(
  db: Database,
  openid: string,
  templateIds: string[],
  now: number,
): Promise<void> {
  const _ = db.command;
  for (const templateId of new Set(templateIds)) {
    await upsertFields(db, COLLECTIONS.subscriptions, grantId(openid, templateId), {
      openid,
      templateId,
      updatedAt: now,
    });
    await db
      .collection(COLLECTIONS.subscriptions)
      .doc(grantId(openid, templateId))
      .update({ data: { remaining: _.inc(1) } });
  }
}

/** Takes one grant if there is one left (conditional update: never below zero). */
export async function takeGrant(db: Database, openid: string, templateId: string) {
  const _ = db.command;
  const result = (await db
    .collection(COLLECTIONS.subscriptions)
    .where({ _id: grantId(openid, templateId), remaining: _.gt(0) })
    .update({ data: { remaining: _.inc(-1) } })) as { stats: { updated: number } };
  return result.stats.updated === 1;
}

/** Gives a grant back after a send that failed before WeChat used it. */
export async function returnGrant(db: Database, openid: string, templateId: string) {
  const _ = db.command;
  await db
    .collection(COLLECTIONS.subscriptions)
    .doc(grantId(openid, templateId))
    .update({ data: { remaining: _.inc(1) } });
}
