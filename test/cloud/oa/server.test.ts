// The `oa` function through CloudBase HTTP access (/http/oa): verification, safe-mode messages
// (this cloud has an AES key, so plain bodies are refused), stale timestamps, retries answered
// once, a failed handling redone on the retry, follow/unfollow, table codes and keyword replies.

import { field } from '../../../server/lib/oa/xml';
import { OA, type OaCloud, inbound, signedQuery, startOaCloud } from './oa-cloud';

let oa: OaCloud;
beforeAll(async () => {
  oa = await startOaCloud();
});
afterAll(async () => {
  await oa?.cloud.stop();
});

describe('server verification', () => {
  it('answers echostr to a good signature', async () => {
    const query = new URLSearchParams(signedQuery({ echostr: 'hello-123' }));
    const answer = await oa.cloud.http('GET', `/http/oa?${query}`);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('hello-123');
  });

  it('refuses a bad signature with 401 and records nothing', async () => {
    const query = new URLSearchParams(signedQuery({ echostr: 'hello' }, 'wrong-token'));
    const answer = await oa.cloud.http('GET', `/http/oa?${query}`);
    expect(answer.status).toBe(401);
    expect(answer.text).not.toContain('hello');

    const before = await oa.count('oa_inbox');
    const push = await oa.push(inbound('o-oa-x', { MsgType: 'text', Content: '点餐', MsgId: 1 }), {
      badSignature: true,
    });
    expect(push.status).toBe(401);
    expect(await oa.count('oa_inbox')).toBe(before);
  });
});

describe('forged or replayed requests', () => {
  const MINUTE = 60_000;

  it('refuses a timestamp more than 5 minutes old or ahead with 401, recording nothing', async () => {
    for (const at of [Date.now() - 6 * MINUTE, Date.now() + 6 * MINUTE]) {
      const query = new URLSearchParams(signedQuery({ echostr: 'replay' }, OA.token, at));
      const verify = await oa.cloud.http('GET', `/http/oa?${query}`);
      expect(verify.status).toBe(401);
      expect(verify.text).not.toContain('replay');
    }
    const before = await oa.count('oa_inbox');
    const stale = await oa.push(
      inbound('o-oa-replay', { MsgType: 'text', Content: '点餐', MsgId: 41 }),
      { at: Date.now() - 6 * MINUTE },
    );
    expect(stale.status).toBe(401);
    expect(await oa.count('oa_inbox')).toBe(before);

    // Within the window (clocks drift, WeChat retries for ~15 s) it is accepted.
    const recent = await oa.push(
      inbound('o-oa-replay', { MsgType: 'text', Content: '点餐', MsgId: 42 }),
      { at: Date.now() - 4 * MINUTE },
    );
    expect(recent.status).toBe(200);
  });

  it('refuses a plain (unencrypted) body when an AES key is configured', async () => {
    const before = await oa.count('oa_inbox');
    const answer = await oa.push(
      inbound('o-oa-plain', { MsgType: 'event', Event: 'subscribe', EventKey: '' }),
      { aes: false },
    );
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('encrypt_type=aes');
    expect(await oa.count('oa_inbox')).toBe(before);
    expect(await oa.count('followers', { _id: 'o-oa-plain' })).toBe(0);
  });

  it('ignores a UnionId in the message body: the link comes from user/info only', async () => {
    // user/info knows no UnionID for this follower: the body's claim must not link anyone.
    await oa.push(
      inbound('o-oa-forger', {
        MsgType: 'event',
        Event: 'subscribe',
        EventKey: '',
        UnionId: 'union-victim',
        UnionID: 'union-victim',
      }),
    );
    const forger = (await oa.db.collection('followers').doc('o-oa-forger').get()).data;
    expect(forger.subscribed).toBe(true);
    expect(forger.unionid).toBeUndefined();
    expect(await oa.count('customers', { _id: 'union-victim' })).toBe(0);

    // user/info knows one: that one is used, not the body's.
    await oa.setUnionid('o-oa-honest', 'union-honest');
    await oa.push(
      inbound('o-oa-honest', {
        MsgType: 'event',
        Event: 'subscribe',
        EventKey: '',
        UnionId: 'union-victim',
      }),
    );
    const honest = (await oa.db.collection('followers').doc('o-oa-honest').get()).data;
    expect(honest.unionid).toBe('union-honest');
    expect(await oa.count('customers', { _id: 'union-victim' })).toBe(0);
    expect(await oa.count('customers', { _id: 'union-honest', oaOpenid: 'o-oa-honest' })).toBe(1);
  });
});

describe('messages', () => {
  it('answers the keyword 点餐 with a link that opens the menu', async () => {
    const answer = await oa.push(
      inbound('o-oa-1', { MsgType: 'text', Content: '点餐', MsgId: 11 }),
    );
    expect(answer.status).toBe(200);
    const reply = oa.replyOf(answer);
    expect(field(reply, 'ToUserName')).toBe('o-oa-1');
    expect(field(reply, 'FromUserName')).toBe(OA.ghId);
    expect(field(reply, 'MsgType')).toBe('text');
    expect(field(reply, 'Content')).toContain(
      `data-miniprogram-appid="${OA.miniAppid}" data-miniprogram-path="pages/menu/index"`,
    );
  });

  it('answers "success" to a message it has nothing to say to', async () => {
    const answer = await oa.push(
      inbound('o-oa-1', { MsgType: 'text', Content: '你好', MsgId: 12 }),
    );
    expect(answer.text).toBe('success');
  });

  it('decrypts a safe-mode message and answers encrypted', async () => {
    const answer = await oa.push(
      inbound('o-oa-2', { MsgType: 'text', Content: 'menu', MsgId: 21 }),
      { aes: true },
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<Encrypt>');
    expect(answer.text).toContain('<MsgSignature>');
    expect(answer.text).not.toContain('miniprogram');
    expect(field(oa.replyOf(answer), 'Content')).toContain('pages/menu/index');
  });

  it('refuses a safe-mode message with a wrong msg_signature', async () => {
    const answer = await oa.push(
      inbound('o-oa-2', { MsgType: 'text', Content: 'menu', MsgId: 22 }),
      { aes: true, badMsgSignature: true },
    );
    expect(answer.status).toBe(401);
  });

  it('refuses a tampered safe-mode payload and XML with a DOCTYPE, writing nothing', async () => {
    const before = await oa.count('oa_inbox');
    const query = signedQuery();
    const doctype =
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
      '<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><MsgType>text</MsgType>' +
      '<Content>&x;</Content><MsgId>99</MsgId></xml>';
    const refused = await oa.cloud.http('POST', `/http/oa?${new URLSearchParams(query)}`, doctype, {
      'content-type': 'text/xml',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).not.toContain('root:');

    // Flip a ciphertext byte and sign the tampered text: the signature passes, decryption fails.
    const { encryptMessage } = await import('../../../server/lib/oa/crypto');
    const { wechatSignature } = await import('../../../server/lib/oa/signature');
    const bytes = Buffer.from(
      encryptMessage('<xml><MsgType>text</MsgType><MsgId>98</MsgId></xml>', OA.aesKey, OA.appid),
      'base64',
    );
    bytes[bytes.length - 17] ^= 0xff; // last byte of the second-last block → the padding byte
    const tampered = bytes.toString('base64');
    const aesQuery = {
      ...query,
      encrypt_type: 'aes',
      msg_signature: wechatSignature(OA.token, query.timestamp, query.nonce, tampered),
    };
    const answer = await oa.cloud.http(
      'POST',
      `/http/oa?${new URLSearchParams(aesQuery)}`,
      `<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[${tampered}]]></Encrypt></xml>`,
      { 'content-type': 'text/xml' },
    );
    expect(answer.status).toBe(400);
    expect(await oa.count('oa_inbox')).toBe(before);
  });

  it('handles the same MsgId delivered 3 times once', async () => {
    const message = inbound('o-oa-3', { MsgType: 'event', Event: 'subscribe', EventKey: '' });
    const answers = await Promise.all([oa.push(message), oa.push(message), oa.push(message)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const key = `evt-o-oa-3-${message.CreateTime}`;
    expect(await oa.count('oa_inbox', { _id: key })).toBe(1);
    const userInfoCalls = (await oa.cloud.outbox('oa:user/info')).filter(
      (call) => (call.request as { openid?: string }).openid === 'o-oa-3',
    );
    expect(userInfoCalls).toHaveLength(1);

    const text = inbound('o-oa-3', { MsgType: 'text', Content: '点餐', MsgId: 31 });
    await oa.push(text);
    await oa.push(text);
    await oa.push(text);
    expect(await oa.count('oa_inbox', { _id: 'msg-31' })).toBe(1);
  });
});

describe('a handling that fails', () => {
  it('is done again when WeChat retries the same message after the 500', async () => {
    await oa.setUnionid('o-oa-retry', 'union-retry');
    await oa.failNext('user/info', 1); // errcode -1, "system busy": transient
    const message = inbound('o-oa-retry', { MsgType: 'event', Event: 'subscribe', EventKey: '' });
    const key = `evt-o-oa-retry-${message.CreateTime}`;

    const first = await oa.push(message);
    expect(first.status).toBe(500);
    expect(await oa.count('oa_inbox', { _id: key })).toBe(0); // the claim was released

    const retry = await oa.push(message);
    expect(retry.status).toBe(200);
    expect(field(oa.replyOf(retry), 'Content')).toContain('感谢关注');
    const follower = (await oa.db.collection('followers').doc('o-oa-retry').get()).data;
    expect(follower).toMatchObject({ unionid: 'union-retry', subscribed: true });
    expect(await oa.count('customers', { _id: 'union-retry', oaOpenid: 'o-oa-retry' })).toBe(1);
    expect(await oa.count('oa_inbox', { _id: key })).toBe(1);

    // Handled now: a further retry is answered from the inbox, not handled again.
    const calls = async () =>
      (await oa.cloud.outbox('oa:user/info')).filter(
        (call) => (call.request as { openid?: string }).openid === 'o-oa-retry',
      ).length;
    const before = await calls();
    const third = await oa.push(message);
    expect(field(oa.replyOf(third), 'Content')).toContain('感谢关注');
    expect(await calls()).toBe(before);
  });

  it('records the follow unlinked and answers when user/info refuses for good', async () => {
    await oa.failNext('user/info', 1, 48001); // api unauthorized: a retry would fail the same way
    const answer = await oa.push(
      inbound('o-oa-nouser', { MsgType: 'event', Event: 'subscribe', EventKey: '' }),
    );
    expect(answer.status).toBe(200);
    expect(field(oa.replyOf(answer), 'Content')).toContain('感谢关注');
    const follower = (await oa.db.collection('followers').doc('o-oa-nouser').get()).data;
    expect(follower.subscribed).toBe(true);
    expect(follower.unionid).toBeUndefined();
  });
});

describe('followers', () => {
  it('records a follow linked to the customer by UnionID, and marks the unfollow', async () => {
    await oa.setUnionid('o-oa-follow', 'union-follow');
    const answer = await oa.push(
      inbound('o-oa-follow', { MsgType: 'event', Event: 'subscribe', EventKey: '' }),
    );
    expect(field(oa.replyOf(answer), 'Content')).toContain('感谢关注');
    const follower = (await oa.db.collection('followers').doc('o-oa-follow').get()).data;
    expect(follower).toMatchObject({ oaOpenid: 'o-oa-follow', unionid: 'union-follow' });
    expect(follower.subscribed).toBe(true);
    const customer = (await oa.db.collection('customers').doc('union-follow').get()).data;
    expect(customer).toMatchObject({ unionid: 'union-follow', oaOpenid: 'o-oa-follow' });

    await oa.push(inbound('o-oa-follow', { MsgType: 'event', Event: 'unsubscribe', EventKey: '' }));
    const after = (await oa.db.collection('followers').doc('o-oa-follow').get()).data;
    expect(after.subscribed).toBe(false);
    expect(after.unsubscribedAt).toEqual(expect.any(Number));
  });

  it('answers a table code scanned on follow, and when already following, with that table', async () => {
    const onFollow = await oa.push(
      inbound('o-oa-table', {
        MsgType: 'event',
        Event: 'subscribe',
        EventKey: 'qrscene_s=xujiahui&t=A3',
      }),
    );
    const content = field(oa.replyOf(onFollow), 'Content');
    expect(content).toContain(
      'data-miniprogram-path="pages/menu/index?storeId=xujiahui&amp;tableNo=A3"',
    );
    expect(content).toContain('A3');

    const scan = await oa.push(
      inbound('o-oa-table', { MsgType: 'event', Event: 'SCAN', EventKey: 's=jingan&t=5' }),
    );
    expect(field(oa.replyOf(scan), 'Content')).toContain('storeId=jingan&amp;tableNo=5');
  });
});
