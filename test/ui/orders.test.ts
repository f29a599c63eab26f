// Checkout, pay, result, orders tab and order detail against the real `api` and `payNotify`
// functions and the local cloud's WeChat Pay sandbox (local mode: the "模拟支付" sheet).
import { unitPriceFen } from '../../miniprogram/domain/catalog';
import { distanceMeters, formatDistance } from '../../miniprogram/domain/geo';
import { formatPrice } from '../../miniprogram/domain/money';
import { storeLatLng } from '../../miniprogram/domain/order-pricing';
import { DEMO_STORES } from '../../tools/seed/demo';
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
import {
  addOnMenu,
  getJson,
  goodsNamed,
  open,
  placePickupOrder,
  postJson,
  queryOf,
  SAMPLE_ADDRESS,
  until,
} from './support/order-flow';
import { demoPhone } from './support/demo-phone';

const TABLE_CODE = { scene: 1011, query: { scene: encodeURIComponent('s=xujiahui&t=A2') } };
// A fresh phone per test: its own storage, so its own local identity and orders.
const demo = demoPhone({ launch: TABLE_CODE });

const ESPRESSO = goodsNamed('意式浓缩');
const BASQUE = goodsNamed('巴斯克芝士蛋糕');
const XUJIAHUI = DEMO_STORES[0]; // 徐家汇店, the one that delivers

type Spy = jest.SpyInstance;

function spyWx(name: string): Spy {
  return jest.spyOn(wxApi(), name as never);
}

/** The sandbox sheet's choice: 0 = 模拟支付成功, 1 = 模拟支付失败. */
function sandboxSheet(tapIndex: number): Spy {
  return spyWx('showActionSheet').mockImplementation(((options: {
    success: (res: { tapIndex: number }) => void;
  }) => setTimeout(() => options.success({ tapIndex }), 0)) as never);
}

async function openCheckout(): Promise<Mounted> {
  const page = await open(demo.device, 'packages/order/pages/checkout/index');
  await until(demo.device, () => !page.data.quoting && page.data.ready === true);
  return page;
}

/** Taps pay on the checkout and follows its redirect to the result page. */
async function payOnCheckout(
  checkout: Mounted,
  redirect: Spy,
): Promise<{ result: Mounted; orderId: string }> {
  await tap(checkout, '.checkout__pay', '.t-button');
  await until(demo.device, () => redirect.mock.calls.length > 0);
  const url = (redirect.mock.calls[0][0] as { url: string }).url;
  expect(url).toMatch(/^\/packages\/order\/pages\/result\/index\?/);
  const query = queryOf(url);
  const result = mount('packages/order/pages/result/index');
  callPageMethod(result, 'onLoad', query);
  await until(demo.device, () => result.data.phase !== 'checking');
  return { result, orderId: decodeURIComponent(query.id) };
}

async function openOrders(tab = 'all'): Promise<Mounted> {
  const page = mount('pages/orders/index');
  callPageMethod(page, 'onShow');
  await settle(demo.device, sleep);
  if (tab !== 'all') {
    // What t-tabs emits when a tab is tapped.
    callPageMethod(page, 'onTabChange', { detail: { value: tab } });
    await settle(demo.device, sleep);
  }
  return page;
}

async function openDetail(orderId: string): Promise<Mounted> {
  const page = mount('packages/order/pages/detail/index');
  callPageMethod(page, 'onLoad', { id: encodeURIComponent(orderId) });
  await until(demo.device, () => page.data.loaded === true);
  return page;
}

describe('checkout → pay → result → orders → detail', () => {
  it('quotes on the server, pays in the sandbox, and the order shows up paid with its pickup number', async () => {
    const subscribe = spyWx('requestSubscribeMessage');
    const sheet = sandboxSheet(0);
    const redirect = spyWx('redirectTo');
    await addOnMenu(demo.device, ESPRESSO, BASQUE);

    const checkout = await openCheckout();
    const expected = unitPriceFen(ESPRESSO) + unitPriceFen(BASQUE);
    // Dine-in at the table from the code; the server's quote, equal to the cart's total.
    expect(checkout.data.mode).toBe('dine_in');
    expect(checkout.data.tableNo).toBe('A2');
    expect(texts(checkout, 'line__name')).toEqual([ESPRESSO.name, BASQUE.name]);
    expect(textOf(checkout, '.checkout__total-amount')).toBe(formatPrice(expected));
    expect(checkout.data.reasons).toEqual([]);
    expect(checkout.data.canPay).toBe(true);
    expect(demo.device.calls()).toContain('order.quote');

    const { result, orderId } = await payOnCheckout(checkout, redirect);
    // No template ids configured (local mode): no subscribe dialog; the sandbox sheet instead.
    expect(subscribe).not.toHaveBeenCalled();
    expect(sheet).toHaveBeenCalledTimes(1);
    expect(demo.device.calls()).toEqual(expect.arrayContaining(['order.create', 'order.pay']));

    expect(textOf(result, '.result__title')).toBe('支付成功');
    // Launched from a table code (1011): WeChat will show the OA follow card, so room is made.
    expect(result.querySelector('.result__follow')).toBeTruthy();
    // The pickup number is the hero, with what to do next, then the amount and the items.
    const pickupNo = textOf(result, '.result__pickup-no');
    expect(pickupNo).toMatch(/^[A-Z]?\d+$/);
    expect(textOf(result, '.result__handover')).toBe('做好后送到 A2 桌');
    expect(textOf(result, '.result__total-amount')).toBe(formatPrice(expected));
    expect(texts(result, 'result__item')).toEqual([`${ESPRESSO.name}×1`, `${BASQUE.name}×1`]);

    // The payment went through the sandbox, and the store's cart is empty now.
    const payments = await getJson<Array<{ state: string; totalFee: number }>>(
      `${demo.cloud.url}/pay`,
    );
    expect(payments.some((p) => p.state === 'SUCCESS' && p.totalFee === expected)).toBe(true);
    expect(demo.device.storage.get('storefront.cart.xujiahui') ?? []).toEqual([]);

    const orders = await openOrders();
    expect(texts(orders, 'order-card__pickup')).toEqual([pickupNo]);
    expect(texts(orders, 'order-card__status')).toEqual(['待接单']);
    expect(textOf(orders, '.order-card__items')).toContain(ESPRESSO.name);
    expect(textOf(orders, '.order-card__total')).toContain(formatPrice(expected));

    const detail = await openDetail(orderId);
    expect(textOf(detail, '.detail__status')).toBe('待接单');
    expect(textOf(detail, '.detail__pickup-no')).toBe(pickupNo);
    expect(textOf(detail, '.detail__handover')).toBe('做好后送到 A2 桌');
    expect(textOf(detail, '.detail__table')).toBe('A2 · 1 人');
    expect(textOf(detail, '.amount__total')).toBe(formatPrice(expected));
    // Progress: done steps named as done, the current one by what is happening, later ones to come.
    expect(texts(detail, 't-steps-item__title')).toEqual([
      '已下单',
      '已支付',
      '待接单',
      '已出餐',
      '已完成',
    ]);
    expect(texts(detail, 't-steps-item__title--process')).toEqual(['待接单']);
    expect(textOf(detail, '.detail__status')).toBe('待接单');
    // Paid, not yet accepted: a refund request, no pay button.
    expect(detail.querySelector('.detail__cancel')).toBeTruthy();
    expect(texts(detail, 't-button__content')).toEqual(['联系门店', '申请退款']);
    const call = spyWx('makePhoneCall');
    await tap(detail, '.detail__call', '.t-button');
    await until(demo.device, () => call.mock.calls.length > 0);
    expect(call.mock.calls[0][0]).toMatchObject({ phoneNumber: '021-64281234' });
    expect(detail.querySelector('.detail__pay')).toBeFalsy();
  });

  it('explains a total that differs from the cart: a price changed before paying, and fees', async () => {
    await addOnMenu(demo.device, ESPRESSO);
    const checkout = await openCheckout();
    expect(textOf(checkout, '.checkout__total-amount')).toBe(formatPrice(unitPriceFen(ESPRESSO)));

    await demo.cloud.update('goods', ESPRESSO._id, { priceFen: 2000 });
    try {
      const redirect = spyWx('redirectTo');
      // The quote on screen is stale: create refuses (PRICE_CHANGED), the page re-quotes.
      await tap(checkout, '.checkout__pay', '.t-button');
      await until(
        demo.device,
        () =>
          checkout.data.amounts !== null &&
          !checkout.data.quoting &&
          (checkout.data.reasons as string[]).length > 0,
      );
      expect(redirect).not.toHaveBeenCalled();
      expect(textOf(checkout, '.checkout__differs-title')).toBe(
        '商品价格有变动，购物车里是 ¥18.00：',
      );
      expect(texts(checkout, 'checkout__reason')).toEqual(['「意式浓缩」单价 ¥18.00 → ¥20.00']);
      expect(textOf(checkout, '.checkout__total-amount')).toBe('¥20.00');

      // Pickup adds the packaging fee as an ordinary line: the notice names only the price.
      checkout.querySelectorAll('.mode')[1].dispatchEvent('tap');
      await until(demo.device, () => !checkout.data.quoting && checkout.data.mode === 'pickup');
      expect(texts(checkout, 'checkout__reason')).toEqual(['「意式浓缩」单价 ¥18.00 → ¥20.00']);
      expect(textOf(checkout, '.amount__packaging')).toBe('¥1.00');
      expect(textOf(checkout, '.checkout__total-amount')).toBe('¥21.00');

      // Nothing was ordered.
      const orders = await openOrders();
      expect(orders.querySelectorAll('.order-card')).toHaveLength(0);
      expect(orders.querySelector('.orders__empty')).toBeTruthy();
    } finally {
      await demo.cloud.update('goods', ESPRESSO._id, { priceFen: ESPRESSO.priceFen });
    }
  });

  it('shows the server’s sold-out message, creates no order, and flags the line', async () => {
    await addOnMenu(demo.device, ESPRESSO, BASQUE);
    const checkout = await openCheckout();
    expect(checkout.data.canPay).toBe(true);

    // Sold out while the customer looks at the checkout: the create is refused.
    await demo.cloud.update('goods', BASQUE._id, { soldOut: true });
    try {
      const redirect = spyWx('redirectTo');
      const setData = jest.spyOn(checkout.instance as { setData: (d: object) => void }, 'setData');
      const before = demo.device.calls().length;
      await tap(checkout, '.checkout__pay', '.t-button');
      await until(
        demo.device,
        () =>
          demo.device.calls().slice(before).includes('order.create') &&
          !checkout.data.paying &&
          checkout.data.unavailableNote !== '' &&
          !checkout.data.quoting,
      );
      // The server's message first; then the refreshed menu flags the line, and the rest is quoted.
      const errors = setData.mock.calls.map(
        (call) => (call[0] as { errorText?: string }).errorText,
      );
      expect(errors).toContainEqual(expect.stringContaining(`「${BASQUE.name}」已售罄`));
      expect(textOf(checkout, '.checkout__note')).toBe(`「${BASQUE.name}」已下架或售罄，不会下单`);
      expect(texts(checkout, 'line__name')).toEqual([ESPRESSO.name]);
      expect(checkout.data.canPay).toBe(true);
      expect(redirect).not.toHaveBeenCalled();
      expect(demo.device.calls().slice(before)).not.toContain('order.pay');

      // A fresh checkout sees the refreshed menu: the sold-out line is left out, and said so.
      const again = await openCheckout();
      expect(textOf(again, '.checkout__note')).toBe(`「${BASQUE.name}」已下架或售罄，不会下单`);
      expect(texts(again, 'line__name')).toEqual([ESPRESSO.name]);

      const orders = await openOrders();
      expect(orders.querySelectorAll('.order-card')).toHaveLength(0);
    } finally {
      await demo.cloud.update('goods', BASQUE._id, { soldOut: false });
    }
  });

  it('cancels a paid order not yet accepted: refunding or refunded, in detail and list', async () => {
    sandboxSheet(0);
    const redirect = spyWx('redirectTo');
    await addOnMenu(demo.device, ESPRESSO);
    const { orderId } = await payOnCheckout(await openCheckout(), redirect);

    const detail = await openDetail(orderId);
    spyWx('showModal').mockImplementation(((options: {
      success: (res: { confirm: boolean }) => void;
    }) => options.success({ confirm: true })) as never);
    await tap(detail, '.detail__cancel', '.t-button');
    await until(
      demo.device,
      () => detail.data.busy === false && demo.device.calls().includes('order.cancel'),
    );
    const label = textOf(detail, '.detail__status');
    expect(['退款中', '已退款']).toContain(label);
    expect(textOf(detail, '.detail__refund')).toContain(formatPrice(unitPriceFen(ESPRESSO)));
    // The progress ends where it stopped: paid, then the refund.
    const steps = texts(detail, 't-steps-item__title');
    expect(steps.slice(0, 2)).toEqual(['已下单', '已支付']);
    expect(['退款中', '已退款']).toContain(steps[2]);
    expect(steps).toHaveLength(3);
    expect(detail.querySelector('.detail__cancel')).toBeFalsy();

    // The refund tab lists it with the status the server has now.
    const fresh = await openDetail(orderId);
    const now = textOf(fresh, '.detail__status');
    const refunds = await openOrders('closed');
    expect(texts(refunds, 'order-card__status')).toEqual([now]);
    const inProgress = await openOrders('in_progress');
    expect(inProgress.querySelectorAll('.order-card')).toHaveLength(0);
  });

  it('an unpaid order shows 去支付 with its minutes left in the list and the detail; paying starts from the list', async () => {
    const { result } = await (async () => {
      spyWx('showActionSheet').mockImplementation(((options: {
        fail: (err: { errMsg: string }) => void;
      }) => setTimeout(() => options.fail({ errMsg: 'showActionSheet:fail cancel' }), 0)) as never);
      const redirect = spyWx('redirectTo');
      await addOnMenu(demo.device, ESPRESSO);
      return payOnCheckout(await openCheckout(), redirect);
    })();
    expect(textOf(result, '.result__title')).toBe('支付未完成');

    const orders = await openOrders('pending_payment');
    expect(texts(orders, 'order-card__status')).toEqual(['待支付']);
    const pay = orders.querySelector('.order-card__pay');
    expect(pay?.querySelector('.t-button')?.dom?.textContent?.trim()).toMatch(
      /^去支付（剩 1[45] 分钟）$/,
    );
    const navigate = spyWx('navigateTo');
    await tap(orders, '.order-card__pay', '.t-button');
    const url = (navigate.mock.calls[0][0] as { url: string }).url;
    expect(url).toMatch(/^\/packages\/order\/pages\/detail\/index\?id=.+&pay=1$/);

    // The detail opened that way shows 去支付 with its minutes and puts up the pay sheet itself.
    const sheet = sandboxSheet(0); // the same spy as the closed sheet's: count from here
    const sheetsBefore = sheet.mock.calls.length;
    const redirect = spyWx('redirectTo');
    const before = redirect.mock.calls.length;
    const detail = mount('packages/order/pages/detail/index');
    callPageMethod(detail, 'onLoad', queryOf(url));
    await until(demo.device, () => redirect.mock.calls.length > before);
    expect(sheet.mock.calls.length - sheetsBefore).toBe(1);
    expect((detail.data.order as { payLabel: string }).payLabel).toMatch(
      /^去支付（剩 1[45] 分钟）$/,
    );
    expect((redirect.mock.calls[before][0] as { url: string }).url).toMatch(/result\/index\?/);
  });

  it('a closed payment sheet leaves the order pending, and paying again from the result works', async () => {
    spyWx('showActionSheet').mockImplementation(((options: {
      fail: (err: { errMsg: string }) => void;
    }) => setTimeout(() => options.fail({ errMsg: 'showActionSheet:fail cancel' }), 0)) as never);
    const redirect = spyWx('redirectTo');
    await addOnMenu(demo.device, ESPRESSO);
    const { result, orderId } = await payOnCheckout(await openCheckout(), redirect);
    expect(textOf(result, '.result__title')).toBe('支付未完成');
    expect(demo.device.storage.get('storefront.cart.xujiahui')).not.toEqual([]);

    sandboxSheet(0);
    await tap(result, '.result__retry', '.t-button');
    await until(demo.device, () => result.data.phase === 'paid');
    expect(textOf(result, '.result__title')).toBe('支付成功');

    const detail = await openDetail(orderId);
    expect(textOf(detail, '.detail__status')).toBe('待接单');
  });

  it('delivery asks for the address and its doorstep on tap, and shows the server’s fees or its refusal', async () => {
    const chooseAddress = spyWx('chooseAddress').mockImplementation(((options: {
      success: (res: Record<string, string>) => void;
    }) => setTimeout(() => options.success(SAMPLE_ADDRESS))) as never);
    // The doorstep pinned on the map, wherever the phone is.
    let position = { latitude: 31.2, longitude: 121.44 }; // about 0.5 km from 徐家汇店
    const chooseLocation = spyWx('chooseLocation').mockImplementation(((options: {
      success: (res: { latitude: number; longitude: number; name: string }) => void;
    }) => setTimeout(() => options.success({ ...position, name: '漕溪北路 100 号' }))) as never);
    const getLocation = spyWx('getLocation');
    await addOnMenu(demo.device, ESPRESSO, BASQUE);
    const checkout = await openCheckout();
    checkout.querySelectorAll('.mode')[2].dispatchEvent('tap');
    await settle(demo.device, sleep);
    expect(chooseAddress).not.toHaveBeenCalled();
    expect(textOf(checkout, '.checkout__missing')).toBe('请选择收货地址');
    expect(checkout.data.canPay).toBe(false);

    await tap(checkout, '.checkout__address');
    await until(demo.device, () => checkout.data.amounts !== null && !checkout.data.quoting);
    expect(textOf(checkout, '.checkout__address-value')).toContain('漕溪北路 100 号');
    expect(textOf(checkout, '.amount__delivery')).toBe('¥5.00');
    expect(textOf(checkout, '.amount__packaging')).toBe('¥1.00');
    // Written the way home writes a store's distance (domain/geo), e.g. "距门店 520m".
    const meters = distanceMeters(storeLatLng(XUJIAHUI), { lat: 31.2, lng: 121.44 });
    expect(textOf(checkout, '.checkout__distance')).toBe(`距门店 ${formatDistance(meters)}`);
    const items = unitPriceFen(ESPRESSO) + unitPriceFen(BASQUE);
    expect(textOf(checkout, '.checkout__total-amount')).toBe(formatPrice(items + 600));
    expect(checkout.data.canPay).toBe(true);
    expect(chooseLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: expect.any(Number), longitude: expect.any(Number) }),
    );
    expect(getLocation).not.toHaveBeenCalled(); // the phone's own position plays no part

    // Too far: the server's refusal, word for word, and no pay button.
    position = { latitude: 31.3, longitude: 121.6 };
    await tap(checkout, '.checkout__address');
    await until(demo.device, () => !checkout.data.quoting && checkout.data.errorText !== '');
    expect(textOf(checkout, '.checkout__error')).toMatch(/超出配送范围 3000 米/);
    expect(checkout.data.canPay).toBe(false);

    // Map closed without a pin: say what is needed.
    chooseLocation.mockImplementation(((options: { fail: (err: { errMsg: string }) => void }) =>
      setTimeout(() => options.fail({ errMsg: 'chooseLocation:fail cancel' }))) as never);
    await tap(checkout, '.checkout__address');
    await until(demo.device, () => String(checkout.data.errorText).startsWith('请在地图上'));
    expect(textOf(checkout, '.checkout__error')).toBe('请在地图上选好送达位置，用来计算配送距离');
  });

  it('the orders tab pages ten at a time, and the next ten on reaching the bottom', async () => {
    await addOnMenu(demo.device, ESPRESSO); // the first call gives this phone its local identity
    const openid = demo.device.storage.get('storefront.devOpenid') as string;
    for (let i = 0; i < 12; i += 1) {
      const answer = await placePickupOrder(demo.cloud.url, openid, ESPRESSO._id);
      expect(answer.result.ok).toBe(true);
    }
    const orders = await openOrders();
    expect(orders.querySelectorAll('.order-card')).toHaveLength(10);
    expect(texts(orders, 'order-card__status')[0]).toBe('待支付');

    callPageMethod(orders, 'onReachBottom');
    await settle(demo.device, sleep);
    expect(orders.querySelectorAll('.order-card')).toHaveLength(12);
    const shown = (orders.instance.data as { orders: Array<{ id: string }> }).orders;
    expect(new Set(shown.map((card) => card.id)).size).toBe(12); // no order twice
    expect(textOf(orders, '.orders__more')).toBe('没有更多了');
  });

  it('the result page polls, then asks the server to query WeChat Pay, and says it is still waiting', async () => {
    await addOnMenu(demo.device, ESPRESSO);
    const openid = demo.device.storage.get('storefront.devOpenid') as string;
    const callAsPhone = <T>(action: string, data: unknown) =>
      postJson<{ result: { ok: boolean; data: T } }>(
        `${demo.cloud.url}/functions/api`,
        { action, data },
        { 'x-wx-openid': openid },
      ).then((answer) => answer.result.data);
    const { order } = await callAsPhone<{ order: { _id: string; orderNo: string } }>(
      'order.create',
      {
        storeId: 'xujiahui',
        mode: 'pickup',
        pickup: { asap: true },
        lines: [{ goodsId: ESPRESSO._id, qty: 1 }],
      },
    );
    await callAsPhone('order.pay', { orderId: order._id }); // a sandbox payment, not paid yet

    // The sheet said "paid" but no callback has come: poll, then one active query.
    const before = demo.device.calls().length;
    const result = mount('packages/order/pages/result/index');
    callPageMethod(result, 'onLoad', { id: encodeURIComponent(order._id), outcome: 'paid' });
    await until(demo.device, () => result.data.phase !== 'checking');
    const calls = demo.device.calls().slice(before);
    expect(calls.filter((c) => c === 'order.detail').length).toBeGreaterThanOrEqual(3);
    expect(calls.at(-1)).toBe('order.sync');
    expect(calls.filter((c) => c === 'order.sync')).toHaveLength(1);
    expect(textOf(result, '.result__title')).toBe('支付结果确认中');

    // The money arrives; a refresh shows it.
    await postJson(`${demo.cloud.url}/pay/${order.orderNo}/succeed`, {});
    await tap(result, '.result__refresh', '.t-button');
    await until(demo.device, () => result.data.phase === 'paid');
    expect(textOf(result, '.result__title')).toBe('支付成功');
  });
});
