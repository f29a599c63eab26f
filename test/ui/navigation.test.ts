// A double tap opens one page: 去结算 on the menu and in the cart, the cart bar, an order card.
// wx.navigateTo is simulate's no-op here, so a second call would be a second page on a phone.
import { callPageMethod, mount, sleep, tap, wxApi, type Mounted } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { demoPhone } from './support/demo-phone';
import { addOnMenu, goodsNamed, open, placePickupOrder } from './support/order-flow';

const demo = demoPhone();
const ESPRESSO = goodsNamed('意式浓缩');

type Spy = jest.SpyInstance;

const navigateTo = (): Spy => jest.spyOn(wxApi(), 'navigateTo');
const urls = (spy: Spy): string[] => spy.mock.calls.map((call) => (call[0] as { url: string }).url);

/** Two taps as quick as a double tap: the second lands before any page could open. */
async function doubleTap(page: Mounted, selector: string, inner = ''): Promise<void> {
  await tap(page, selector, inner);
  await tap(page, selector, inner);
}

describe('a double tap opens one page', () => {
  it('去结算 and the cart bar on the menu', async () => {
    await addOnMenu(demo.device, ESPRESSO);
    const menu = await open(demo.device, 'pages/menu/index');
    const spy = navigateTo();
    await doubleTap(menu, '.cart-bar__checkout', '.t-button');
    expect(urls(spy)).toEqual(['/packages/order/pages/checkout/index']);

    // Back on the menu a while later: the cart bar opens the cart, once.
    const later = Date.now() + 5_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    await doubleTap(menu, '.cart-bar__summary');
    expect(urls(spy)).toEqual([
      '/packages/order/pages/checkout/index',
      '/packages/order/pages/cart/index',
    ]);
  });

  it('去结算 in the cart', async () => {
    await addOnMenu(demo.device, ESPRESSO);
    const cart = await open(demo.device, 'packages/order/pages/cart/index');
    const spy = navigateTo();
    await doubleTap(cart, '.cart__checkout', '.t-button');
    expect(urls(spy)).toEqual(['/packages/order/pages/checkout/index']);
  });

  it('an order card in the orders tab, even when the second tap hits the next card', async () => {
    await addOnMenu(demo.device, ESPRESSO); // the phone's local identity
    const openid = demo.device.storage.get('storefront.devOpenid') as string;
    const ids: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const answer = await placePickupOrder(demo.cloud.url, openid, ESPRESSO._id);
      ids.push(answer.result.data.order._id);
    }
    const orders = mount('pages/orders/index');
    callPageMethod(orders, 'onShow');
    await settle(demo.device, sleep);
    const cards = orders.querySelectorAll('.order-card');
    expect(cards).toHaveLength(2);

    const spy = navigateTo();
    cards[0].dispatchEvent('tap');
    cards[0].dispatchEvent('tap');
    cards[1].dispatchEvent('tap');
    await sleep(0);
    const newest = ids[1];
    expect(urls(spy)).toEqual([
      `/packages/order/pages/detail/index?id=${encodeURIComponent(newest)}`,
    ]);
  });
});
