// What the screens' scenario files share: the demo phone with a camera, the api as any caller,
// orders in each status placed the way customers and staff place them, the store's switches.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { callPageMethod, mount, sleep, type Mounted } from '../../helpers/mount';
import { settle, type Launch } from '../../helpers/wx-device';
import { demoPhone, type DemoPhone } from '../../ui/support/demo-phone';
import { apiAs, goodsNamed, postJson } from '../../ui/support/order-flow';
import { useCamera, type Shot } from './camera';

export const STORE = 'xujiahui';
/** The phone's own identity (local mode reads it from storage), so its orders are its own. */
export const CUSTOMER = 'o-screens-customer';
export const OWNER = 'o-screens-owner';

export interface Scene extends DemoPhone {
  /** Photographs `page` as state `state` of `file`, and fails on a layout problem. */
  shoot(page: Mounted, file: string, state: string, gallery?: boolean): Promise<void>;
  api<T>(openid: string, action: string, data: unknown): Promise<T>;
}

export function scene(group: Shot['group'], options: { launch?: Launch; as?: string } = {}): Scene {
  const demo = demoPhone({ launch: options.launch });
  const camera = useCamera(() => demo.cloud.url);
  const result = {
    async shoot(page: Mounted, file: string, state: string, gallery?: boolean) {
      await camera.shoot(page, { group, page: file, state, gallery });
    },
    api<T>(openid: string, action: string, data: unknown): Promise<T> {
      return apiAs<T>(demo.cloud.url, openid, action, data);
    },
  } as Scene;
  Object.defineProperties(result, {
    cloud: { get: () => demo.cloud },
    device: { get: () => demo.device },
  });
  beforeEach(() => demo.device.storage.set('storefront.devOpenid', options.as ?? CUSTOMER));
  return result;
}

/** Mounts a page, runs its onLoad with `query` (and onShow), and waits for its calls. */
export async function openPage(
  demo: Scene,
  file: string,
  query?: Record<string, string>,
): Promise<Mounted> {
  const page = mount(file);
  if (query) callPageMethod(page, 'onLoad', query);
  if (typeof page.instance.onShow === 'function') callPageMethod(page, 'onShow');
  await settle(demo.device, sleep);
  return page;
}

/** Runs `body` while staff have the demo store closed or paused, then puts it back. */
export async function whileStore(
  demo: Scene,
  status: 'closed' | 'busy',
  body: () => Promise<void>,
): Promise<void> {
  await demo.cloud.update('stores', STORE, {
    statusOverride: { status, until: Date.now() + 2 * 24 * 3600_000 },
  });
  try {
    await body();
  } finally {
    await demo.cloud.update('stores', STORE, { statusOverride: null });
  }
}

/** Makes OWNER the owner of the demo stores, the deploy way (owner-code, then claimOwner). */
export function withOwner(demo: Scene): void {
  beforeAll(async () => {
    const code = 'SCREENS2OWN';
    const tool = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tools/staff/owner-code.ts', '--url', demo.cloud.url, '--code', code],
      { cwd: path.join(__dirname, '../../..'), encoding: 'utf8' },
    );
    if (tool.status !== 0) throw new Error(`owner-code failed: ${tool.stderr}`);
    await demo.api(OWNER, 'staff.claimOwner', { code });
  }, 60_000);
}

type Step = 'pending' | 'paid' | 'accepted' | 'ready' | 'completed' | 'cancelled' | 'refunded';

/** An order by `openid`, taken as far as `step` by the customer, the sandbox and staff. */
export async function orderAt(
  demo: Scene,
  step: Step,
  draft: Record<string, unknown> = {},
  openid = CUSTOMER,
): Promise<string> {
  const { order } = await demo.api<{ order: { _id: string } }>(openid, 'order.create', {
    storeId: STORE,
    mode: 'pickup',
    pickup: { asap: true },
    lines: [
      { goodsId: goodsNamed('意式浓缩')._id, qty: 1 },
      { goodsId: goodsNamed('鸡肉凯撒沙拉')._id, qty: 2 },
    ],
    remark: '少冰，谢谢',
    ...draft,
  });
  const id = order._id;
  if (step === 'pending') return id;
  if (step === 'cancelled') {
    await demo.api(openid, 'order.cancel', { orderId: id });
    return id;
  }
  await demo.api(openid, 'order.pay', { orderId: id });
  await postJson(`${demo.cloud.url}/pay/${id}/succeed`, {});
  const staff = (action: string, data: Record<string, unknown> = {}) =>
    demo.api(OWNER, action, { storeId: STORE, orderId: id, ...data });
  if (step === 'refunded') {
    await staff('staff.reject', { reason: '原料用完了' });
    // The sandbox answers the refund with its callback a moment later.
    for (let tries = 0; tries < 100; tries += 1) {
      const { order: now } = await demo.api<{ order: { status: string } }>(openid, 'order.detail', {
        orderId: id,
      });
      if (now.status === 'refunded') break;
      await sleep(50);
    }
    return id;
  }
  if (step === 'paid') return id;
  await staff('staff.accept');
  if (step === 'accepted') return id;
  await staff('staff.ready');
  if (step === 'ready') return id;
  await staff('staff.complete');
  return id;
}
