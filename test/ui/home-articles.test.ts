// Home's articles slot and the article web-view page. The first screen stays one cloud call: the
// articles are fetched when their slot scrolls into view (the test calls that handler), and the
// articles.latest answer is stubbed here — its server side is covered by test/cloud/oa.
import { callPageMethod, mount, sleep, tap, textOf, texts, wxApi } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { demoPhone } from './support/demo-phone';

const demo = demoPhone();

const ARTICLES = [
  {
    _id: 'a2-0',
    title: '春季新品：樱花拿铁上市',
    digest: '限时供应，第二杯半价。',
    url: 'https://mp.weixin.qq.com/s/local-article-2',
    thumbUrl: '',
    updateTime: 2,
  },
  {
    _id: 'a1-0',
    title: '会员日：每周三全场 8 折',
    digest: '关注公众号即可享受。',
    url: 'https://mp.weixin.qq.com/s/local-article-1',
    thumbUrl: '',
    updateTime: 1,
  },
];

/** Answers articles.latest with ARTICLES; everything else goes to the real local demo.cloud. */
function stubArticles(): string[] {
  const asked: string[] = [];
  const wx = wxApi() as unknown as { request: (options: Record<string, unknown>) => unknown };
  const real = wx.request;
  jest.spyOn(wx, 'request').mockImplementation((options: Record<string, unknown>) => {
    const body = options.data as { action?: string } | undefined;
    if (body?.action !== 'articles.latest') return real(options);
    asked.push(JSON.stringify(body));
    setTimeout(() =>
      (options.success as (res: unknown) => void)({
        statusCode: 200,
        data: {
          errMsg: 'cloud.callFunction:ok',
          result: { ok: true, data: { articles: ARTICLES } },
        },
      }),
    );
    return { abort: () => undefined };
  });
  return asked;
}

it('shows no empty articles card, and makes no articles call before the slot is in view', async () => {
  const page = mount('pages/home/index');
  await settle(demo.device, sleep);
  expect(page.querySelector('.articles')).toBeUndefined();
  expect(page.querySelector('.articles-slot')).toBeTruthy();
  expect(demo.device.calls()).toEqual(['catalog.home']);
});

it('lists the latest articles and opens one in the web-view page', async () => {
  const asked = stubArticles();
  const page = mount('pages/home/index');
  await settle(demo.device, sleep);
  await callPageMethod(page, 'loadArticles');
  await sleep(20);
  expect(asked).toHaveLength(1);
  expect(JSON.parse(asked[0])).toEqual({ action: 'articles.latest', data: { limit: 3 } });
  expect(texts(page, 'article__title')).toEqual(ARTICLES.map((a) => a.title));
  expect(textOf(page, '.articles')).not.toContain('暂无文章');

  const navigateTo = jest.spyOn(wxApi(), 'navigateTo');
  await tap(page, '.article');
  expect(navigateTo).toHaveBeenCalledWith(
    expect.objectContaining({
      url: `/packages/oa/pages/article/index?url=${encodeURIComponent(ARTICLES[0].url)}`,
    }),
  );
});

it('the article page opens mp.weixin.qq.com articles only', async () => {
  const good = mount('packages/oa/pages/article/index');
  callPageMethod(good, 'onLoad', { url: encodeURIComponent(ARTICLES[0].url) });
  await sleep(10);
  expect((good.instance.data as { url: string }).url).toBe(ARTICLES[0].url);

  const bad = mount('packages/oa/pages/article/index');
  callPageMethod(bad, 'onLoad', { url: encodeURIComponent('https://evil.example/x') });
  await sleep(10);
  expect((bad.instance.data as { url: string }).url).toBe('');
  expect(textOf(bad, '.article-invalid')).toBe('无法打开这篇文章');
});
