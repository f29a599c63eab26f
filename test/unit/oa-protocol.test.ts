// The OA server protocol pieces: signatures, safe-mode AES, the strict XML reader/writer, and
// the envelope checks (recent timestamps; no plain bodies once an AES key is configured).

import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import {
  checkSignature,
  MAX_TIMESTAMP_SKEW_MS,
  openMessage,
  RefusedRequest,
} from '../../server/functions/oa/envelope';
import type { OaSettings } from '../../server/config';
import { aesKeyOf, decryptMessage, encryptMessage } from '../../server/lib/oa/crypto';
import { signatureMatches, wechatSignature } from '../../server/lib/oa/signature';
import { buildXml, parseXml } from '../../server/lib/oa/xml';

const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APPID = 'wxoa00000000000001';

describe('signature', () => {
  it('is sha1 of the sorted parts, joined', () => {
    const expected = createHash('sha1')
      .update(['1409304348', 'nonce1', 'tok'].join(''))
      .digest('hex');
    expect(wechatSignature('tok', '1409304348', 'nonce1')).toBe(expected);
  });

  it('matches only the exact signature (any case), never a non-string', () => {
    const signature = wechatSignature('t', '1', 'n');
    expect(signatureMatches(signature, signature)).toBe(true);
    expect(signatureMatches(signature, signature.toUpperCase())).toBe(true);
    expect(signatureMatches(signature, signature.slice(1))).toBe(false);
    expect(signatureMatches(signature, undefined)).toBe(false);
    expect(signatureMatches(signature, ['x'])).toBe(false);
  });
});

describe('safe-mode AES', () => {
  it('follows the documented layout: random16 + length(BE) + message + appid, PKCS#7 to 32', () => {
    const random = Buffer.alloc(16, 7);
    const message = '<xml><Content><![CDATA[你好]]></Content></xml>';
    const encrypted = encryptMessage(message, AES_KEY, APPID, random);
    // Decrypt independently with node's own PKCS#7 handling off, and read the layout back.
    const key = Buffer.from(`${AES_KEY}=`, 'base64');
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([
      decipher.update(Buffer.from(encrypted, 'base64')),
      decipher.final(),
    ]);
    expect(plain.length % 32).toBe(0);
    const pad = plain[plain.length - 1];
    expect(pad).toBeGreaterThanOrEqual(1);
    expect(pad).toBeLessThanOrEqual(32);
    expect(plain.subarray(0, 16)).toEqual(random);
    const length = plain.readUInt32BE(16);
    expect(plain.subarray(20, 20 + length).toString()).toBe(message);
    expect(plain.subarray(20 + length, plain.length - pad).toString()).toBe(APPID);
  });

  it('round-trips, and refuses another appid, a tampered payload and a bad key', () => {
    const encrypted = encryptMessage('hello', AES_KEY, APPID);
    expect(decryptMessage(encrypted, AES_KEY, APPID)).toBe('hello');
    expect(() => decryptMessage(encrypted, AES_KEY, 'wxother')).toThrow(/another appid/);
    const bytes = Buffer.from(encrypted, 'base64');
    bytes[bytes.length - 17] ^= 0x55; // flips the padding byte through CBC
    expect(() => decryptMessage(bytes.toString('base64'), AES_KEY, APPID)).toThrow();
    expect(() => decryptMessage('abc', AES_KEY, APPID)).toThrow(/whole AES blocks/);
    expect(() => aesKeyOf('short')).toThrow(/43 characters/);
  });

  it('decrypts what a third-party implementation of the spec encrypts', () => {
    const key = Buffer.from(`${AES_KEY}=`, 'base64');
    const body = Buffer.from('<xml><A>1</A></xml>');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    let plain = Buffer.concat([Buffer.alloc(16, 1), length, body, Buffer.from(APPID)]);
    const pad = 32 - (plain.length % 32);
    plain = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    expect(decryptMessage(encrypted, AES_KEY, APPID)).toBe('<xml><A>1</A></xml>');
  });
});

describe('XML', () => {
  const sample =
    '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>' +
    '<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
    '<Content><![CDATA[点餐 <b>&amp;</b>]]></Content><MsgId>1234567890123456</MsgId></xml>';

  it('reads WeChat’s flat XML with CDATA and plain text', () => {
    expect(parseXml(sample)).toEqual({
      ToUserName: 'gh_1',
      FromUserName: 'o1',
      CreateTime: '1348831860',
      MsgType: 'text',
      Content: '点餐 <b>&amp;</b>',
      MsgId: '1234567890123456',
    });
  });

  it('reads a declaration, whitespace, predefined entities and one level of nesting', () => {
    expect(
      parseXml(
        '<?xml version="1.0"?>\n<xml>\n <A>a &lt;&#65;&#x42;</A>\n <ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo>\n</xml>',
      ),
    ).toEqual({ A: 'a <AB', ScanCodeInfo: { ScanType: 'qrcode' } });
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY x "boom">]><xml><A>&x;</A></xml>'],
    ['an entity declaration', '<xml><!ENTITY x "y"><A>1</A></xml>'],
    ['an unknown entity', '<xml><A>&x;</A></xml>'],
    ['a comment', '<xml><!-- hi --><A>1</A></xml>'],
    ['attributes', '<xml><A b="1">1</A></xml>'],
    ['a processing instruction', '<xml><?php x ?><A>1</A></xml>'],
    ['a wrong root', '<root><A>1</A></root>'],
    ['mismatched tags', '<xml><A>1</B></xml>'],
    ['an unclosed element', '<xml><A>1</A>'],
    ['trailing content', '<xml></xml><xml></xml>'],
    ['a duplicate field', '<xml><A>1</A><A>2</A></xml>'],
    ['a bare ampersand', '<xml><A>a & b</A></xml>'],
    ['an unterminated CDATA', '<xml><A><![CDATA[x</A></xml>'],
  ])('refuses %s', (_name, text) => {
    expect(() => parseXml(text)).toThrow(/invalid XML/);
  });

  it('refuses oversized input', () => {
    expect(() => parseXml(`<xml><A>${'x'.repeat(70_000)}</A></xml>`)).toThrow(/too large/);
  });

  it('writes replies with CDATA, numbers bare, and survives "]]>" in text', () => {
    const xml = buildXml({ ToUserName: 'o1', CreateTime: 12, Content: 'a]]>b' });
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[o1]]></ToUserName><CreateTime>12</CreateTime>' +
        '<Content><![CDATA[a]]]]><![CDATA[>b]]></Content></xml>',
    );
    expect(parseXml(xml)).toEqual({ ToUserName: 'o1', CreateTime: '12', Content: 'a]]>b' });
  });
});

describe('envelope', () => {
  const settings: OaSettings = {
    appid: APPID,
    secret: 's',
    token: 'tok',
    aesKey: AES_KEY,
    apiBase: 'http://localhost',
    miniAppid: 'wxmini',
  };
  const NOW = 1_700_000_000_000;
  const signed = (timestampSeconds: number | string) => {
    const timestamp = String(timestampSeconds);
    return { timestamp, nonce: 'n1', signature: wechatSignature('tok', timestamp, 'n1') };
  };
  const statusOf = (run: () => unknown): number | null => {
    try {
      run();
      return null;
    } catch (error) {
      if (error instanceof RefusedRequest) return error.statusCode;
      throw error;
    }
  };

  it('accepts a correctly signed timestamp within 5 minutes of now, either way', () => {
    const skew = MAX_TIMESTAMP_SKEW_MS / 1000;
    for (const seconds of [NOW / 1000, NOW / 1000 - skew, NOW / 1000 + skew]) {
      expect(statusOf(() => checkSignature(settings, signed(seconds), NOW))).toBeNull();
    }
  });

  it('refuses a stale, future or malformed timestamp with 401 even when signed', () => {
    const skew = MAX_TIMESTAMP_SKEW_MS / 1000;
    for (const timestamp of [
      NOW / 1000 - skew - 1,
      NOW / 1000 + skew + 1,
      1409304348,
      '',
      'x1',
      '1e9',
    ]) {
      expect(statusOf(() => checkSignature(settings, signed(timestamp), NOW))).toBe(401);
    }
  });

  it('refuses a plain body when an AES key is set, and accepts it when none is', () => {
    const body = '<xml><MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId></xml>';
    expect(statusOf(() => openMessage(settings, signed(NOW / 1000), body))).toBe(401);
    expect(openMessage({ ...settings, aesKey: '' }, signed(NOW / 1000), body)).toEqual({
      message: { MsgType: 'text', Content: 'hi', MsgId: '1' },
      encrypted: false,
    });
  });
});
