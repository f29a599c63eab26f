// The OA server protocol around a message: signature checks, plain or safe-mode (AES) bodies,
// and the encrypted reply envelope. Pure: the handler passes settings and the request in.

import type { OaSettings } from '../../config';
import { decryptMessage, encryptMessage } from '../../lib/oa/crypto';
import { signatureMatches, wechatSignature } from '../../lib/oa/signature';
import { buildXml, field, parseXml, type XmlRecord } from '../../lib/oa/xml';

export class RefusedRequest extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'RefusedRequest';
  }
}

export type Query = Record<string, string | undefined>;

/**
 * How far a request's `timestamp` (seconds) may be from the function's clock, either way.
 * WeChat signs each push when it sends it (retries come within ~15 s), so an old timestamp
 * means a replayed URL: without this check one leaked signed URL would be accepted forever.
 */
export const MAX_TIMESTAMP_SKEW_MS = 5 * 60 * 1000;

/**
 * `signature` over token, timestamp and nonce: every request from WeChat carries it. The
 * timestamp must also be recent (see MAX_TIMESTAMP_SKEW_MS); a stale one is refused like a bad
 * signature (401).
 */
export function checkSignature(settings: OaSettings, query: Query, now = Date.now()): void {
  if (!settings.token) throw new RefusedRequest(500, 'STOREFRONT_OA_TOKEN is not set');
  const { signature, timestamp = '', nonce = '' } = query;
  if (!signatureMatches(wechatSignature(settings.token, timestamp, nonce), signature)) {
    throw new RefusedRequest(401, 'bad signature');
  }
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!(Math.abs(seconds * 1000 - now) <= MAX_TIMESTAMP_SKEW_MS)) {
    throw new RefusedRequest(401, 'stale or invalid timestamp');
  }
}

interface Incoming {
  message: XmlRecord;
  encrypted: boolean;
}

/**
 * The message in a POST body; in safe mode checks msg_signature and decrypts. When an AES key
 * is configured (safe or compatible mode) only `encrypt_type=aes` messages are accepted: a
 * plain body is covered by no signature at all (`signature` signs only token, timestamp and
 * nonce), so accepting it would let anyone holding one signed URL post any message.
 */
export function openMessage(settings: OaSettings, query: Query, body: string): Incoming {
  let outer: XmlRecord;
  try {
    outer = parseXml(body);
  } catch (error) {
    throw new RefusedRequest(400, (error as Error).message);
  }
  if (query.encrypt_type !== 'aes') {
    if (settings.aesKey) {
      throw new RefusedRequest(
        401,
        'plain (unencrypted) message refused: STOREFRONT_OA_AES_KEY is set, so only encrypt_type=aes is accepted',
      );
    }
    return { message: outer, encrypted: false };
  }

  const encrypt = field(outer, 'Encrypt');
  if (!encrypt) throw new RefusedRequest(400, 'safe mode message without Encrypt');
  const expected = wechatSignature(
    settings.token,
    query.timestamp ?? '',
    query.nonce ?? '',
    encrypt,
  );
  if (!signatureMatches(expected, query.msg_signature)) {
    throw new RefusedRequest(401, 'bad msg_signature');
  }
  if (!settings.aesKey || !settings.appid) {
    throw new RefusedRequest(500, 'STOREFRONT_OA_AES_KEY / STOREFRONT_OA_APPID are not set');
  }
  let inner: string;
  try {
    inner = decryptMessage(encrypt, settings.aesKey, settings.appid);
  } catch (error) {
    throw new RefusedRequest(400, `cannot decrypt: ${(error as Error).message}`);
  }
  try {
    return { message: parseXml(inner), encrypted: true };
  } catch (error) {
    throw new RefusedRequest(400, (error as Error).message);
  }
}

/** A passive text reply, as XML. */
export function textReply(message: XmlRecord, content: string, now: number): string {
  return buildXml({
    ToUserName: field(message, 'FromUserName'),
    FromUserName: field(message, 'ToUserName'),
    CreateTime: Math.floor(now / 1000),
    MsgType: 'text',
    Content: content,
  });
}

/** Wraps a reply for safe mode: Encrypt + MsgSignature + TimeStamp + Nonce. */
export function sealReply(
  settings: OaSettings,
  replyXml: string,
  timestamp: string,
  nonce: string,
): string {
  const encrypt = encryptMessage(replyXml, settings.aesKey, settings.appid);
  return buildXml({
    Encrypt: encrypt,
    MsgSignature: wechatSignature(settings.token, timestamp, nonce, encrypt),
    TimeStamp: timestamp,
    Nonce: nonce,
  });
}
