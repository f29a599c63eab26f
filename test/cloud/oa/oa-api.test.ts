// Owner actions against the emulated OA HTTP API: menu sync, articles, and one token refresh for
// many concurrent callers.

import { dataOf, STORE } from '../orders/order-cloud';
import { OA, type OaCloud, startOaCloud } from './oa-cloud';

let oa: OaCloud;
const OWNER = 'o-owner-oa';
beforeAll(async () => {
  oa = await startOaCloud();
  await oa.db
    .collection('staff')
    .doc(`${STORE}:${OWNER}`)
    .set({ data: { storeId: STORE, openid: OWNER, role: 'owner', createdAt: Date.now() } });
});
afterAll(async () => {
  await oa?.cloud.stop();
});

it('fetches the access token once for many concurrent calls, and keeps it in the database', async () => {
  const answers = await Promise.all(Array.from({ length: 8 }, () => oa.as(OWNER, 'oa.menu.sync')));
  for (const answer of answers) expect(answer).toMatchObject({ ok: true });
  expect(await oa.cloud.outbox('oa:stable_token')).toHaveLength(1);
  expect(await oa.cloud.outbox('oa:menu/create')).toHaveLength(8);
  const { data: token } = await oa.db.collection('oa_tokens').doc(OA.appid).get();
  expect(token.accessToken).toMatch(/^local-oa-/);
  expect(token.expiresAt).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
});

it('pushes a valid menu: mini program buttons with appid, page path and the url fallback', async () => {
  await oa.cloud.clearOutbox();
  expect(dataOf(await oa.as(OWNER, 'oa.menu.sync'))).toEqual({ buttons: 2 });
  const [call] = await oa.cloud.outbox('oa:menu/create');
  expect(call.errcode).toBe(0);
  const { button } = call.request as { button: Array<Record<string, unknown>> };
  expect(button.length).toBeLessThanOrEqual(3);
  expect(button[0]).toMatchObject({
    type: 'miniprogram',
    name: '点餐',
    appid: OA.miniAppid,
    pagepath: 'pages/menu/index?from=oa_menu',
    url: expect.stringMatching(/^https:\/\//),
  });
  const subs = button[1].sub_button as Array<Record<string, unknown>>;
  expect(subs.length).toBeLessThanOrEqual(5);
  for (const sub of subs)
    expect(sub).toMatchObject({ type: 'miniprogram', url: expect.any(String) });
});

it('refuses menu sync to a customer', async () => {
  const answer = await oa.as('o-just-a-customer', 'oa.menu.sync');
  expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

it('the emulated API refuses an invalid menu like WeChat', async () => {
  const [{ request }] = await oa.cloud.outbox('oa:menu/create');
  void request;
  const token = (await oa.db.collection('oa_tokens').doc(OA.appid).get()).data.accessToken;
  const post = (body: unknown) =>
    oa.cloud.http('POST', `/oa-api/cgi-bin/menu/create?access_token=${token}`, body);
  const four = {
    button: Array.from({ length: 4 }, () => ({ type: 'click', name: 'a', key: 'k' })),
  };
  expect((await post(four)).json).toMatchObject({ errcode: 40016 });
  const noUrl = { button: [{ type: 'miniprogram', name: '点餐', appid: 'wx1', pagepath: 'p/i' }] };
  expect((await post(noUrl)).json).toMatchObject({ errcode: 40027 });
  const six = {
    button: [
      {
        name: 'm',
        sub_button: Array.from({ length: 6 }, () => ({ type: 'click', name: 'a', key: 'k' })),
      },
    ],
  };
  expect((await post(six)).json).toMatchObject({ errcode: 40023 });
  const badToken = await oa.cloud.http('POST', '/oa-api/cgi-bin/menu/create?access_token=x', noUrl);
  expect(badToken.json).toMatchObject({ errcode: 40001 });
});

it('refreshes articles into the database and articles.latest returns the newest first', async () => {
  expect(dataOf(await oa.call('articles.latest', {}))).toEqual({ articles: [] });
  expect(dataOf(await oa.as(OWNER, 'articles.refresh'))).toEqual({ stored: 3 });
  const { articles } = dataOf(await oa.call('articles.latest', { limit: 2 }));
  expect(articles).toHaveLength(2);
  expect(articles[0]).toMatchObject({
    title: '春季新品：樱花拿铁上市',
    url: expect.stringMatching(/^https:\/\/mp\.weixin\.qq\.com\/s\//),
  });
  expect(articles[0].updateTime).toBeGreaterThan(articles[1].updateTime);
  const [call] = await oa.cloud.outbox('oa:freepublish/batchget');
  expect(call.request).toMatchObject({ offset: 0, count: 20, no_content: 1 });
});

it('the cron refreshes articles when due', async () => {
  await oa.db
    .collection('articles')
    .where({ syncedAt: oa.db.command.gt(0) })
    .remove();
  await oa.cloud.fireTimer('cron', 'every-minute');
  const { articles } = dataOf(await oa.call('articles.latest', {}));
  expect(articles).toHaveLength(3);
});
