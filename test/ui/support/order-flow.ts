// Shared steps of the order page tests: put goods in the cart on the menu, wait for a page to do
// something, read the local cloud's pay sandbox.
import http from 'node:http';
import type { Goods } from '../../../miniprogram/domain/catalog';
import type { MenuSection } from '../../../miniprogram/pages/menu/sections';
import { demoData } from '../../../tools/seed/demo';
import { mount, sleep, tap, wxApi, type Mounted } from '../../helpers/mount';
import { settle, type WxDevice } from '../../helpers/wx-device';

export const goodsNamed = (name: string, storeId = 'xujiahui'): Goods =>
  (demoData.goods as unknown as Goods[]).find(
    (g) => g.name === name && g.storeId === storeId,
  ) as Goods;

export async function open(device: WxDevice, path: string): Promise<Mounted> {
  const page = mount(path);
  await settle(device, sleep);
  return page;
}

/** Puts one of each goods (without specs) into the cart the way a customer does: "+" on the menu. */
export async function addOnMenu(device: WxDevice, ...goods: Goods[]): Promise<void> {
  const menu = await open(device, 'pages/menu/index');
  for (const item of goods) {
    const qty = menu.data.qty as Record<string, number>;
    const plusCards = (menu.data.sections as MenuSection[])
      .flatMap((section) => section.goods)
      .filter((card) => !card.soldOut && !card.picker && !qty[card.id]);
    const index = plusCards.findIndex((card) => card.id === item._id);
    if (index < 0) throw new Error(`no "+" for ${item._id}`);
    menu.querySelectorAll('.goods-card__add')[index].dispatchEvent('tap');
    await sleep(20);
  }
}

/** Waits (up to 15 s) until `check` holds, letting requests finish in between. */
export async function until(device: WxDevice, check: () => boolean): Promise<void> {
  for (let round = 0; round < 300; round += 1) {
    if (check()) return;
    await sleep(50);
  }
  await settle(device, sleep);
  if (!check()) throw new Error('condition not reached in 15 s');
}

/** "a/b?x=1&y=2" → { x: '1', y: '2' } (values still URI-encoded, as a page's onLoad gets them). */
export function queryOf(url: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of (url.split('?')[1] ?? '').split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key) query[key] = value;
  }
  return query;
}

/** GET on the local cloud from the test process (the sandbox's payments, …). */
export function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(text) as T);
          } catch (err) {
            reject(err);
          }
        });
      })
      .on('error', reject);
  });
}

/** POST JSON to the local cloud from the test process; resolves to the parsed answer. */
export function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(text) as T);
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The local cloud's answer to one client call of the `api` function. */
type ApiAnswer<T> = { result: { ok: boolean; data: T } };

/** An espresso-for-pickup order placed straight through the api as `openid` (no page). */
export async function placePickupOrder(
  cloudUrl: string,
  openid: string,
  goodsId: string,
): Promise<ApiAnswer<{ order: { _id: string } }>> {
  return postJson<ApiAnswer<{ order: { _id: string } }>>(
    `${cloudUrl}/functions/api`,
    {
      action: 'order.create',
      data: {
        storeId: 'xujiahui',
        mode: 'pickup',
        pickup: { asap: true },
        lines: [{ goodsId, qty: 1 }],
      },
    },
    { 'x-wx-openid': openid },
  );
}

/** What WeChat's address book hands back for the test customer. */
export const SAMPLE_ADDRESS = {
  errMsg: 'chooseAddress:ok',
  userName: '张三',
  telNumber: '13800000000',
  provinceName: '上海市',
  cityName: '上海市',
  countyName: '徐汇区',
  detailInfo: '漕溪北路 100 号',
  postalCode: '200030',
  nationalCode: '310104',
};

/** Delivery on the checkout to SAMPLE_ADDRESS, its doorstep pinned at `pin` on the map. */
export async function deliverTo(
  device: WxDevice,
  checkout: Mounted,
  pin: { lat: number; lng: number },
): Promise<void> {
  jest
    .spyOn(wxApi(), 'chooseAddress')
    .mockImplementation(((options: { success: (res: Record<string, string>) => void }) =>
      setTimeout(() => options.success(SAMPLE_ADDRESS))) as never);
  jest
    .spyOn(wxApi(), 'chooseLocation')
    .mockImplementation(((options: {
      success: (res: { latitude: number; longitude: number; name: string }) => void;
    }) =>
      setTimeout(() =>
        options.success({ latitude: pin.lat, longitude: pin.lng, name: '漕溪北路 100 号' }),
      )) as never);
  checkout.querySelectorAll('.mode')[2].dispatchEvent('tap');
  await until(device, () => checkout.data.mode === 'delivery' && !checkout.data.quoting);
  await tap(checkout, '.checkout__address');
  await until(device, () => checkout.data.address !== '' && !checkout.data.quoting);
}

/** One call of the `api` function as `openid`, straight to the local cloud; throws on a refusal. */
export async function apiAs<T>(
  cloudUrl: string,
  openid: string,
  action: string,
  data: unknown,
): Promise<T> {
  const answer = await postJson<{ result: { ok: boolean; data: T; error?: unknown } }>(
    `${cloudUrl}/functions/api`,
    { action, data },
    { 'x-wx-openid': openid },
  );
  if (!answer.result.ok) throw new Error(`${action}: ${JSON.stringify(answer.result.error)}`);
  return answer.result.data;
}
