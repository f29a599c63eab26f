// The staff console as the owner: the board's tabs with orders, goods, store, tables, today
// (with a week of orders), team; and the join page a new member opens.
import { callPageMethod, sleep } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { goodsNamed } from '../ui/support/order-flow';
import { placeWeek } from '../ui/support/store-week';
import { openPage, orderAt, OWNER, scene, STORE, withOwner } from './support/scenes';

const demo = scene('staff', { as: OWNER });
withOwner(demo);
const BOARD = 'packages/staff/pages/board/index';
const staffPage = (name: string) => `packages/staff/pages/${name}/index`;

it('board: each tab with orders', async () => {
  await orderAt(demo, 'paid');
  await orderAt(demo, 'paid', {
    mode: 'dine_in',
    dineIn: { tableNo: 'A2', diners: 2 },
    pickup: undefined,
  });
  await orderAt(demo, 'accepted');
  await orderAt(demo, 'ready');
  await orderAt(demo, 'completed');
  const page = await openPage(demo, BOARD, { storeId: STORE });
  for (const tab of ['new', 'accepted', 'ready', 'done']) {
    callPageMethod(page, 'onTabChange', { detail: { value: tab } });
    await settle(demo.device, sleep);
    await demo.shoot(page, BOARD, `tab ${tab}`);
  }
  // A delivery order paid while the board is open: highlighted (新) until someone touches it.
  callPageMethod(page, 'onTabChange', { detail: { value: 'new' } });
  await settle(demo.device, sleep);
  callPageMethod(page, 'onHide'); // polls by hand from here
  await orderAt(demo, 'paid', {
    lines: [
      { goodsId: goodsNamed('意式浓缩')._id, qty: 3 },
      { goodsId: goodsNamed('牛角可颂')._id, qty: 1 },
    ],
    remark: '不要吸管，到了打电话',
  });
  await callPageMethod(page, 'refresh');
  await settle(demo.device, sleep);
  await demo.shoot(page, BOARD, 'a new order, not yet seen');
});

it('goods: grouped, one sold out; searched; one category', async () => {
  const soldOut = goodsNamed('柚子美式')._id;
  const mark = (value: boolean) =>
    demo.api(OWNER, 'staff.goods.update', { storeId: STORE, goodsId: soldOut, soldOut: value });
  await mark(true);
  try {
    const page = await openPage(demo, staffPage('goods'), { storeId: STORE });
    await demo.shoot(page, staffPage('goods'), 'owner, one sold out');
    callPageMethod(page, 'onSearch', { detail: { value: '美式' } });
    await settle(demo.device, sleep);
    await demo.shoot(page, staffPage('goods'), 'searched');
    callPageMethod(page, 'onSearch', { detail: { value: '' } });
    callPageMethod(page, 'onCategory', { detail: { value: `${STORE}-latte` } });
    await settle(demo.device, sleep);
    await demo.shoot(page, staffPage('goods'), 'one category');
  } finally {
    await mark(false);
  }
});

for (const name of ['store', 'tables', 'team']) {
  it(name, async () => {
    const page = await openPage(demo, staffPage(name), { storeId: STORE });
    await demo.shoot(page, staffPage(name), 'owner');
  });
}

it('today: a week of orders as pictures', async () => {
  await placeWeek({
    url: demo.cloud.url,
    api: (openid, action, data) => demo.api(openid, action, data),
    update: (collection, doc, data) => demo.cloud.update(collection, doc, data),
    store: STORE,
    owner: OWNER,
    customer: 'o-screens-week',
  });
  const page = await openPage(demo, staffPage('today'), { storeId: STORE });
  await demo.shoot(page, staffPage('today'), 'a week of orders');
});

it('join', async () => {
  demo.device.storage.set('storefront.devOpenid', 'o-screens-newcomer');
  await demo.shoot(await openPage(demo, staffPage('join'), {}), staffPage('join'), 'new member');
});
