// The cart page (order subpackage) against the real `api` function: lines added on the menu,
// edited here, and flagged when a catalog refresh changes their goods.
import { unitPriceFen, type Goods } from '../../miniprogram/domain/catalog';
import { formatPrice, multiplyFen } from '../../miniprogram/domain/money';
import type { MenuSection } from '../../miniprogram/pages/menu/sections';
import { demoData } from '../../tools/seed/demo';
import { mount, sleep, tap, textOf, texts, wxApi, type Mounted } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { demoPhone } from './support/demo-phone';

const demo = demoPhone();

const goodsNamed = (name: string) =>
  (demoData.goods as unknown as Goods[]).find(
    (g) => g.name === name && g.storeId === 'xujiahui',
  ) as Goods;
const ESPRESSO = goodsNamed('意式浓缩');
const BASQUE = goodsNamed('巴斯克芝士蛋糕');

async function open(path: string): Promise<Mounted> {
  const page = mount(path);
  await settle(demo.device, sleep);
  return page;
}

/** Puts one of each goods (without specs) into the cart the way a customer does: "+" on the menu. */
async function addOnMenu(...goods: Goods[]): Promise<void> {
  const menu = await open('pages/menu/index');
  for (const item of goods) {
    // A "+" turns into a stepper once its goods are in the cart, so count the "+" left now.
    const qty = menu.data.qty as Record<string, number>;
    const plusCards = (menu.data.sections as MenuSection[])
      .flatMap((section) => section.goods)
      .filter((card) => !card.soldOut && !card.picker && !qty[card.id]);
    const index = plusCards.findIndex((card) => card.id === item._id);
    menu.querySelectorAll('.goods-card__add')[index].dispatchEvent('tap');
    await sleep(20);
  }
}

const lineTexts = (page: Mounted) => texts(page, 'cart-line__name');

describe('cart page', () => {
  it('shows the lines added on the menu with the domain total, and edits them in place', async () => {
    await addOnMenu(ESPRESSO, BASQUE);
    const page = await open('packages/order/pages/cart/index');
    expect(lineTexts(page)).toEqual([ESPRESSO.name, BASQUE.name]);
    const expected = unitPriceFen(ESPRESSO) + unitPriceFen(BASQUE);
    expect(textOf(page, '.cart__total-amount')).toBe(formatPrice(expected));

    // "+" on the first line: that line and the total change together, in one render.
    const setData = jest.spyOn(page.instance as { setData: (d: object) => void }, 'setData');
    await tap(page, '.cart-line__qty', '.t-stepper__plus');
    await sleep(0);
    expect(setData).toHaveBeenCalledTimes(1);
    const patch = setData.mock.calls[0][0] as { lines: Array<{ qty: number }> };
    expect(patch.lines.map((line) => line.qty)).toEqual([2, 1]);
    expect(textOf(page, '.cart__total-amount')).toBe(
      formatPrice(multiplyFen(unitPriceFen(ESPRESSO), 2) + unitPriceFen(BASQUE)),
    );

    page.querySelectorAll('.cart-line__remove')[0].querySelector('.t-button')?.dispatchEvent('tap');
    await sleep(0);
    expect(lineTexts(page)).toEqual([BASQUE.name]);

    const showModal = jest.spyOn(wxApi(), 'showModal');
    showModal.mockImplementation(((options: { success: (res: { confirm: boolean }) => void }) =>
      options.success({ confirm: true })) as never);
    await tap(page, '.cart__clear');
    expect(page.querySelector('.cart__empty')).toBeTruthy();
  });

  it('flags a line whose price changed and one that sold out, and says why', async () => {
    await addOnMenu(ESPRESSO, BASQUE);
    await demo.cloud.update('goods', ESPRESSO._id, { priceFen: 2000 });
    await demo.cloud.update('goods', BASQUE._id, { soldOut: true });
    try {
      const page = await open('packages/order/pages/cart/index');
      expect(texts(page, 'cart-line__issue')).toEqual([
        '价格已由 ¥18.00 调整为 ¥20.00',
        '该商品已售罄',
      ]);
      // The sold-out line is not ordered; the changed one is, at the new price.
      expect(textOf(page, '.cart__total-amount')).toBe('¥20.00');

      await tap(page, '.cart__remove-unavailable');
      expect(lineTexts(page)).toEqual([ESPRESSO.name]);

      const menu = await open('pages/menu/index'); // the menu's cart bar agrees
      expect(textOf(menu, '.cart-bar__total')).toBe('¥20.00');
    } finally {
      await demo.cloud.update('goods', ESPRESSO._id, { priceFen: ESPRESSO.priceFen });
      await demo.cloud.update('goods', BASQUE._id, { soldOut: false });
    }
  });

  it('keeps one cart per store: a table code for another store opens that store’s cart', async () => {
    await addOnMenu(ESPRESSO);
    demo.device.setLaunch({ scene: 1011, query: { scene: encodeURIComponent('s=jingan&t=B1') } });
    const jingan = await open('packages/order/pages/cart/index');
    expect(jingan.querySelector('.cart__empty')).toBeTruthy();
    expect(demo.device.requests.at(-1)?.data).toMatchObject({ data: { storeId: 'jingan' } });

    demo.device.setLaunch({ scene: 1001, query: { storeId: 'xujiahui' } });
    const xujiahui = await open('packages/order/pages/cart/index');
    expect(lineTexts(xujiahui)).toEqual([ESPRESSO.name]);
  });

  it('says why 去结算 is off while staff pause orders', async () => {
    await addOnMenu(ESPRESSO);
    const until = Date.now() + 30 * 60_000;
    await demo.cloud.update('stores', 'xujiahui', { statusOverride: { status: 'busy', until } });
    try {
      const page = await open('packages/order/pages/cart/index');
      expect(textOf(page, '.cart__not-ordering')).toMatch(/^暂停接单 · 预计\S* ?\d\d:\d\d 恢复$/);
      expect(page.data.open).toBe(false);
    } finally {
      await demo.cloud.update('stores', 'xujiahui', { statusOverride: null });
    }
  });
});
