// Followers of the official account and the customers they are, linked by UnionID.
//   followers  _id = OA openid: {oaOpenid, unionid, subscribed, subscribedAt, unsubscribedAt, updatedAt}
//   customers  _id = unionid:   {unionid, miniOpenid, oaOpenid, updatedAt}
// The OA side fills oaOpenid (follow events); the api function fills miniOpenid (its callers'
// UNIONID from getWXContext), so either side may create the link first.

import type { Database } from '../cloud';
import { findById, findOne } from '../db';
import { COLLECTIONS, type CollectionName } from '../collections';

interface Follower {
  _id: string;
  oaOpenid: string;
  unionid: string;
  subscribed: boolean;
  subscribedAt: number;
  unsubscribedAt: number | null;
  updatedAt: number;
}

interface CustomerLink {
  _id: string;
  unionid: string;
  miniOpenid?: string;
  oaOpenid?: string;
  updatedAt: number;
}

/** Sets `fields` on document `id`, creating it when missing (safe against a concurrent create). */
export async function upsertFields(
  db: Database,
  collection: CollectionName,
  id: string,
  fields: Record<string, unknown>,
): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const result = (await db
      .collection(collection)
      .where({ _id: id })
      .update({ data: fields })) as { stats: { updated: number } };
    if (result.stats.updated > 0) return;
    // Updating with identical values also reports 0: check before creating.
    if (await findById(db, collection, id)) return;
    try {
      await db.collection(collection).add({ data: { _id: id, ...fields } });
      return;
    } catch {
      // created concurrently: update it on the next pass
    }
  }
}

export async function recordFollow(
  db: Database,
  oaOpenid: string,
  unionid: string,
  at: number,
): Promise<void> {
  await upsertFields(db, COLLECTIONS.followers, oaOpenid, {
    oaOpenid,
    ...(unionid ? { unionid } : {}),
    subscribed: true,
    subscribedAt: at,
    unsubscribedAt: null,
    updatedAt: at,
  });
  if (unionid) await linkCustomer(db, unionid, { oaOpenid });
}

export async function recordUnfollow(db: Database, oaOpenid: string, at: number): Promise<void> {
  await upsertFields(db, COLLECTIONS.followers, oaOpenid, {
    oaOpenid,
    subscribed: false,
    unsubscribedAt: at,
    updatedAt: at,
  });
}

export async function linkCustomer(
  db: Database,
  unionid: string,
  ids: { miniOpenid?: string; oaOpenid?: string },
  at: number = Date.now(),
): Promise<void> {
  if (!unionid) return;
  await upsertFields(db, COLLECTIONS.customers, unionid, { unionid, ...ids, updatedAt: at });
}

/** The OA openid a mini program user can be reached at: linked by UnionID and still following. */
export async function followingOaOpenid(db: Database, miniOpenid: string): Promise<string | null> {
  const customer = await findOne<CustomerLink>(db, COLLECTIONS.customers, { miniOpenid });
  if (!customer?.oaOpenid) return null;
  const follower = await findById<Follower>(db, COLLECTIONS.followers, customer.oaOpenid);
  return follower?.subscribed ? follower.oaOpenid : null;
}
