// Menu against the real `api` function over the demo café (local cloud, seeded).
import { defaultSelection, unitPriceFen, type Goods } from '../../miniprogram/domain/catalog';
import { formatPrice } from '../../miniprogram/domain/money';
import { sectionTops } from '../../miniprogram/pages/menu/layout';
import type { MenuSection } from '../../miniprogram/pages/menu/sections';
import { demoData } from '../../tools/seed/demo';
import {
  callPageMethod,
  mount,
  sleep,
  tap,
  textOf,
  texts,
  wxApi,
  type Mounted,
} from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { ariaOf } from './support/aria';
import { demoPhone } from './support/demo-phone';

const demo = demoPhone();

const seededGoods = demoData.goods as unknown as Goods[];
const seededCategories = demoData.categories as unknown as Array<{
  _id: string;
  storeId: string;
  name: string;
  sort: number;
}>;
const LATTE = seededGoods.find((goods) => goods._id === 'xujiahui-latte') as Goods;
const ESPRESSO = seededGoods.find((goods) => goods._id === 'xujiahui-espresso') as Goods;

async function openMenu(): Promise<Mounted> {
  const page = mount('pages/menu/index');
  await settle(demo.device, sleep);
  return page;
}

/** Runs `check` while staff have the demo store closed or paused, then puts it back. */
async function whileStore(status: 'closed' | 'busy', check: () => Promise<void>): Promise<void> {
  await demo.cloud.update('stores', 'xujiahui', {
    statusOverride: { status, until: Date.now() + 3600_000 },
  });
  try {
    await check();
  } finally {
    await demo.cloud.update('stores', 'xujiahui', { statusOverride: null });
  }
}

function sections(page: Mounted): MenuSection[] {
  return page.data.sections as MenuSection[];
}

/** The n-th rendered node of `selector` whose goods card is `goodsId`, counted in data order. */
function goodsControl(
  page: Mounted,
  selector: string,
  goodsId: string,
  where: (g: MenuSection['goods'][number]) => boolean,
) {
  const cards = sections(page)
    .flatMap((section) => section.goods)
    .filter(where);
  const index = cards.findIndex((card) => card.id === goodsId);
  const node = page.querySelectorAll(selector)[index];
  if (index < 0 || !node) throw new Error(`no ${selector} for ${goodsId}`);
  return node;
}

async function tapPlus(page: Mounted, goodsId: string): Promise<void> {
  goodsControl(page, '.goods-card__add', goodsId, (g) => !g.soldOut && !g.picker).dispatchEvent(
    'tap',
  );
  await sleep(0);
}

describe('menu', () => {
  it('shows the seeded categories in the side bar and their goods with prices', async () => {
    const page = await openMenu();
    const names = seededCategories
      .filter((c) => c.storeId === 'xujiahui')
      .sort((a, b) => a.sort - b.sort)
      .map((c) => c.name);
    expect(texts(page, 'menu-section__title')).toEqual(names);
    expect(page.querySelectorAll('.category')).toHaveLength(names.length);
    expect(texts(page, 'side-bar-item').filter(Boolean)).toEqual(names);
    const goodsNames = texts(page, 'goods-card__name');
    expect(goodsNames).toContain('拿铁');
    expect(goodsNames).not.toContain('冷萃咖啡'); // off the shelf
    expect(texts(page, 'goods-card__price')[goodsNames.indexOf('意式浓缩')]).toBe('¥18.00'); // one price format across the app
    // Each picture is a cloud:// file id, drawn by the local cloud's storage in local mode.
    const cards = (page.data.sections as MenuSection[]).flatMap((section) => section.goods);
    expect(cards).toHaveLength(goodsNames.length);
    for (const card of cards) expect(card.image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/.+/);
    // The whole demo menu arrives well inside the first-setData budget.
    expect(JSON.stringify(page.data).length).toBeLessThan(64 * 1024);
  });

  it('scrolls to a category tapped in the side bar, and follows the list when it scrolls', async () => {
    const page = await openMenu();
    const all = sections(page);
    expect(page.data.activeCategory).toBe(all[0].id);

    page.querySelectorAll('.category')[2].querySelector('.t-side-bar-item')?.dispatchEvent('tap');
    await sleep(0);
    expect(page.data).toMatchObject({ activeCategory: all[2].id, intoView: all[2].anchor });

    await sleep(700); // past the scroll lock that follows a tap
    const tops = sectionTops(
      all.map((s) => ({ id: s.id, goodsCount: s.goods.length })),
      (wxApi().getWindowInfo as () => { windowWidth: number })().windowWidth,
    );
    page
      .querySelector('.menu__goods')
      ?.dispatchEvent('scroll', { detail: { scrollTop: tops[3] + 5 } });
    await sleep(0);
    expect(page.data.activeCategory).toBe(all[3].id);
    page.querySelector('.menu__goods')?.dispatchEvent('scroll', { detail: { scrollTop: 0 } });
    await sleep(0);
    expect(page.data.activeCategory).toBe(all[0].id);
  });

  it('shows a sold-out item that cannot be added', async () => {
    const page = await openMenu();
    const goodsNames = texts(page, 'goods-card__name');
    const card = page.querySelectorAll('.goods-card')[goodsNames.indexOf('提拉米苏')];
    expect((card.dom?.textContent ?? '').replace(/\s+/g, ' ')).toContain('已售罄');
    expect(card.querySelector('.goods-card__add')).toBeFalsy();
    expect(card.querySelector('.goods-card__choose')).toBeFalsy();
  });

  it('adds a goods item with "+" in one small setData and totals it with domain pricing', async () => {
    const page = await openMenu();
    const setData = jest.spyOn(page.instance as { setData: (d: object) => void }, 'setData');
    await tapPlus(page, ESPRESSO._id);
    await sleep(20); // the bindings flush on wx.nextTick
    expect(setData).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(setData.mock.calls[0][0]).length).toBeLessThan(1024);
    expect(textOf(page, '.cart-bar__count')).toBe('1');
    expect(textOf(page, '.cart-bar__total')).toBe(formatPrice(unitPriceFen(ESPRESSO)));
    expect(demo.device.calls()).toEqual(['catalog.home']); // the cart is local until checkout
  });

  it('prices the spec picker as options change and adds that line', async () => {
    const page = await openMenu();
    goodsControl(
      page,
      '.goods-card__choose',
      LATTE._id,
      (g) => !g.soldOut && g.picker,
    ).dispatchEvent('tap');
    await sleep(0);
    const picker = page.querySelector('.spec-picker-host');
    if (!picker) throw new Error('no spec picker');
    const price = () => textOf(picker, '.spec-picker__price');
    expect(price()).toBe(formatPrice(unitPriceFen(LATTE, defaultSelection(LATTE))));

    // A screen reader hears each chip as one of several, and whether it is chosen.
    const chips = picker.querySelectorAll('.spec-chip').map(ariaOf);
    expect(chips[0]).toMatchObject({ role: 'radio', checked: true, label: '中杯' });
    expect(chips[1]).toMatchObject({ role: 'radio', checked: false, label: '大杯 +¥3' });
    const optionTags = picker.querySelectorAll('.spec-option');
    const sizeOptions = LATTE.specs[0].options;
    optionTags[sizeOptions.findIndex((o) => o.id === 'large')]
      .querySelector('.t-tag')
      ?.dispatchEvent('tap');
    await sleep(0);
    const oat =
      picker.querySelectorAll('.spec-addon')[LATTE.addOns.findIndex((a) => a.id === 'oat')];
    oat.querySelector('.t-tag')?.dispatchEvent('tap');
    await sleep(0);
    const selection = {
      specs: { ...defaultSelection(LATTE).specs, size: ['large'] },
      addOns: ['oat'],
    };
    expect(price()).toBe(formatPrice(unitPriceFen(LATTE, selection)));
    expect(price()).toBe('¥36.00'); // 28 + 3 (大杯) + 5 (燕麦奶)

    await tap(picker, '.spec-picker__add', '.t-button');
    await sleep(20);
    expect(textOf(page, '.cart-bar__count')).toBe('1');
    expect(textOf(page, '.cart-bar__total')).toBe('¥36.00');
  });

  it('keeps the cart across a relaunch, and the checkout button opens checkout', async () => {
    let page = await openMenu();
    await tapPlus(page, ESPRESSO._id);
    await tapPlus(
      page,
      seededGoods.find((g) => g.name === '巴斯克芝士蛋糕' && g.storeId === 'xujiahui')?._id ?? '',
    );
    await sleep(20);
    const total = textOf(page, '.cart-bar__total');

    page = await openMenu(); // fresh modules, same storage
    expect(textOf(page, '.cart-bar__count')).toBe('2');
    expect(textOf(page, '.cart-bar__total')).toBe(total);

    const navigateTo = jest.spyOn(wxApi(), 'navigateTo');
    await tap(page, '.cart-bar__checkout', '.t-button');
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/order/pages/checkout/index' }),
    );
  });

  it('shows the cached menu offline on the next launch, and refreshes on retry', async () => {
    await openMenu();
    demo.device.setOffline(true);
    const page = await openMenu();
    expect(texts(page, 'goods-card__name')).toContain('拿铁');
    expect(textOf(page, '.stale-note')).toContain('上次保存的菜单');
    demo.device.setOffline(false);
    await tap(page, '.stale-note');
    await settle(demo.device, sleep);
    expect(page.querySelector('.stale-note')).toBeFalsy();
  });

  it('opens at the goods item an article card links to, with its options offered', async () => {
    // An OA article's mini program card: scene 1058, path pages/menu/index?storeId=…&goodsId=…
    demo.device.setLaunch({
      scene: 1058,
      path: 'pages/menu/index',
      query: { storeId: 'xujiahui', goodsId: LATTE._id },
    });
    const page = await openMenu();
    expect(page.data.activeCategory).toBe(LATTE.categoryId);
    expect(page.data.intoView).toBe(`cat-${LATTE.categoryId}`);
    expect(page.data.pickerVisible).toBe(true);
    expect((page.data.pickerGoods as { _id: string })._id).toBe(LATTE._id);

    // Shown once: coming back to the menu after closing the picker does not reopen it.
    callPageMethod(page, 'onPickerClose');
    callPageMethod(page, 'showLinkedGoods');
    expect(page.data.pickerVisible).toBe(false);
  });

  it('refuses orders while the store is closed', async () => {
    await whileStore('closed', async () => {
      const page = await openMenu();
      expect(textOf(page, '.menu__closed')).toMatch(/^休息中 · \S+ \d\d:\d\d 开始接单$/);
      // The add and 选规格 controls look off before anyone taps them.
      const plus = page.querySelectorAll('.goods-card__add');
      const choose = page.querySelectorAll('.goods-card__choose');
      expect(plus.every((node) => node.dom?.className.includes('goods-card__add--disabled'))).toBe(
        true,
      );
      expect(
        choose.every((node) => node.dom?.className.includes('goods-card__choose--disabled')),
      ).toBe(true);
      expect(ariaOf(choose[0]).disabled).toBe(true);
      const showToast = jest.spyOn(wxApi(), 'showToast');
      await tapPlus(page, ESPRESSO._id);
      await sleep(20);
      expect(showToast).toHaveBeenCalled();
      expect(page.querySelector('.cart-bar__count')).toBeUndefined();
    });
  });

  it('a customer back after staff paused orders sees it at once; the stepper cannot add', async () => {
    const page = await openMenu();
    await tapPlus(page, ESPRESSO._id);
    await sleep(20);
    expect(textOf(page, '.cart-bar__count')).toBe('1');
    await whileStore('busy', async () => {
      page.triggerPageLifeTime('show'); // moments later: the menu is fresh, nothing asked
      await settle(demo.device, sleep);
      expect(page.querySelector('.menu__closed')).toBeUndefined();

      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 61_000); // a minute later
      page.triggerPageLifeTime('show');
      await settle(demo.device, sleep);
      expect(textOf(page, '.menu__closed')).toMatch(/^暂停接单 · 预计/);

      const stepper = goodsControl(page, '.goods-card__stepper', ESPRESSO._id, (g) => !g.picker);
      stepper.querySelector('.t-stepper__plus')?.dispatchEvent('tap');
      await sleep(20);
      expect(textOf(page, '.cart-bar__count')).toBe('1');
      expect(stepper.data.currentValue).toBe(1); // the number shown agrees with the cart
    });
  });

  it('says orders are paused, not that the store is closed, while staff pause them', async () => {
    await whileStore('busy', async () => {
      const page = await openMenu();
      expect(textOf(page, '.menu__closed')).toMatch(/^暂停接单 · 预计/);
      expect(textOf(page, '.menu__closed')).not.toMatch(/休息|营业/);
      const showToast = jest.spyOn(wxApi(), 'showToast');
      await tapPlus(page, ESPRESSO._id);
      await sleep(20);
      expect(showToast.mock.calls[0][0]).toMatchObject({
        title: expect.stringMatching(/^暂停接单 · 预计/),
      });
      expect(page.querySelector('.cart-bar__count')).toBeUndefined();

      // The spec picker says the same, on its add button.
      goodsControl(page, '.goods-card__choose', LATTE._id, (g) => g.picker).dispatchEvent('tap');
      await sleep(0);
      const picker = page.querySelector('.spec-picker-host');
      if (!picker) throw new Error('no spec picker');
      expect(texts(picker, 't-button__content')).toContain('暂停接单');
    });
  });

  it('says where and how the order goes at the top, and switches the mode there for checkout too', async () => {
    demo.device.setLaunch({ scene: 1011, query: { scene: encodeURIComponent('s=xujiahui&t=A2') } });
    const page = await openMenu();
    expect(textOf(page, '.menu__store')).toBe('栖木咖啡 · 徐家汇店');
    expect(textOf(page, '.menu__mode')).toBe('堂食 · A2 ▾');
    // Each card has one line about the goods.
    expect(texts(page, 'goods-card__blurb')[0]).toBe('金桂糖浆与浓缩、鲜奶，秋天的香气。');

    const sheet = jest
      .spyOn(wxApi(), 'showActionSheet')
      .mockImplementation(((options: {
        itemList: string[];
        success: (res: { tapIndex: number }) => void;
      }) => options.success({ tapIndex: options.itemList.indexOf('外送') })) as never);
    await tap(page, '.menu__mode');
    await sleep(20);
    expect((sheet.mock.calls[0][0] as { itemList: string[] }).itemList).toEqual([
      '堂食',
      '自取',
      '外送',
    ]);
    expect(textOf(page, '.menu__mode')).toBe('外送 ▾');

    await tapPlus(page, ESPRESSO._id);
    // mount() is a relaunch: from the tab again (no table code), the choice is remembered.
    demo.device.setLaunch({ scene: 1001, query: {} });
    const checkout = mount('packages/order/pages/checkout/index');
    await settle(demo.device, sleep);
    expect(checkout.data.mode).toBe('delivery');
  });

  it('shows no count on the cart bar while the cart is empty', async () => {
    const page = await openMenu();
    expect(page.querySelector('.cart-bar__count')).toBeUndefined();
    expect(textOf(page, '.cart-bar__empty')).toBe('购物车是空的');
    await tapPlus(page, ESPRESSO._id);
    await sleep(20);
    expect(textOf(page, '.cart-bar__count')).toBe('1');
    const stepper = goodsControl(page, '.goods-card__stepper', ESPRESSO._id, (g) => !g.picker);
    stepper.querySelector('.t-stepper__minus')?.dispatchEvent('tap');
    await sleep(20);
    expect(page.querySelector('.cart-bar__count')).toBeUndefined();
  });

  it('tells a screen reader what "+" and 选规格 do, and for which goods', async () => {
    const page = await openMenu();
    const plus = goodsControl(
      page,
      '.goods-card__add',
      ESPRESSO._id,
      (g) => !g.soldOut && !g.picker,
    );
    expect(ariaOf(plus)).toMatchObject({ role: 'button', label: `加入购物车 ${ESPRESSO.name}` });
    const choose = goodsControl(
      page,
      '.goods-card__choose',
      LATTE._id,
      (g) => !g.soldOut && g.picker,
    );
    expect(ariaOf(choose)).toMatchObject({ role: 'button', label: `选规格 ${LATTE.name}` });
  });
});
