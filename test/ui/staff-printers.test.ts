// The printers page and the board's reprint (issue 16) against the real `api` function and the
// local cloud's Feie emulation: a manager adds a printer from the form, sees it online, prints a
// test page; the board's 补打 prints one more receipt for the order.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { callPageMethod, mount, sleep, tap, texts, wxApi } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { postJson, apiAs } from './support/order-flow';
import { demoPhone } from './support/demo-phone';

const STORE = 'xujiahui';
const OWNER = 'o-ui-printers-owner';
const CODE = 'PRINTERS2TEST';

const demo = demoPhone();

const api = <T>(openid: string, action: string, data: unknown): Promise<T> =>
  apiAs<T>(demo.cloud.url, openid, action, data);

function tickets(): Promise<Array<{ sn: string; content: string }>> {
  return new Promise((resolve, reject) => {
    http
      .get(`${demo.cloud.url}/feie/tickets`, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text) as Array<{ sn: string; content: string }>));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  const tool = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tools/staff/owner-code.ts', '--url', demo.cloud.url, '--code', CODE],
    { cwd: path.join(__dirname, '../..'), encoding: 'utf8' },
  );
  if (tool.status !== 0) throw new Error(`owner-code failed: ${tool.stderr}`);
  await api(OWNER, 'staff.claimOwner', { code: CODE });
}, 60_000);

beforeEach(() => {
  demo.device.storage.set('storefront.devOpenid', OWNER);
  jest.restoreAllMocks();
});

async function open(page: string) {
  const mounted = mount(`packages/staff/pages/${page}/index`);
  callPageMethod(mounted, 'onLoad', { storeId: STORE });
  if (page === 'board') callPageMethod(mounted, 'onShow');
  await settle(demo.device, sleep);
  return mounted;
}

it('a manager adds a receipt printer from the form and prints a test page', async () => {
  const page = await open('printers');
  expect(texts(page, 'printers__section')).toContain('打印机');
  await tap(page, '.printers__add-button', '.t-button');
  await settle(demo.device, sleep);
  const field = (name: string, value: string) =>
    callPageMethod(page, 'onField', {
      detail: { value },
      currentTarget: { dataset: { field: name } },
    });
  field('sn', '916500001');
  field('key', 'abcd1234');
  field('name', '前台小票机');
  callPageMethod(page, 'onPaper', { currentTarget: { dataset: { value: 80 } } });
  await tap(page, '.printer-form__save-button', '.t-button');
  await settle(demo.device, sleep);
  expect(texts(page, 'printer__name')).toEqual(['前台小票机']);
  expect(texts(page, 'printer__status')).toEqual(['在线']);
  expect(texts(page, 'printer__detail')[0]).toContain('80 mm');

  const toast = jest.spyOn(wxApi(), 'showToast');
  await tap(page, '.printer__test-button', '.t-button');
  await settle(demo.device, sleep);
  expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发送测试页' }));
  expect((await tickets()).map((t) => t.content).join('')).toContain('打印测试');
  expect(texts(page, 'job__title')[0]).toContain('测试打印');
  expect(texts(page, 'job__state')[0]).toBe('已打印');
});

it("the board's 补打 prints the order's receipt once more", async () => {
  const { order } = await api<{ order: { _id: string } }>(
    'o-ui-printers-customer',
    'order.create',
    {
      storeId: STORE,
      mode: 'pickup',
      pickup: { asap: true },
      lines: [{ goodsId: `${STORE}-espresso`, qty: 1 }],
    },
  );
  await api('o-ui-printers-customer', 'order.pay', { orderId: order._id });
  await postJson(`${demo.cloud.url}/pay/${order._id}/succeed`, {});
  const before = (await tickets()).length;
  const board = await open('board');
  const toast = jest.spyOn(wxApi(), 'showToast');
  await tap(board, '.board-card__reprint', '.t-button');
  await settle(demo.device, sleep);
  expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已补打 1 张' }));
  const after = await tickets();
  expect(after).toHaveLength(before + 1);
  expect(after[after.length - 1].content).toContain('【补打】');
  callPageMethod(board, 'onHide');
});
