// The `oa` cloud function: the official account's server, reached through CloudBase HTTP access
// (config.json binds /oa). GET = server verification; POST = a pushed message or event, plain or
// safe mode. A bad signature gets 401 and nothing else happens. See docs/OA.md.

import { cloud, getDb } from '../../lib/cloud';
import { oaSettings } from '../../config';
import { claimMessage, messageKey, releaseClaim, saveReply, storedReply } from '../../lib/oa/inbox';
import {
  checkSignature,
  openMessage,
  RefusedRequest,
  sealReply,
  textReply,
  type Query,
} from './envelope';
import { handleMessage } from './messages';

interface HttpEvent {
  httpMethod?: string;
  queryStringParameters?: Query | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const answer = (statusCode: number, body: string, type = 'text/plain'): HttpAnswer => ({
  statusCode,
  headers: { 'Content-Type': `${type}; charset=utf-8` },
  body,
});

export async function main(event: HttpEvent, _context?: unknown): Promise<HttpAnswer> {
  try {
    return await respond(event);
  } catch (error) {
    if (error instanceof RefusedRequest) {
      console.warn(`[oa] refused (${error.statusCode}): ${error.message}`);
      return answer(error.statusCode, error.message);
    }
    console.error('[oa] failed', error);
    // A 5xx makes WeChat retry. A failed handling released its inbox claim (see respond), so
    // the retry does the work; a message that was handled is answered from the inbox instead.
    return answer(500, 'internal error');
  }
}

async function respond(event: HttpEvent): Promise<HttpAnswer> {
  const settings = oaSettings();
  const query = event.queryStringParameters ?? {};
  checkSignature(settings, query);
  const method = (event.httpMethod ?? 'GET').toUpperCase();
  if (method === 'GET') return answer(200, query.echostr ?? '');
  if (method !== 'POST') throw new RefusedRequest(405, 'GET or POST only');

  const body = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  const { message, encrypted } = openMessage(settings, query, body);
  const db = getDb();
  const now = Date.now();
  const key = messageKey(message);

  let reply: string | null;
  if (await claimMessage(db, key, now)) {
    // If handling fails the claim is deleted before the 500 goes out: otherwise WeChat's retry
    // would find it claimed, get the stored (empty) reply, and the message would never be
    // handled. Handling is idempotent (upserts), so redoing a half-done message is safe.
    // Deleting is the simplest correct choice: a "done" flag would also need a rule for when an
    // unfinished claim may be taken over. (A function killed mid-handling, e.g. by its timeout,
    // still leaves its claim; handling takes well under WeChat's 5 s.)
    try {
      const text = await handleMessage(
        { db, settings, now, miniAppid: settings.miniAppid || cloud.getWXContext().APPID || '' },
        message,
      );
      reply = text === null ? null : textReply(message, text, now);
      await saveReply(db, key, reply);
    } catch (error) {
      await releaseClaim(db, key).catch((releaseError: unknown) => {
        console.error('[oa] could not release the inbox claim', key, releaseError);
      });
      throw error;
    }
  } else {
    reply = await storedReply(db, key); // a retry: same answer, nothing done again
  }
  if (reply === null) return answer(200, 'success');
  if (!encrypted) return answer(200, reply, 'application/xml');
  const timestamp = query.timestamp ?? String(Math.floor(now / 1000));
  return answer(200, sealReply(settings, reply, timestamp, query.nonce ?? ''), 'application/xml');
}
