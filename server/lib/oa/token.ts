// The OA access token: one per official account, cached in the database so every function
// instance shares it, refreshed a while before it expires, and fetched by one instance at a time
// (a lock field taken with a conditional update; the others wait and read the result).

import type { Database } from '../cloud';
import { findById } from '../db';
import type { OaSettings } from '../../config';
import { requestJson } from './http';
import { COLLECTIONS } from '../collections';

/** Refresh this long before expiry, so no call goes out with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** A refresher that died holding the lock is taken over after this. */
const LOCK_MS = 10 * 1000;
const WAIT_STEP_MS = 100;
const WAIT_LIMIT_MS = 8 * 1000;

interface TokenDoc {
  _id: string;
  accessToken: string;
  expiresAt: number;
  lockUntil: number;
}

/** Per container: saves the database read on warm calls. */
const memory = new Map<string, { accessToken: string; expiresAt: number }>();

function fresh(doc: { accessToken: string; expiresAt: number } | null | undefined, now: number) {
  return Boolean(doc && doc.accessToken && doc.expiresAt - REFRESH_MARGIN_MS > now);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A valid access token. `invalid` is a token WeChat just refused (40001/42001): it is replaced
 * even if it looks unexpired, but only if nobody replaced it already.
 */
export async function accessToken(
  db: Database,
  settings: OaSettings,
  invalid?: string,
): Promise<string> {
  const cached = memory.get(settings.appid);
  if (cached && cached.accessToken !== invalid && fresh(cached, Date.now())) {
    return cached.accessToken;
  }
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (Date.now() < deadline) {
    const now = Date.now();
    const doc = await findById<TokenDoc>(db, COLLECTIONS.oaTokens, settings.appid);
    if (doc && doc.accessToken !== invalid && fresh(doc, now)) {
      memory.set(settings.appid, doc);
      return doc.accessToken;
    }
    if (await takeLock(db, settings.appid, doc, now)) {
      return refresh(db, settings, now);
    }
    await sleep(WAIT_STEP_MS);
  }
  throw new Error('timed out waiting for another instance to refresh the OA access token');
}

async function takeLock(db: Database, appid: string, doc: TokenDoc | null, now: number) {
  if (!doc) {
    try {
      await db.collection(COLLECTIONS.oaTokens).add({
        data: { _id: appid, accessToken: '', expiresAt: 0, lockUntil: now + LOCK_MS },
      });
      return true;
    } catch {
      return false; // another instance created it first and holds the lock
    }
  }
  // Only if the token is still the one judged stale: another instance may have refreshed it
  // between our read and this update.
  const _ = db.command;
  const result = (await db
    .collection(COLLECTIONS.oaTokens)
    .where({ _id: appid, accessToken: doc.accessToken, lockUntil: _.lt(now) })
    .update({ data: { lockUntil: now + LOCK_MS } })) as { stats: { updated: number } };
  return result.stats.updated === 1;
}

async function refresh(db: Database, settings: OaSettings, now: number): Promise<string> {
  try {
    const answer = await requestJson('POST', `${settings.apiBase}/cgi-bin/stable_token`, {
      grant_type: 'client_credential',
      appid: settings.appid,
      secret: settings.secret,
    });
    const token = answer.access_token;
    const expiresIn = Number(answer.expires_in);
    if (typeof token !== 'string' || !token || !(expiresIn > 0)) {
      throw new Error(`stable_token refused: ${answer.errcode} ${answer.errmsg}`);
    }
    const saved = { accessToken: token, expiresAt: now + expiresIn * 1000 };
    await db
      .collection(COLLECTIONS.oaTokens)
      .doc(settings.appid)
      .update({ data: { ...saved, lockUntil: 0 } });
    memory.set(settings.appid, saved);
    return token;
  } catch (error) {
    // Let the next caller try at once instead of waiting for the lock to lapse.
    try {
      await db
        .collection(COLLECTIONS.oaTokens)
        .doc(settings.appid)
        .update({ data: { lockUntil: 0 } });
    } catch {
      // the lock lapses by itself
    }
    throw error;
  }
}

/** For tests of a warm container: forget the in-memory copy. */
export function forgetCachedTokens(): void {
  memory.clear();
}
