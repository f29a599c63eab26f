// Cart: lines from the menu, flagged lines, empty, store paused.
import { goodsNamed, addOnMenu } from '../ui/support/order-flow';
import { openPage, scene, whileStore } from './support/scenes';

const demo = scene('customer');
const CART = 'packages/order/pages/cart/index';
const ESPRESSO = goodsNamed('意式浓缩');
const BASQUE = goodsNamed('巴斯克芝士蛋糕');

it('lines', async () => {
  await addOnMenu(demo.device, ESPRESSO, BASQUE);
  await demo.shoot(await openPage(demo, CART), CART, 'lines');
});

it('flagged lines', async () => {
  await addOnMenu(demo.device, ESPRESSO, BASQUE);
  await demo.cloud.update('goods', ESPRESSO._id, { priceFen: 2000 });
  await demo.cloud.update('goods', BASQUE._id, { soldOut: true });
  try {
    await demo.shoot(await openPage(demo, CART), CART, 'flagged lines');
  } finally {
    await demo.cloud.update('goods', ESPRESSO._id, { priceFen: ESPRESSO.priceFen });
    await demo.cloud.update('goods', BASQUE._id, { soldOut: false });
  }
});

it('empty', async () => {
  await demo.shoot(await openPage(demo, CART), CART, 'empty');
});

it('store paused', async () => {
  await addOnMenu(demo.device, ESPRESSO);
  await whileStore(demo, 'busy', async () => {
    await demo.shoot(await openPage(demo, CART), CART, 'store paused');
  });
});
