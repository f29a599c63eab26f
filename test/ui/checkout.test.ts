// Checkout's wording against the real `api` function: money and distances written the way the
// rest of the app writes them, and mode chips a screen reader can tell apart.
import { distanceMeters, formatDistance } from '../../miniprogram/domain/geo';
import { storeLatLng } from '../../miniprogram/domain/order-pricing';
import { DEMO_STORES } from '../../tools/seed/demo';
import { tap, textOf, wxApi, type Mounted } from '../helpers/mount';
import { ariaOf } from './support/aria';
import { demoPhone } from './support/demo-phone';
import {
  addOnMenu,
  deliverTo as deliverToShared,
  goodsNamed,
  open,
  until,
} from './support/order-flow';

const demo = demoPhone();

const ESPRESSO = goodsNamed('意式浓缩'); // ¥18, under 徐家汇店's ¥30 delivery minimum
const BASQUE = goodsNamed('巴斯克芝士蛋糕');
const XUJIAHUI = DEMO_STORES[0];

async function openCheckout(): Promise<Mounted> {
  const page = await open(demo.device, 'packages/order/pages/checkout/index');
  await until(demo.device, () => !page.data.quoting && page.data.ready === true);
  return page;
}

const deliverTo = (checkout: Mounted, pin: { lat: number; lng: number }) =>
  deliverToShared(demo.device, checkout, pin);

describe('checkout wording', () => {
  it('under the delivery minimum: the total still shows, with what is missing and a way back', async () => {
    await addOnMenu(demo.device, ESPRESSO);
    const checkout = await openCheckout();
    await deliverTo(checkout, { lat: 31.2, lng: 121.44 });
    expect(textOf(checkout, '.checkout__short-text')).toBe('还差 ¥12.00 起送');
    expect(textOf(checkout, '.checkout__total-amount')).toBe('¥18.00');
    expect(checkout.querySelector('.checkout__error')).toBeUndefined();
    expect(checkout.data.canPay).toBe(false);
    const switchTab = jest.spyOn(wxApi(), 'switchTab');
    await tap(checkout, '.checkout__to-menu', '.t-button');
    expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/menu/index' }));
  });

  it('fees are ordinary lines: no notice when the items cost what the cart said', async () => {
    await addOnMenu(demo.device, ESPRESSO, BASQUE);
    const checkout = await openCheckout();
    checkout.querySelectorAll('.mode')[1].dispatchEvent('tap');
    await until(demo.device, () => checkout.data.mode === 'pickup' && !checkout.data.quoting);
    expect(textOf(checkout, '.amount__packaging')).toBe('¥1.00');
    expect(checkout.querySelector('.checkout__differs')).toBeUndefined();
  });

  it('writes the address one way: a city that is its own province once', async () => {
    await addOnMenu(demo.device, ESPRESSO, BASQUE);
    const checkout = await openCheckout();
    await deliverTo(checkout, { lat: 31.2, lng: 121.44 });
    expect(checkout.data.address).toBe('上海市徐汇区漕溪北路 100 号\n张三 13800000000');
  });

  it('writes the delivery distance the way home does: 1.6km, not 1600 米', async () => {
    await addOnMenu(demo.device, ESPRESSO, BASQUE);
    const checkout = await openCheckout();
    const pin = { lat: 31.21, lng: 121.44 };
    await deliverTo(checkout, pin);
    const meters = distanceMeters(storeLatLng(XUJIAHUI), pin);
    expect(meters).toBeGreaterThan(1000);
    expect(textOf(checkout, '.checkout__distance')).toBe(`距门店 ${formatDistance(meters)}`);
    expect(textOf(checkout, '.checkout__distance')).toMatch(/^距门店 \d+\.\dkm$/);
  });

  it('mode chips are buttons, and the chosen one says it is selected', async () => {
    await addOnMenu(demo.device, ESPRESSO);
    const checkout = await openCheckout();
    const chips = () => checkout.querySelectorAll('.mode').map(ariaOf);
    expect(chips()).toEqual([
      { role: 'button', selected: false },
      { role: 'button', selected: true }, // pickup: no table code on this phone
      { role: 'button', selected: false },
    ]);
    checkout.querySelectorAll('.mode')[0].dispatchEvent('tap');
    await until(demo.device, () => checkout.data.mode === 'dine_in');
    expect(chips().map((chip) => chip.selected)).toEqual([true, false, false]);
  });
});
