// The result page once the customer leaves it: its polling for the payment stops (against the
// real `api` function and the local cloud's pay sandbox); and what a screen reader hears of it.
import { callPageMethod, mount, type Mounted } from '../helpers/mount';
import type { RequestRecord } from '../helpers/wx-device';
import { ariaOf } from './support/aria';
import { demoPhone } from './support/demo-phone';
import { addOnMenu, goodsNamed, postJson, until } from './support/order-flow';

const demo = demoPhone();
const ESPRESSO = goodsNamed('意式浓缩');

/** Every wait of the page's polling (400 + 800 + 1600 + 3200 ms), with room for the requests. */
const WHOLE_POLL_MS = 7_500;

/** An order paid in the sandbox whose money has not arrived: the page keeps polling it. */
async function awaitingPayment(): Promise<string> {
  const openid = demo.device.storage.get('storefront.devOpenid') as string;
  const asPhone = <T>(action: string, data: unknown) =>
    postJson<{ result: { ok: boolean; data: T } }>(
      `${demo.cloud.url}/functions/api`,
      { action, data },
      { 'x-wx-openid': openid },
    ).then((answer) => answer.result.data);
  const { order } = await asPhone<{ order: { _id: string } }>('order.create', {
    storeId: 'xujiahui',
    mode: 'pickup',
    pickup: { asap: true },
    lines: [{ goodsId: ESPRESSO._id, qty: 1 }],
  });
  await asPhone('order.pay', { orderId: order._id });
  return order._id;
}

/** The api actions this phone sent about `orderId`. */
function callsAbout(orderId: string): string[] {
  return demo.device.requests
    .filter((request: RequestRecord) => {
      const body = request.data as { data?: { orderId?: string } } | undefined;
      return body?.data?.orderId === orderId;
    })
    .map((request) => request.action ?? '');
}

function openResult(orderId: string): Mounted {
  const page = mount('packages/order/pages/result/index');
  callPageMethod(page, 'onLoad', { id: encodeURIComponent(orderId), outcome: 'paid' });
  return page;
}

describe('result page', () => {
  it('stops asking about the payment once the page is closed, by onUnload or detach', async () => {
    await addOnMenu(demo.device, ESPRESSO); // the phone's local identity
    const [backed, replaced] = [await awaitingPayment(), await awaitingPayment()];
    const first = openResult(backed);
    const second = openResult(replaced);
    await until(
      demo.device,
      () => callsAbout(backed).length > 0 && callsAbout(replaced).length > 0,
    );
    await until(demo.device, () => demo.device.pending() === 0);

    // Back (the page unloads) and away by redirect (the component detaches), mid-poll.
    callPageMethod(first, 'onUnload');
    second.detach();
    const asked = [callsAbout(backed), callsAbout(replaced)];
    for (const calls of asked) {
      expect(calls[0]).toBe('order.detail');
      expect(calls).not.toContain('order.sync'); // still polling when closed
    }

    await new Promise((resolve) => setTimeout(resolve, WHOLE_POLL_MS));
    await until(demo.device, () => demo.device.pending() === 0);
    expect([callsAbout(backed), callsAbout(replaced)]).toEqual(asked);
    expect(first.data.phase).toBe('checking'); // nothing was set on the closed page
  });

  it('keeps the ✓ ! × mark from the screen reader: the title says it', () => {
    const page = mount('packages/order/pages/result/index');
    expect(ariaOf(page.querySelector('.result__mark'))).toEqual({ hidden: 'true' });
  });
});
