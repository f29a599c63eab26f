// A restaurant paid after eating (先吃后付): the table's page with two diners' shared cart, after
// a round was sent, and paid; the staff's 桌台 view with an open table and its rounds.
import { callPageMethod, sleep } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { defaultSelection } from '../../miniprogram/domain/catalog';
import { goodsNamed } from '../ui/support/order-flow';
import { CUSTOMER, openPage, OWNER, scene, STORE, withOwner } from './support/scenes';

const TABLE = 'A2';
const OTHER_DINER = 'o-screens-diner-2';
const demo = scene('customer', {
  launch: { scene: 1011, query: { scene: encodeURIComponent(`s=${STORE}&t=${TABLE}`) } },
});
withOwner(demo);

const TABLE_PAGE = 'packages/order/pages/table/index';
const FLOOR_PAGE = 'packages/staff/pages/floor/index';

beforeAll(async () => {
  await demo.api(OWNER, 'staff.table.settings', { storeId: STORE, dineInPayment: 'after' });
}, 60_000);

it('table: the shared cart of two diners, then a round sent, then paid; 桌台 for staff', async () => {
  const { session } = await demo.api<{ session: { sessionId: string } }>(
    OTHER_DINER,
    'table.join',
    { storeId: STORE, tableNo: TABLE },
  );
  const { sessionId } = session;
  const add = (openid: string, name: string, qty = 1) =>
    demo.api(openid, 'table.cart.add', { sessionId, goodsId: goodsNamed(name)._id, qty });
  await demo.api(CUSTOMER, 'table.join', { storeId: STORE, tableNo: TABLE });
  await add(OTHER_DINER, '鸡肉凯撒沙拉');
  await add(CUSTOMER, '意式浓缩', 2);
  await add(OTHER_DINER, '牛角可颂');

  const page = await openPage(demo, TABLE_PAGE);
  callPageMethod(page, 'onHide'); // by hand from here
  await demo.shoot(page, TABLE_PAGE, 'two diners, shared cart');

  await demo.api(CUSTOMER, 'table.order', { sessionId });
  await add(OTHER_DINER, '巴斯克芝士蛋糕'); // 加菜 after the first round
  await callPageMethod(page, 'onShow');
  await settle(demo.device, sleep);
  callPageMethod(page, 'onHide');
  await demo.shoot(page, TABLE_PAGE, 'a round sent, more in the cart');

  await demo.api(OTHER_DINER, 'table.order', { sessionId });
  await demo.api(OTHER_DINER, 'table.split', { sessionId, parts: 3 });
  await demo.api(OTHER_DINER, 'table.pay', { sessionId }); // the other diner is paying share 1
  await callPageMethod(page, 'refresh');
  await settle(demo.device, sleep);
  await demo.shoot(page, TABLE_PAGE, 'AA in three shares, one being paid');

  demo.device.storage.set('storefront.devOpenid', OWNER);
  const floor = await openPage(demo, FLOOR_PAGE, { storeId: STORE });
  callPageMethod(floor, 'onHide');
  callPageMethod(floor, 'onTable', { currentTarget: { dataset: { id: sessionId } } });
  await settle(demo.device, sleep);
  await demo.shoot(floor, FLOOR_PAGE, 'an open table with its round');
  callPageMethod(floor, 'onDraft');
  await settle(demo.device, sleep);
  const choose = (name: string) =>
    callPageMethod(floor, 'onChoose', {
      currentTarget: { dataset: { id: goodsNamed(name)._id } },
    });
  choose('意式浓缩');
  choose('拿铁');
  await settle(demo.device, sleep);
  await demo.shoot(floor, FLOOR_PAGE, "staff choosing a latte's options for a round");
  const latte = goodsNamed('拿铁');
  callPageMethod(floor, 'onPicked', {
    detail: {
      selection: { specs: { ...defaultSelection(latte).specs, size: ['large'] } },
      qty: 1,
    },
  });
  await settle(demo.device, sleep);
  await demo.shoot(floor, FLOOR_PAGE, 'staff entering a round');
});
