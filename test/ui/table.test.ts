// A restaurant paid after eating (先吃后付): the phones at one table share one cart that says who
// added what, 下单 sends it to the kitchen as a round, anyone pays the whole bill; staff see the
// table on the 桌台 view, take back a line not yet made and the bill follows.
import {
  defaultSelection,
  describeSelection,
  unitPriceFen,
} from '../../miniprogram/domain/catalog';
import { formatPrice } from '../../miniprogram/domain/money';
import { callPageMethod, mount, sleep, tap, texts, textOf, wxApi } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { apiAs, goodsNamed, open, postJson, until } from './support/order-flow';
import { demoPhone } from './support/demo-phone';
import { becomeOwner } from './support/owner';

const STORE = 'xujiahui';
const TABLE = 'A2';
const OWNER = 'o-ui-table-owner';
const OTHER_DINER = 'o-ui-table-diner-2';
const SETUP_CODE = 'TABLE2TEST';

const demo = demoPhone({
  launch: { scene: 1011, query: { scene: encodeURIComponent(`s=${STORE}&t=${TABLE}`) } },
});

const api = <T>(openid: string, action: string, data: unknown): Promise<T> =>
  apiAs<T>(demo.cloud.url, openid, action, data);

beforeAll(async () => {
  await becomeOwner(demo.cloud.url, OWNER, SETUP_CODE, STORE);
  await api(OWNER, 'staff.table.settings', { storeId: STORE, dineInPayment: 'after' });
}, 60_000);

const ESPRESSO = goodsNamed('意式浓缩');
const SALAD = goodsNamed('鸡肉凯撒沙拉');
const LATTE = goodsNamed('拿铁');

interface SessionAnswer {
  session: { sessionId: string; bill: { totalFen: number } };
}

it('two diners share one cart that says who added what; 下单 sends it as a round for both; 买单 pays the whole bill', async () => {
  // The other diner at the table adds a salad from their phone.
  const joined = await api<SessionAnswer>(OTHER_DINER, 'table.join', {
    storeId: STORE,
    tableNo: TABLE,
  });
  const { sessionId } = joined.session;
  await api(OTHER_DINER, 'table.cart.add', { sessionId, goodsId: SALAD._id, qty: 1 });

  // This phone scanned the same code: its "+" goes into the table's cart.
  const menu = await open(demo.device, 'pages/menu/index');
  await until(demo.device, () => menu.data.atTable === true);
  const cards = (menu.data.sections as Array<{ goods: Array<{ id: string; picker: boolean }> }>)
    .flatMap((section) => section.goods)
    .filter((card) => !card.picker);
  const qty = menu.data.qty as Record<string, number>;
  const plus = cards.filter((card) => !qty[card.id]);
  const buttons = menu.querySelectorAll('.goods-card__add');
  buttons[plus.findIndex((c) => c.id === ESPRESSO._id)].dispatchEvent('tap');
  await settle(demo.device, sleep);
  expect(menu.data.cartCount).toBe(2); // the salad from the other phone counts too

  const page = await open(demo.device, 'packages/order/pages/table/index');
  callPageMethod(page, 'onShow');
  await settle(demo.device, sleep);
  expect(textOf(page, '.table__title')).toContain('A2 桌');
  const names = texts(page, 'table-line__name');
  expect(names).toEqual(expect.arrayContaining([`${SALAD.name} ×1`, `${ESPRESSO.name} ×1`]));
  const who = texts(page, 'table-line__who');
  expect(who).toContain('我');
  expect(who.some((text) => /^座位 \d+$/.test(text))).toBe(true);

  await tap(page, '.table__order', '.t-button');
  await settle(demo.device, sleep);
  expect(texts(page, 'table-round__title')[0]).toMatch(/^第 1 轮/);
  const bill = ESPRESSO.priceFen + SALAD.priceFen;
  expect(textOf(page, '.table__bill-amount')).toBe(formatPrice(bill));
  // The other phone sees the same: nothing left in the cart, one round, the same bill.
  const seen = await api<SessionAnswer & { session: { cart: unknown[] } }>(
    OTHER_DINER,
    'table.get',
    { sessionId },
  );
  expect(seen.session.cart).toEqual([]);
  expect(seen.session.bill.totalFen).toBe(bill);

  // 买单: the sandbox's sheet stands in for WeChat Pay; the result page follows.
  jest
    .spyOn(wxApi(), 'showActionSheet')
    .mockImplementation(((options: { success: (res: { tapIndex: number }) => void }) =>
      options.success({ tapIndex: 0 })) as never);
  const navigate = jest.spyOn(wxApi(), 'navigateTo');
  await tap(page, '.table__pay', '.t-button');
  await settle(demo.device, sleep);
  expect(navigate).toHaveBeenCalledWith(
    expect.objectContaining({ url: expect.stringContaining('outcome=paid') }),
  );
  await until(demo.device, () => page.data.paid === true);
  callPageMethod(page, 'onHide');
});

it('AA: the bill in even shares, each diner pays one, the last one settles the table', async () => {
  demo.device.setLaunch({ scene: 1011, query: { scene: encodeURIComponent(`s=${STORE}&t=B2`) } });
  const { session } = await api<SessionAnswer>(OTHER_DINER, 'table.join', {
    storeId: STORE,
    tableNo: 'B2',
  });
  const { sessionId } = session;
  await api(OTHER_DINER, 'table.cart.add', { sessionId, goodsId: SALAD._id, qty: 1 });
  await api(OTHER_DINER, 'table.cart.add', { sessionId, goodsId: ESPRESSO._id, qty: 1 });
  await api(OTHER_DINER, 'table.order', { sessionId });

  const page = await open(demo.device, 'packages/order/pages/table/index');
  callPageMethod(page, 'onShow');
  await until(demo.device, () => page.data.canPay === true);
  callPageMethod(page, 'onHide');
  jest
    .spyOn(wxApi(), 'showModal')
    .mockImplementation((() =>
      Promise.resolve({ confirm: true, cancel: false, content: '2' })) as never);
  await callPageMethod(page, 'onSplit');
  await settle(demo.device, sleep);
  const total = SALAD.priceFen + ESPRESSO.priceFen;
  const half = Math.ceil(total / 2);
  expect(texts(page, 'table-share__amount')).toEqual([
    formatPrice(half),
    formatPrice(total - half),
  ]);

  // This phone pays one share in the sandbox; the other diner pays the other.
  jest
    .spyOn(wxApi(), 'showActionSheet')
    .mockImplementation(((options: { success: (res: { tapIndex: number }) => void }) =>
      options.success({ tapIndex: 0 })) as never);
  jest.spyOn(wxApi(), 'navigateTo').mockImplementation((() => undefined) as never);
  await callPageMethod(page, 'onPay');
  await settle(demo.device, sleep);
  const other = await api<{ orderNo: string; share: { no: number } }>(OTHER_DINER, 'table.pay', {
    sessionId,
  });
  expect(other.share.no).toBe(2);
  await postJson(`${demo.cloud.url}/pay/${other.orderNo}/succeed`, {});
  await callPageMethod(page, 'refresh');
  await settle(demo.device, sleep);
  expect(page.data.paid).toBe(true);
});

it('staff see the table on 桌台, take back a line not yet made, and the bill follows', async () => {
  const { session } = await api<SessionAnswer>(OTHER_DINER, 'table.join', {
    storeId: STORE,
    tableNo: 'B1',
  });
  await api(OTHER_DINER, 'table.cart.add', {
    sessionId: session.sessionId,
    goodsId: ESPRESSO._id,
    qty: 2,
  });
  await api(OTHER_DINER, 'table.cart.add', {
    sessionId: session.sessionId,
    goodsId: SALAD._id,
    qty: 1,
  });
  await api(OTHER_DINER, 'table.order', { sessionId: session.sessionId });

  demo.device.storage.set('storefront.devOpenid', OWNER);
  const page = mount('packages/staff/pages/floor/index');
  callPageMethod(page, 'onLoad', { storeId: STORE });
  callPageMethod(page, 'onShow');
  await settle(demo.device, sleep);
  callPageMethod(page, 'onHide'); // by hand from here

  // A round sent while 桌台 is open rings, as a new order does on the board.
  const vibrate = jest.spyOn(wxApi(), 'vibrateLong');
  await api(OTHER_DINER, 'table.cart.add', {
    sessionId: session.sessionId,
    goodsId: ESPRESSO._id,
    qty: 1,
  });
  await api(OTHER_DINER, 'table.order', { sessionId: session.sessionId });
  await callPageMethod(page, 'refresh');
  expect(vibrate).toHaveBeenCalledTimes(1);
  const b1 = (page.data.tables as Array<{ tableNo: string; stateLabel: string }>).findIndex(
    (table) => table.tableNo === 'B1',
  );
  expect(b1).toBeGreaterThanOrEqual(0);
  expect(texts(page, 'floor-table__state')[b1]).toBe('用餐中');
  page.querySelectorAll('.floor-table')[b1].dispatchEvent('tap');
  await settle(demo.device, sleep);
  const full = 3 * ESPRESSO.priceFen + SALAD.priceFen;
  expect(textOf(page, '.floor-session__bill')).toBe(`账单 ${formatPrice(full)}`);

  jest
    .spyOn(wxApi(), 'showModal')
    .mockImplementation((() =>
      Promise.resolve({ confirm: true, cancel: false, content: '' })) as never);
  const salad = texts(page, 'floor-line__name').findIndex((name) => name.startsWith(SALAD.name));
  page.querySelectorAll('.floor-line__cancel')[salad].dispatchEvent('tap');
  await settle(demo.device, sleep);
  expect(textOf(page, '.floor-session__bill')).toBe(`账单 ${formatPrice(3 * ESPRESSO.priceFen)}`);
  expect(texts(page, 'floor-line__cancelled')).toEqual(['已退']);

  // A diner asks the waiter for one more espresso and a large latte: staff enter them as a
  // round of its own, choosing the latte's options in the same picker the menu uses.
  callPageMethod(page, 'onDraft');
  await settle(demo.device, sleep);
  const choose = (name: string) => {
    const row = texts(page, 'floor-draft__name').indexOf(name);
    page.querySelectorAll('.floor-draft__choose')[row].dispatchEvent('tap');
  };
  expect(texts(page, 'floor-draft__choose')).toContain('选规格');
  choose(ESPRESSO.name);
  choose(LATTE.name);
  await settle(demo.device, sleep);
  const picker = page.querySelector('.spec-picker-host');
  if (!picker) throw new Error('no spec picker');
  const sizes = LATTE.specs[0].options;
  const large = picker.querySelectorAll('.spec-option')[sizes.findIndex((o) => o.id === 'large')];
  large.querySelector('.t-tag')?.dispatchEvent('tap');
  await sleep(0);
  expect((picker.data as { addText: string }).addText).toBe('加入本轮'); // not 加入购物车
  await tap(picker, '.spec-picker__add', '.t-button');
  await settle(demo.device, sleep);
  const latteSelection = { specs: { ...defaultSelection(LATTE).specs, size: ['large'] } };
  const latteFen = unitPriceFen(LATTE, latteSelection);
  expect(texts(page, 'floor-draft__options')).toEqual([describeSelection(LATTE, latteSelection)]);
  await callPageMethod(page, 'onSendDraft');
  await settle(demo.device, sleep);
  expect(texts(page, 'floor-round__title')).toHaveLength(3);
  expect(textOf(page, '.floor-session__bill')).toBe(
    `账单 ${formatPrice(4 * ESPRESSO.priceFen + latteFen)}`,
  );
  expect(vibrate).toHaveBeenCalledTimes(1); // staff's own round is no news to them
  expect(page.data.draft).toBeNull();

  // 出品: the first round is made; the table no longer counts it as to make.
  const [first] = (page.data.opened as { rounds: Array<{ roundId: string }> }).rounds;
  await callPageMethod(page, 'onMade', { currentTarget: { dataset: { id: first.roundId } } });
  await settle(demo.device, sleep);
  expect(texts(page, 'floor-round__made')).toEqual(['已出品']);
});

it('the owner chooses how dine-in is paid on the store page', async () => {
  demo.device.storage.set('storefront.devOpenid', OWNER);
  const page = mount('packages/staff/pages/store/index');
  callPageMethod(page, 'onLoad', { storeId: STORE });
  await settle(demo.device, sleep);
  expect(page.data.dineIn).toBe('先吃后付'); // as set for this file
  const sheet = jest.spyOn(wxApi(), 'showActionSheet');
  sheet.mockImplementation((() => Promise.resolve({ tapIndex: 0 })) as never);
  await callPageMethod(page, 'onDineIn');
  await settle(demo.device, sleep);
  expect(page.data.dineIn).toBe('先付款后用餐');
  const { stores } = await api<{ stores: Array<{ _id: string; dineInPayment: string }> }>(
    'o-ui-table-passer-by',
    'store.list',
    {},
  );
  expect(stores.find((store) => store._id === STORE)?.dineInPayment).toBe('first');
});
