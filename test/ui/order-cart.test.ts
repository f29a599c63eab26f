// The cart around an order, against the real `api` and `payNotify` functions and the local
// cloud's pay sandbox: the lines an order took leave the cart once it is known paid — wherever
// the client learns it — and only those; checking out the same cart again pays the same order.
// Also the result page's time left, the order detail's failed refresh and a quote refused
// because the menu changed.
import type { GoodsSummary } from '../../miniprogram/domain/api';
import { unitPriceFen } from '../../miniprogram/domain/catalog';
import { formatPrice } from '../../miniprogram/domain/money';
import type { CartLine } from '../../miniprogram/stores/cart';
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
import { demoPhone } from './support/demo-phone';
import { addOnMenu, goodsNamed, open, postJson, queryOf, until } from './support/order-flow';

const TABLE_CODE = { scene: 1011, query: { scene: encodeURIComponent('s=xujiahui&t=A2') } };
const demo = demoPhone({ launch: TABLE_CODE });

const ESPRESSO = goodsNamed('意式浓缩');
const BASQUE = goodsNamed('巴斯克芝士蛋糕'); // limited stock

type Spy = jest.SpyInstance;
const spyWx = (name: string): Spy => jest.spyOn(wxApi(), name as never);

/** The sandbox sheet: 0 = 模拟支付成功; null = the customer closes it. */
function sandboxSheet(tapIndex: number | null): Spy {
  return spyWx('showActionSheet').mockImplementation(((options: {
    success: (res: { tapIndex: number }) => void;
    fail: (err: { errMsg: string }) => void;
  }) =>
    setTimeout(() =>
      tapIndex === null
        ? options.fail({ errMsg: 'showActionSheet:fail cancel' })
        : options.success({ tapIndex }),
    )) as never);
}

/** The api function as this phone (its local identity, once it has one), straight from the test. */
async function asPhone<T>(action: string, data: unknown): Promise<T> {
  const openid = demo.device.storage.get('storefront.devOpenid') as string | undefined;
  const answer = await postJson<{ result: { ok: boolean; data: T; error?: unknown } }>(
    `${demo.cloud.url}/functions/api`,
    { action, data },
    openid ? { 'x-wx-openid': openid } : {},
  );
  if (!answer.result.ok) throw new Error(JSON.stringify(answer.result.error));
  return answer.result.data;
}

const cartLines = (): Array<Pick<CartLine, 'goodsId' | 'qty'>> =>
  ((demo.device.storage.get('storefront.cart.xujiahui') ?? []) as CartLine[]).map(
    ({ goodsId, qty }) => ({ goodsId, qty }),
  );

async function openCheckout(): Promise<Mounted> {
  const page = await open(demo.device, 'packages/order/pages/checkout/index');
  await until(demo.device, () => !page.data.quoting && page.data.ready === true);
  return page;
}

/** Mounts the result page the way a redirect to `url` opens it. */
async function openResult(url: string): Promise<Mounted> {
  const result = mount('packages/order/pages/result/index');
  callPageMethod(result, 'onLoad', queryOf(url));
  await until(demo.device, () => result.data.phase !== 'checking');
  return result;
}

/** Taps pay on the checkout; resolves to the result page it redirects to and the order id. */
async function payOnCheckout(checkout: Mounted): Promise<{ result: Mounted; orderId: string }> {
  const redirect = spyWx('redirectTo');
  await tap(checkout, '.checkout__pay', '.t-button');
  await until(demo.device, () => redirect.mock.calls.length > 0);
  const url = (redirect.mock.calls[0][0] as { url: string }).url;
  redirect.mockRestore();
  return { result: await openResult(url), orderId: decodeURIComponent(queryOf(url).id) };
}

/** The orders tab, in an app whose stores app.ts has loaded (as it does at every launch). */
async function openOrdersTab(): Promise<Mounted> {
  const page = mount('pages/orders/index');
  jest.requireActual('../../miniprogram/stores/index');
  callPageMethod(page, 'onShow');
  await settle(demo.device, sleep);
  return page;
}

async function openDetail(orderId: string): Promise<Mounted> {
  const page = mount('packages/order/pages/detail/index');
  callPageMethod(page, 'onLoad', { id: encodeURIComponent(orderId) });
  await until(demo.device, () => page.data.loaded === true && !page.data.loading);
  return page;
}

async function stockOf(goodsId: string): Promise<number | null> {
  const home = await asPhone<{ goods: GoodsSummary[] }>('catalog.home', { storeId: 'xujiahui' });
  return home.goods.find((goods) => goods._id === goodsId)?.stock ?? null;
}

describe('the cart around an order', () => {
  it('a payment confirmed after the result page gave up still takes its lines out — only those', async () => {
    sandboxSheet(null);
    await addOnMenu(demo.device, ESPRESSO);
    const { result, orderId } = await payOnCheckout(await openCheckout());
    expect(result.data.phase).toBe('unpaid');

    // Meanwhile the customer adds another item; then WeChat Pay confirms, late.
    await addOnMenu(demo.device, BASQUE);
    const { order } = await asPhone<{ order: { orderNo: string } }>('order.detail', { orderId });
    await postJson(`${demo.cloud.url}/pay/${order.orderNo}/succeed`, {});
    expect(cartLines()).toEqual([
      { goodsId: ESPRESSO._id, qty: 1 },
      { goodsId: BASQUE._id, qty: 1 },
    ]);

    // The orders tab is where the customer sees it paid: the ordered line goes, the new one stays.
    const orders = await openOrdersTab();
    expect(texts(orders, 'order-card__status')).toEqual(['待接单']);
    expect(cartLines()).toEqual([{ goodsId: BASQUE._id, qty: 1 }]);
  });

  it('closing the pay sheet and checking out again pays the same order: stock held once', async () => {
    const stockBefore = await stockOf(BASQUE._id);
    sandboxSheet(null);
    await addOnMenu(demo.device, BASQUE);
    const first = await payOnCheckout(await openCheckout());
    expect(first.result.data.phase).toBe('unpaid');
    expect(cartLines()).toEqual([{ goodsId: BASQUE._id, qty: 1 }]);

    // Back to the cart, checkout again with the same lines and choices.
    sandboxSheet(0);
    const before = demo.device.calls().length;
    const second = await payOnCheckout(await openCheckout());
    expect(second.orderId).toBe(first.orderId);
    const calls = demo.device.calls().slice(before);
    expect(calls).not.toContain('order.create');
    expect(calls).toEqual(expect.arrayContaining(['order.sync', 'order.pay']));
    expect(textOf(second.result, '.result__title')).toBe('支付成功');

    expect(await stockOf(BASQUE._id)).toBe((stockBefore as number) - 1);
    const { orders } = await asPhone<{ orders: unknown[] }>('order.list', {});
    expect(orders).toHaveLength(1);
    expect(cartLines()).toEqual([]);
  });

  it('a changed cart or changed choices make a new order, as before', async () => {
    sandboxSheet(null);
    await addOnMenu(demo.device, ESPRESSO);
    const first = await payOnCheckout(await openCheckout());

    // Same lines, but pickup instead of dine-in: not the order already made.
    const checkout = await openCheckout();
    checkout.querySelectorAll('.mode')[1].dispatchEvent('tap');
    await until(demo.device, () => !checkout.data.quoting && checkout.data.mode === 'pickup');
    const before = demo.device.calls().length;
    const second = await payOnCheckout(checkout);
    expect(demo.device.calls().slice(before)).toContain('order.create');
    expect(second.orderId).not.toBe(first.orderId);
    expect(textOf(second.result, '.result__title')).toBe('支付未完成');
  });

  it('paying an old pending order leaves the store’s new cart alone', async () => {
    sandboxSheet(null);
    await addOnMenu(demo.device, ESPRESSO);
    const { orderId } = await payOnCheckout(await openCheckout());

    // The customer changes their mind: espresso out, cheesecake in.
    const cart = await open(demo.device, 'packages/order/pages/cart/index');
    cart.querySelectorAll('.cart-line__remove')[0].querySelector('.t-button')?.dispatchEvent('tap');
    await sleep(0);
    await addOnMenu(demo.device, BASQUE);
    expect(cartLines()).toEqual([{ goodsId: BASQUE._id, qty: 1 }]);

    // Then pays the old order from its detail page.
    sandboxSheet(0);
    const detail = await openDetail(orderId);
    const redirect = spyWx('redirectTo');
    await tap(detail, '.detail__pay', '.t-button');
    await until(demo.device, () => redirect.mock.calls.length > 0);
    const result = await openResult((redirect.mock.calls[0][0] as { url: string }).url);
    expect(textOf(result, '.result__title')).toBe('支付成功');
    expect(cartLines()).toEqual([{ goodsId: BASQUE._id, qty: 1 }]);
  });
});

describe('result page: time left', () => {
  it('counts the minutes from expiresAt, and offers a new order when it is too late to pay', async () => {
    sandboxSheet(null);
    await addOnMenu(demo.device, ESPRESSO);
    const { result, orderId } = await payOnCheckout(await openCheckout());
    expect(textOf(result, '.result__hint')).toBe(
      '订单已保留，请在 15 分钟内完成支付，超时将自动取消',
    );

    const url = `/packages/order/pages/result/index?id=${encodeURIComponent(orderId)}&outcome=cancelled`;
    await demo.cloud.update('orders', orderId, { expiresAt: Date.now() + 5 * 60_000 - 5_000 });
    const later = await openResult(url);
    expect(textOf(later, '.result__hint')).toBe(
      '订单已保留，请在 5 分钟内完成支付，超时将自动取消',
    );

    // Under a minute left: order.pay refuses (ORDER_NOT_PAYABLE); no pay button that keeps failing.
    await demo.cloud.update('orders', orderId, { expiresAt: Date.now() + 30_000 });
    const sheet = sandboxSheet(0);
    sheet.mockClear(); // the same spy as the closed sheet's
    await tap(later, '.result__retry', '.t-button');
    await until(demo.device, () => later.data.phase === 'expiring');
    expect(sheet).not.toHaveBeenCalled();
    expect(textOf(later, '.result__title')).toBe('订单即将超时');
    expect(textOf(later, '.result__hint')).toBe('剩余时间不够完成支付，请重新下单');
    expect(later.querySelector('.result__retry')).toBeFalsy();
    const redirect = spyWx('redirectTo');
    await tap(later, '.result__reorder', '.t-button');
    expect(redirect.mock.calls[0][0]).toMatchObject({ url: '/packages/order/pages/cart/index' });

    // The cart still holds the espresso; checking out makes a new order instead of the dying one.
    redirect.mockRestore();
    const before = demo.device.calls().length;
    const again = await payOnCheckout(await openCheckout());
    expect(demo.device.calls().slice(before)).toContain('order.create');
    expect(again.orderId).not.toBe(orderId);
    expect(textOf(again.result, '.result__title')).toBe('支付成功');
    expect(cartLines()).toEqual([]);
  });
});

describe('order detail: a failed refresh', () => {
  it('keeps the order on screen with a note and a retry; only a first load that fails fills the page', async () => {
    await addOnMenu(demo.device, ESPRESSO); // the phone's local identity
    const { order } = await asPhone<{ order: { _id: string } }>('order.create', {
      storeId: 'xujiahui',
      mode: 'pickup',
      pickup: { asap: true },
      lines: [{ goodsId: ESPRESSO._id, qty: 1 }],
    });
    const detail = await openDetail(order._id);
    expect(textOf(detail, '.detail__status')).toBe('待支付');

    // Back on the page while offline: the order stays, the failure is a note with a retry.
    demo.device.setOffline(true);
    callPageMethod(detail, 'onShow');
    await until(demo.device, () => detail.data.errorText !== '' && !detail.data.loading);
    expect(textOf(detail, '.detail__status')).toBe('待支付');
    expect(textOf(detail, '.detail__note-text')).toBe('订单未能刷新：网络不给力，请检查网络后重试');
    expect(detail.querySelector('.detail__error')).toBeFalsy();

    demo.device.setOffline(false);
    await tap(detail, '.detail__note-retry', '.t-button');
    await until(demo.device, () => detail.data.errorText === '' && !detail.data.loading);
    expect(detail.querySelector('.detail__note')).toBeFalsy();
    expect(textOf(detail, '.detail__status')).toBe('待支付');

    // Opened offline: nothing to show, so the error fills the page, with a retry.
    demo.device.setOffline(true);
    const fresh = await openDetail(order._id);
    expect(textOf(fresh, '.detail__error-text')).toBe('网络不给力，请检查网络后重试');
    expect(fresh.querySelector('.detail__status')).toBeFalsy();
    demo.device.setOffline(false);
    await tap(fresh, '.detail__retry', '.t-button');
    await until(demo.device, () => fresh.data.order !== null && !fresh.data.loading);
    expect(textOf(fresh, '.detail__status')).toBe('待支付');
    expect(fresh.querySelector('.detail__error')).toBeFalsy();
  });
});

describe('checkout: a quote refused because the menu changed', () => {
  it('refreshes the menu so the cart flags the item, names it, and quotes the rest', async () => {
    await addOnMenu(demo.device, ESPRESSO, BASQUE);
    const checkout = await openCheckout();
    expect(checkout.data.canPay).toBe(true);

    // Sold out while the customer looks at the checkout; then they switch to pickup.
    await demo.cloud.update('goods', BASQUE._id, { soldOut: true });
    try {
      // SOLD_OUT from order.quote: the cheesecake is flagged and named, the espresso quoted.
      checkout.querySelectorAll('.mode')[1].dispatchEvent('tap');
      await until(
        demo.device,
        () => checkout.data.unavailableNote !== '' && !checkout.data.quoting,
      );
      await until(demo.device, () => checkout.data.canPay === true);
      expect(textOf(checkout, '.checkout__note')).toBe('「巴斯克芝士蛋糕」已下架或售罄，不会下单');
      expect(texts(checkout, 'line__name')).toEqual([ESPRESSO.name]);
      expect(textOf(checkout, '.checkout__total-amount')).toBe(
        formatPrice(unitPriceFen(ESPRESSO) + 100),
      );

      // NOT_FOUND (taken off the shelf) the same way: now nothing is left to order.
      await demo.cloud.update('goods', ESPRESSO._id, { onShelf: false });
      checkout.querySelectorAll('.mode')[0].dispatchEvent('tap');
      await until(
        demo.device,
        () =>
          (checkout.data.unavailableNote as string).includes(ESPRESSO.name) &&
          !checkout.data.quoting,
      );
      expect(textOf(checkout, '.checkout__note')).toBe(
        '「意式浓缩」、「巴斯克芝士蛋糕」已下架或售罄，不会下单',
      );
      expect(checkout.data.canPay).toBe(false);
    } finally {
      await demo.cloud.update('goods', BASQUE._id, { soldOut: false });
      await demo.cloud.update('goods', ESPRESSO._id, { onShelf: true });
    }
  });
});
