// The official-account article page (a web-view over mp.weixin.qq.com), and its refusal.
import { openPage, scene } from './support/scenes';

const demo = scene('oa');
const ARTICLE = 'packages/oa/pages/article/index';

it('article', async () => {
  const url = encodeURIComponent('https://mp.weixin.qq.com/s/demo-article');
  await demo.shoot(await openPage(demo, ARTICLE, { url }), ARTICLE, 'article');
});

it('not an OA article', async () => {
  const url = encodeURIComponent('https://example.com/');
  await demo.shoot(await openPage(demo, ARTICLE, { url }), ARTICLE, 'refused');
});
