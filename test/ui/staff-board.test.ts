// The open order board against the real `api` and `payNotify` functions: a customer pays in the
// local cloud's sandbox, the board shows the order within its poll interval and rings, and
// accept → ready → complete moves it across the tabs and queues the customer's notifications.
// The owner gets their role the deploy way: tools/staff/owner-code.ts, then staff.claimOwner.
import { POLL_INTERVAL_MS } from '../../miniprogram/packages/staff/board-model';
import {
  callPageMethod,
  mount,
  sleep,
  tap,
  texts,
  textOf,
  wxApi,
  type Mounted,
} from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { DEMO_STORES } from '../../tools/seed/demo';
import { getJson, goodsNamed, postJson, apiAs } from './support/order-flow';
import { ariaOf } from './support/aria';
import { demoPhone } from './support/demo-phone';
import { becomeOwner } from './support/owner';

const STORE = 'xujiahui';
const OWNER = 'o-ui-board-owner';
const CUSTOMER = 'o-ui-board-customer';
const SETUP_CODE = 'BOARD2TEST';

const demo = demoPhone();

const api = <T>(openid: string, action: string, data: unknown): Promise<T> =>
  apiAs<T>(demo.cloud.url, openid, action, data);

beforeAll(async () => {
  await becomeOwner(demo.cloud.url, OWNER, SETUP_CODE, STORE);
}, 60_000);

beforeEach(() => {
  demo.device.storage.set('storefront.devOpenid', OWNER); // this phone is the owner's
  jest.restoreAllMocks();
});

/** A customer orders an espresso for pickup and pays in the sandbox. */
async function customerPays(): Promise<{ orderId: string; pickupNo: string }> {
  const draft = {
    storeId: STORE,
    mode: 'pickup',
    pickup: { asap: true },
    lines: [{ goodsId: goodsNamed('意式浓缩')._id, qty: 1 }],
    remark: '少冰',
  };
  const { order } = await api<{ order: { _id: string } }>(CUSTOMER, 'order.create', draft);
  await api(CUSTOMER, 'order.pay', { orderId: order._id });
  await postJson(`${demo.cloud.url}/pay/${order._id}/succeed`, {});
  // The pickup number comes with the payment.
  const { order: paid } = await api<{ order: { pickupNo: string } }>(CUSTOMER, 'order.detail', {
    orderId: order._id,
  });
  expect(paid.pickupNo).toMatch(/^A\d{3,}$/);
  return { orderId: order._id, pickupNo: paid.pickupNo };
}

async function openBoard(): Promise<Mounted> {
  const page = mount('packages/staff/pages/board/index');
  callPageMethod(page, 'onLoad', { storeId: STORE });
  callPageMethod(page, 'onShow');
  await settle(demo.device, sleep);
  return page;
}

async function showTab(page: Mounted, tab: string): Promise<void> {
  callPageMethod(page, 'onTabChange', { detail: { value: tab } });
  await settle(demo.device, sleep);
}

const pickupNumbers = (page: Mounted) => texts(page, 'board-card__no');

it('shows a paid order within the poll interval, rings, and moves it across the tabs', async () => {
  const vibrate = jest.spyOn(wxApi(), 'vibrateLong');
  const page = await openBoard();
  expect(pickupNumbers(page)).toEqual([]);

  const { orderId, pickupNo } = await customerPays();
  const paidAt = Date.now();
  while (!pickupNumbers(page).includes(pickupNo) && Date.now() - paidAt < 5000) await sleep(100);
  expect(pickupNumbers(page)).toContain(pickupNo);
  expect(Date.now() - paidAt).toBeLessThan(5000);
  expect(POLL_INTERVAL_MS).toBeLessThanOrEqual(3000);
  expect(vibrate).toHaveBeenCalled(); // the new-order alert
  expect(texts(page, 'board-card__remark')).toEqual(['备注：少冰']);
  expect(texts(page, 't-tabs__item')[0]).toContain('新订单 1');

  await tap(page, '.board-card__action--accept', '.t-button');
  await settle(demo.device, sleep);
  expect(pickupNumbers(page)).toEqual([]);
  await showTab(page, 'accepted');
  expect(pickupNumbers(page)).toEqual([pickupNo]);

  await tap(page, '.board-card__action--ready', '.t-button');
  await settle(demo.device, sleep);
  await showTab(page, 'ready');
  expect(pickupNumbers(page)).toEqual([pickupNo]);

  await tap(page, '.board-card__action--complete', '.t-button');
  await settle(demo.device, sleep);
  expect(pickupNumbers(page)).toEqual([]);
  await showTab(page, 'done');
  expect(pickupNumbers(page)).toEqual([pickupNo]);
  callPageMethod(page, 'onHide');

  const messages = await getJson<Array<Record<string, unknown>>>(
    `${demo.cloud.url}/console/api/collections/messages`,
  );
  const told = messages.filter((m) => m.orderId === orderId && m.to === 'customer');
  expect(told.map((m) => m.kind).sort()).toEqual(['order_accepted', 'order_ready']);
  expect(told.every((m) => m.openid === CUSTOMER)).toBe(true);
  const order = await api<{
    order: { status: string; statusLog: Array<{ to: string; by: string }> };
  }>(CUSTOMER, 'order.detail', { orderId });
  expect(order.order.status).toBe('completed');
  expect(order.order.statusLog.slice(-3)).toEqual([
    expect.objectContaining({ to: 'accepted', by: OWNER }),
    expect.objectContaining({ to: 'ready', by: OWNER }),
    expect.objectContaining({ to: 'completed', by: OWNER }),
  ]);
});

it('highlights an order that arrives while open until its card is touched; quantities and the remark stand out', async () => {
  const first = await customerPays();
  const page = await openBoard();
  callPageMethod(page, 'onHide'); // polls by hand from here
  const unseen = () => texts(page, 'board-card--unseen').length;
  expect(pickupNumbers(page)).toContain(first.pickupNo);
  expect(texts(page, 'board-card__new')).toEqual([]); // there on opening: not new to anyone

  const vibrate = jest.spyOn(wxApi(), 'vibrateLong');
  const second = await customerPays();
  await callPageMethod(page, 'refresh');
  await settle(demo.device, sleep);
  expect(vibrate).toHaveBeenCalledTimes(1);
  expect(texts(page, 'board-card__new')).toEqual(['新']);
  expect(unseen()).toBe(1);
  const index = pickupNumbers(page).indexOf(second.pickupNo);
  const card = () => page.querySelectorAll('.board-card')[index];
  expect(texts(card(), 'board-card__new')).toEqual(['新']);
  expect(texts(card(), 'board-card__qty')).toEqual(['×1']);
  expect(texts(card(), 'board-card__remark')).toEqual(['备注：少冰']);

  // Still new on the next poll and after a look at another tab: nobody has touched it.
  await callPageMethod(page, 'refresh');
  await showTab(page, 'accepted');
  await showTab(page, 'new');
  callPageMethod(page, 'onHide');
  expect(texts(page, 'board-card__new')).toEqual(['新']);
  card().dispatchEvent('tap');
  await settle(demo.device, sleep);
  expect(texts(page, 'board-card__new')).toEqual([]);
  expect(unseen()).toBe(0);
  for (const { orderId } of [first, second]) {
    await api(OWNER, 'staff.accept', { storeId: STORE, orderId });
  }
});

it('refunds are outlined and apart from the forward move, which sits at the far right', async () => {
  const { pickupNo, orderId } = await customerPays();
  const page = await openBoard();
  callPageMethod(page, 'onHide');
  const index = pickupNumbers(page).indexOf(pickupNo);
  const buttons = ['reject', 'accept'].map((action) => {
    const host = page.querySelectorAll(`.board-card__action--${action}`)[index];
    const button = host.querySelector('.t-button');
    return {
      label: button?.dom?.textContent?.trim(),
      outlined: button?.dom?.className.includes('t-button--outline') ?? false,
      filled: button?.dom?.className.includes('t-button--base') ?? false,
    };
  });
  const actions = buttons.filter((b) => b.label === '接单' || b.label === '拒单退款');
  expect(actions).toEqual([
    { label: '拒单退款', outlined: true, filled: false },
    { label: '接单', outlined: false, filled: true },
  ]);
  await api(OWNER, 'staff.accept', { storeId: STORE, orderId });
});

it('one header with the tabs; 标记售罄 and 更多 below; sold out in two taps from the board', async () => {
  const page = await openBoard();
  callPageMethod(page, 'onHide');
  expect(page.querySelector('.board__links')).toBeUndefined();
  expect(ariaOf(page.querySelector('.board__more'))).toMatchObject({
    role: 'button',
    label: '更多：商品、门店、桌码、今日经营、店员、打印、桌台',
  });
  expect(textOf(page, '.board__sold-out')).toBe('标记售罄');

  // 更多 lists the console's pages; choosing one opens it for this store.
  const navigate = jest.spyOn(wxApi(), 'navigateTo');
  const sheet = jest
    .spyOn(wxApi(), 'showActionSheet')
    .mockImplementation(((options: { itemList: string[] }) =>
      Promise.resolve({ tapIndex: options.itemList.indexOf('今日'), errMsg: '' })) as never);
  await tap(page, '.board__more');
  await settle(demo.device, sleep);
  expect(sheet).toHaveBeenCalledWith(
    expect.objectContaining({
      itemList: expect.arrayContaining(['商品', '门店', '桌码', '今日', '店员']),
    }),
  );
  expect(navigate).toHaveBeenLastCalledWith(
    expect.objectContaining({ url: `/packages/staff/pages/today/index?storeId=${STORE}` }),
  );
  await sleep(1100); // navigateOnce opens one page per second (a double tap opens one)

  // Tap 1: 标记售罄 opens the goods page's switches.
  await tap(page, '.board__sold-out');
  const url = (navigate.mock.lastCall as unknown as [{ url: string }])[0].url;
  expect(url).toBe(`/packages/staff/pages/goods/index?storeId=${STORE}`);
  const goods = mount('packages/staff/pages/goods/index');
  callPageMethod(goods, 'onLoad', {
    storeId: new URL(url, 'https://x').searchParams.get('storeId'),
  });
  await settle(demo.device, sleep);
  // Tap 2: the item's 售罄 switch.
  const rows = goods.data.goods as Array<{ id: string; name: string }>;
  const index = rows.findIndex((row) => row.name === '意式浓缩');
  const switches = goods.querySelectorAll('.goods-row__sold-out');
  switches[index].querySelector('.t-switch')?.dispatchEvent('tap');
  await settle(demo.device, sleep);
  const menu = await api<{ goods: Array<{ _id: string; soldOut: boolean }> }>(
    CUSTOMER,
    'catalog.home',
    { storeId: STORE },
  );
  expect(menu.goods.find((g) => g._id === rows[index].id)?.soldOut).toBe(true);
  await api(OWNER, 'staff.goods.update', {
    storeId: STORE,
    goodsId: rows[index].id,
    soldOut: false,
  });
});

it('stops polling while hidden', async () => {
  const page = await openBoard();
  callPageMethod(page, 'onHide');
  const before = demo.device.calls().length;
  await sleep(POLL_INTERVAL_MS + 500);
  expect(demo.device.calls().length).toBe(before);
});

it('a tab tapped while a poll is on its way shows that tab at once, not a poll later', async () => {
  const { orderId, pickupNo } = await customerPays();
  await api(OWNER, 'staff.accept', { storeId: STORE, orderId });
  const page = await openBoard();
  callPageMethod(page, 'onHide'); // polls by hand from here
  void callPageMethod(page, 'refresh'); // the new tab's poll is on its way…
  callPageMethod(page, 'onTabChange', { detail: { value: 'accepted' } }); // …when staff tap a tab
  await settle(demo.device, sleep);
  expect(pickupNumbers(page)).toContain(pickupNo);
});

it('clears the network error banner on the next poll that works', async () => {
  const page = await openBoard();
  callPageMethod(page, 'onHide'); // polls by hand from here
  demo.device.setOffline(true);
  await callPageMethod(page, 'refresh');
  await sleep(0); // drawn on the next turn
  expect(texts(page, 'board__error')).toEqual(['网络不给力，请检查网络后重试']);
  demo.device.setOffline(false);
  await callPageMethod(page, 'refresh'); // same orders as before the failure
  await settle(demo.device, sleep);
  expect(texts(page, 'board__error')).toEqual([]);
});

it('rings for an order it has not seen, even when an accept elsewhere keeps the count', async () => {
  const first = await customerPays();
  const vibrate = jest.spyOn(wxApi(), 'vibrateLong');
  const page = await openBoard();
  callPageMethod(page, 'onHide'); // polls by hand from here
  expect(pickupNumbers(page)).toContain(first.pickupNo);
  const count = texts(page, 't-tabs__item')[0];
  expect(vibrate).not.toHaveBeenCalled(); // not for what is already there on opening

  // Within one poll interval: another phone accepts the first order, a second one is paid.
  await api(OWNER, 'staff.accept', { storeId: STORE, orderId: first.orderId });
  const second = await customerPays();
  await callPageMethod(page, 'refresh');
  await settle(demo.device, sleep);
  expect(pickupNumbers(page)).toContain(second.pickupNo);
  expect(pickupNumbers(page)).not.toContain(first.pickupNo);
  expect(texts(page, 't-tabs__item')[0]).toBe(count);
  expect(vibrate).toHaveBeenCalledTimes(1);

  await callPageMethod(page, 'refresh'); // nothing new: no second ring
  expect(vibrate).toHaveBeenCalledTimes(1);
  await api(OWNER, 'staff.accept', { storeId: STORE, orderId: second.orderId });
});

it('keeps the screen on while shown; the alert sounds through iOS silent mode', async () => {
  const keepOn = jest.spyOn(wxApi(), 'setKeepScreenOn');
  const audio = jest.spyOn(wxApi(), 'setInnerAudioOption');
  const page = await openBoard();
  expect(keepOn).toHaveBeenLastCalledWith(expect.objectContaining({ keepScreenOn: true }));
  callPageMethod(page, 'onHide');
  expect(keepOn).toHaveBeenLastCalledWith(expect.objectContaining({ keepScreenOn: false }));
  callPageMethod(page, 'onShow');
  expect(keepOn).toHaveBeenLastCalledWith(expect.objectContaining({ keepScreenOn: true }));
  callPageMethod(page, 'onHide');
  expect(audio).toHaveBeenCalledTimes(1);
  expect(audio).toHaveBeenCalledWith(expect.objectContaining({ obeyMuteSwitch: false }));
});

describe('the "me" tab', () => {
  async function openMe(): Promise<Mounted> {
    const page = mount('pages/me/index');
    callPageMethod(page, 'onShow');
    await settle(demo.device, sleep);
    return page;
  }

  it('shows the staff console entry to staff only, as the server says', async () => {
    const ownerMe = await openMe();
    const titles = (page: Mounted) => texts(page, 't-cell__title-text');
    expect(titles(ownerMe)).toContain(`店员入口 · ${DEMO_STORES[0].name}`);
    const navigate = jest.spyOn(wxApi(), 'navigateTo');
    await tap(ownerMe, '.staff-entry__store', '.t-cell');
    expect(navigate).toHaveBeenCalledWith(
      expect.objectContaining({ url: `/packages/staff/pages/board/index?storeId=${STORE}` }),
    );

    demo.device.storage.set('storefront.devOpenid', CUSTOMER);
    const customerMe = await openMe();
    expect(titles(customerMe).filter((t) => t.startsWith('店员入口'))).toEqual([]);
    expect(texts(customerMe, 'staff-join')).toEqual(['我是店员 · 输入邀请码']);
    expect(demo.device.calls()).toContain('staff.me');
  });
});

it('a rejected order is refunded with the reason staff typed, and its customer reads it', async () => {
  const page = await openBoard();
  const { orderId, pickupNo } = await customerPays();
  await showTab(page, 'new');
  expect(pickupNumbers(page)).toContain(pickupNo);
  const modal = jest.spyOn(wxApi(), 'showModal').mockImplementation(((options: {
    success?: (res: { confirm: boolean; content: string }) => void;
  }) => {
    const res = { confirm: true, cancel: false, content: ' 燕麦奶用完了 ', errMsg: 'showModal:ok' };
    options.success?.(res);
    return Promise.resolve(res);
  }) as never);
  const index = pickupNumbers(page).indexOf(pickupNo);
  const rejects = page.querySelectorAll('.board-card__action--reject');
  rejects[index].querySelector('.t-button')?.dispatchEvent('tap');
  await settle(demo.device, sleep);
  expect(modal).toHaveBeenCalledWith(
    expect.objectContaining({ editable: true, title: '拒单并原路退款' }),
  );
  expect(pickupNumbers(page)).not.toContain(pickupNo);
  callPageMethod(page, 'onHide');

  const detail = mount('packages/order/pages/detail/index');
  demo.device.storage.set('storefront.devOpenid', CUSTOMER);
  callPageMethod(detail, 'onLoad', { id: orderId });
  await settle(demo.device, sleep);
  expect(textOf(detail, '.detail__cancel-note')).toBe('原因：燕麦奶用完了');
});
