// WeChat retries a push it got no answer to within 5 s (3 times). Each message is claimed once
// by inserting a document whose _id is its key: the insert is the conditional step, and a
// duplicate key means another delivery of the same message already claimed it. A claim whose
// handling failed is released (deleted) so the retry WeChat sends after the 5xx handles it.

import type { Database } from '../cloud';
import { findById } from '../db';
import { field, type XmlRecord } from './xml';
import { COLLECTIONS } from '../collections';

/** MsgId for messages; FromUserName + CreateTime for events (they have no MsgId). */
export function messageKey(message: XmlRecord): string {
  const msgId = field(message, 'MsgId') || field(message, 'MsgID');
  if (msgId) return `msg-${msgId}`;
  return `evt-${field(message, 'FromUserName')}-${field(message, 'CreateTime')}`;
}

/** True for the first delivery of `key`; false for every retry. */
export async function claimMessage(db: Database, key: string, now: number): Promise<boolean> {
  try {
    await db
      .collection(COLLECTIONS.oaInbox)
      .add({ data: { _id: key, receivedAt: now, reply: null } });
    return true;
  } catch (error) {
    if (await findById(db, COLLECTIONS.oaInbox, key)) return false;
    throw error; // not a duplicate: a real failure
  }
}

/** Keeps the reply so a retry that arrives after the first answer gets the same one. */
export async function saveReply(db: Database, key: string, reply: string | null): Promise<void> {
  await db.collection(COLLECTIONS.oaInbox).doc(key).update({ data: { reply } });
}

/**
 * Deletes the claim of a message whose handling failed, so WeChat's retry (after our 5xx)
 * claims it again and does the work instead of being answered from the inbox.
 */
export async function releaseClaim(db: Database, key: string): Promise<void> {
  await db.collection(COLLECTIONS.oaInbox).doc(key).remove();
}

export async function storedReply(db: Database, key: string): Promise<string | null> {
  const doc = await findById<{ reply: string | null }>(db, COLLECTIONS.oaInbox, key);
  return doc?.reply ?? null;
}
