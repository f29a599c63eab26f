// Checkout: dine-in, pickup, delivery, under the delivery minimum, a price changed since the cart.
import type { Mounted } from '../helpers/mount';
import { addOnMenu, deliverTo, goodsNamed, open, until } from '../ui/support/order-flow';
import { scene } from './support/scenes';

const TABLE_CODE = { scene: 1011, query: { scene: encodeURIComponent('s=xujiahui&t=A2') } };
const demo = scene('customer', { launch: TABLE_CODE });
const CHECKOUT = 'packages/order/pages/checkout/index';
const ESPRESSO = goodsNamed('意式浓缩'); // ¥18, under the ¥30 delivery minimum
const BASQUE = goodsNamed('巴斯克芝士蛋糕');
const SALAD = goodsNamed('鸡肉凯撒沙拉');

async function openCheckout(): Promise<Mounted> {
  const page = await open(demo.device, CHECKOUT);
  await until(demo.device, () => !page.data.quoting && page.data.ready === true);
  return page;
}

async function chooseMode(page: Mounted, index: number, mode: string): Promise<void> {
  page.querySelectorAll('.mode')[index].dispatchEvent('tap');
  await until(demo.device, () => page.data.mode === mode && !page.data.quoting);
}

const deliverHere = (page: Mounted) => deliverTo(demo.device, page, { lat: 31.2, lng: 121.44 });

it('dine-in', async () => {
  await addOnMenu(demo.device, ESPRESSO, BASQUE);
  await demo.shoot(await openCheckout(), CHECKOUT, 'dine-in');
});

it('pickup', async () => {
  await addOnMenu(demo.device, ESPRESSO, BASQUE);
  const page = await openCheckout();
  await chooseMode(page, 1, 'pickup');
  await demo.shoot(page, CHECKOUT, 'pickup');
});

it('delivery', async () => {
  await addOnMenu(demo.device, ESPRESSO, SALAD);
  const page = await openCheckout();
  await deliverHere(page);
  await demo.shoot(page, CHECKOUT, 'delivery');
});

it('under the delivery minimum', async () => {
  await addOnMenu(demo.device, ESPRESSO);
  const page = await openCheckout();
  await deliverHere(page);
  await demo.shoot(page, CHECKOUT, 'under the minimum');
});

it('a price changed since the cart', async () => {
  await addOnMenu(demo.device, ESPRESSO, BASQUE);
  await demo.cloud.update('goods', ESPRESSO._id, { priceFen: 2000 });
  try {
    await demo.shoot(await openCheckout(), CHECKOUT, 'price changed');
  } finally {
    await demo.cloud.update('goods', ESPRESSO._id, { priceFen: ESPRESSO.priceFen });
  }
});
