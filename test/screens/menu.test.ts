// Menu: top, scrolled, spec picker open, closed, paused, offline with the cached menu, loading.
import { mount, sleep } from '../helpers/mount';
import type { MenuSection } from '../../miniprogram/pages/menu/sections';
import { openPage, scene, whileStore } from './support/scenes';

const demo = scene('customer');
const MENU = 'pages/menu/index';

it('top', async () => {
  await demo.shoot(await openPage(demo, MENU), MENU, 'top');
});

it('scrolled', async () => {
  const page = await openPage(demo, MENU);
  const sections = page.data.sections as MenuSection[];
  page.querySelectorAll('.category')[2].querySelector('.t-side-bar-item')?.dispatchEvent('tap');
  await sleep(20);
  expect(page.data.intoView).toBe(sections[2].anchor);
  await demo.shoot(page, MENU, 'scrolled');
});

it('spec picker open', async () => {
  const page = await openPage(demo, MENU);
  const cards = (page.data.sections as MenuSection[]).flatMap((s) => s.goods);
  const index = cards.filter((g) => !g.soldOut && g.picker).findIndex((g) => g.name === '拿铁');
  page.querySelectorAll('.goods-card__choose')[index].dispatchEvent('tap');
  await sleep(300); // past the popup's enter transition
  await demo.shoot(page, MENU, 'spec picker');
});

it('closed', async () => {
  await whileStore(demo, 'closed', async () => {
    await demo.shoot(await openPage(demo, MENU), MENU, 'closed');
  });
});

it('paused', async () => {
  await whileStore(demo, 'busy', async () => {
    await demo.shoot(await openPage(demo, MENU), MENU, 'paused');
  });
});

it('offline with the cached menu', async () => {
  await openPage(demo, MENU);
  demo.device.setOffline(true);
  await demo.shoot(await openPage(demo, MENU), MENU, 'offline');
});

it('loading', async () => {
  const page = mount(MENU); // the first answer has not arrived yet
  await demo.shoot(page, MENU, 'loading');
});
