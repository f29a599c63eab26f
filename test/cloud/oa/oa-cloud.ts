// A local cloud for the OA tests: the demo store, the built functions, and the official account's
// settings in the environment the functions inherit (the server process passes its environment
// to function workers, like a function's configured environment variables).

import { randomBytes } from 'node:crypto';
import { decryptMessage, encryptMessage } from '../../../server/lib/oa/crypto';
import { wechatSignature } from '../../../server/lib/oa/signature';
import { buildXml, parseXml, type XmlRecord } from '../../../server/lib/oa/xml';
import type { HttpAnswer } from '../../helpers/local-cloud';
import { type OrderCloud, startOrderCloud } from '../orders/order-cloud';

export const OA = {
  appid: 'wxoa00000000000001',
  secret: 'oa-secret',
  token: 'storefront-oa-token',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  miniAppid: 'wxmini0000000000001',
  ghId: 'gh_storefront',
};

export interface OaCloud extends OrderCloud {
  /** POSTs a message to /http/oa as WeChat would (signed; encrypted unless `aes: false`). */
  push(message: Record<string, string | number>, options?: PushOptions): Promise<HttpAnswer>;
  /** The reply's message, decrypted when it is a safe-mode envelope. */
  replyOf(answer: HttpAnswer): XmlRecord;
  /** What the emulated user/info answers for an OA openid. */
  setUnionid(oaOpenid: string, unionid: string): Promise<void>;
  failNext(path: string, times: number, errcode?: number): Promise<void>;
}

export interface PushOptions {
  /** Safe mode (default true: the cloud has an AES key, so the function refuses plain bodies). */
  aes?: boolean;
  /** The clock the URL is signed at (ms; default now), for stale-timestamp tests. */
  at?: number;
  badSignature?: boolean;
  badMsgSignature?: boolean;
}

/** A query signed as WeChat signs it, at the current time (or `at`, ms). */
export function signedQuery(extra: Record<string, string> = {}, token = OA.token, at = Date.now()) {
  const timestamp = String(Math.floor(at / 1000));
  const nonce = randomBytes(4).toString('hex');
  return { timestamp, nonce, signature: wechatSignature(token, timestamp, nonce), ...extra };
}

export async function startOaCloud(): Promise<OaCloud> {
  Object.assign(process.env, {
    STOREFRONT_OA_APPID: OA.appid,
    STOREFRONT_OA_SECRET: OA.secret,
    STOREFRONT_OA_TOKEN: OA.token,
    STOREFRONT_OA_AES_KEY: OA.aesKey,
    STOREFRONT_MINI_APPID: OA.miniAppid,
    STOREFRONT_NOTIFY_BACKOFF_SECONDS: '30',
  });
  const base = await startOrderCloud();
  const { cloud } = base;
  return {
    ...base,
    async push(message, options = {}) {
      const query: Record<string, string> = signedQuery({}, OA.token, options.at);
      let body = buildXml(message);
      if (options.aes ?? true) {
        const encrypt = encryptMessage(body, OA.aesKey, OA.appid);
        query.encrypt_type = 'aes';
        query.msg_signature = wechatSignature(OA.token, query.timestamp, query.nonce, encrypt);
        if (options.badMsgSignature) query.msg_signature = '0'.repeat(40);
        body = buildXml({ ToUserName: OA.ghId, Encrypt: encrypt });
      }
      if (options.badSignature) query.signature = '0'.repeat(40);
      return cloud.http('POST', `/http/oa?${new URLSearchParams(query)}`, body, {
        'content-type': 'text/xml',
      });
    },
    replyOf(answer) {
      const outer = parseXml(answer.text);
      if (typeof outer.Encrypt !== 'string') return outer;
      return parseXml(decryptMessage(outer.Encrypt, OA.aesKey, OA.appid));
    },
    async setUnionid(oaOpenid, unionid) {
      await cloud.http('POST', '/oa-api/__users', { openid: oaOpenid, unionid });
    },
    async failNext(path, times, errcode = -1) {
      await cloud.http('POST', '/oa-api/__fail', { path, times, errcode });
    },
  };
}

let sequence = 0;
/** A message from `from` to the OA with a fresh CreateTime/MsgId. */
export function inbound(from: string, fields: Record<string, string | number>) {
  sequence += 1;
  return {
    ToUserName: OA.ghId,
    FromUserName: from,
    CreateTime: Math.floor(Date.now() / 1000) + sequence,
    ...fields,
  };
}
