// The `oa` function through CloudBase HTTP access (/http/oa): verification, plain and safe-mode
// messages, retries answered once, follow/unfollow, table codes and keyword replies.

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
