// The console pages against the real `api` function in the local cloud: joining by an invite
// code, the goods sold-out switch (customers' menu changes), the store's busy switch, table codes
// previewed and saved, today's figures and the team page's invitations.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { callPageMethod, mount, sleep, tap, texts, wxApi, type Mounted } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { postJson } from './support/order-flow';
import { demoPhone } from './support/demo-phone';

const STORE = 'xujiahui';
const OWNER = 'o-ui-console-owner';
const SETUP_CODE = 'CONSOLE2TEST';

const demo = demoPhone();

async function api<T>(openid: string, action: string, data: unknown): Promise<T> {
  const answer = await postJson<{ result: { ok: boolean; data: T; error?: unknown } }>(
    `${demo.cloud.url}/functions/api`,
    { action, data },
    { 'x-wx-openid': openid },
  );
  if (!answer.result.ok) throw new Error(`${action}: ${JSON.stringify(answer.result.error)}`);
  return answer.result.data;
}

beforeAll(async () => {
  const tool = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tools/staff/owner-code.ts', '--url', demo.cloud.url, '--code', SETUP_CODE],
    { cwd: path.join(__dirname, '../..'), encoding: 'utf8' },
  );
  if (tool.status !== 0) throw new Error(`owner-code failed: ${tool.stderr}`);
  expect(tool.stdout).toContain(`setup code: ${SETUP_CODE}`);
}, 60_000);

beforeEach(() => {
  demo.device.storage.set('storefront.devOpenid', OWNER);
  jest.restoreAllMocks();
});

async function open(page: string, query: Record<string, string> = { storeId: STORE }) {
  const mounted = mount(`packages/staff/pages/${page}/index`);
  callPageMethod(mounted, 'onLoad', query);
  await settle(demo.device, sleep);
  return mounted;
}

async function submitJoin(page: Mounted, button: string): Promise<jest.SpyInstance> {
  const redirect = jest.spyOn(wxApi(), 'redirectTo');
  await tap(page, button, '.t-button');
  await settle(demo.device, sleep);
  return redirect;
}

it('the first owner claims the stores with the setup code on the join page', async () => {
  const page = await open('join', {});
  callPageMethod(page, 'onCodeInput', { detail: { value: SETUP_CODE.toLowerCase() } });
  const redirect = await submitJoin(page, '.join__claim');
  expect(redirect).toHaveBeenCalledWith(
    expect.objectContaining({
      url: expect.stringMatching(/^\/packages\/staff\/pages\/board\/index\?storeId=/),
    }),
  );
  const me = await api<{ stores: Array<{ role: string }> }>(OWNER, 'staff.me', {});
  expect(me.stores.map((s) => s.role)).toEqual(['owner', 'owner']);
});

it('the team page invites; the invite QR’s code joins a new member on the join page', async () => {
  const team = await open('team');
  await tap(team, '.team__invite--staff', '.t-button');
  await settle(demo.device, sleep);
  const invite = team.data.invite as { text: string; qrcode: string };
  expect(invite.qrcode).toMatch(/^data:image\/png;base64,/);
  const code = /邀请码 (\w+)/.exec(invite.text)?.[1] as string;
  expect(code).toHaveLength(8);

  demo.device.storage.set('storefront.devOpenid', 'o-ui-new-staff');
  const join = await open('join', { scene: code }); // opened by scanning the invite QR
  expect(join.data.code).toBe(code);
  const redirect = await submitJoin(join, '.join__submit');
  expect(redirect).toHaveBeenCalledWith(
    expect.objectContaining({ url: `/packages/staff/pages/board/index?storeId=${STORE}` }),
  );

  demo.device.storage.set('storefront.devOpenid', OWNER);
  const after = await open('team');
  expect(texts(after, 't-cell__note')).toEqual(expect.arrayContaining(['店主', '店员']));
});

it('the sold-out switch changes what customers see', async () => {
  const page = await open('goods');
  const rows = page.data.goods as Array<{ id: string; soldOut: boolean }>;
  expect(rows.length).toBeGreaterThan(3);
  const index = rows.findIndex((row) => !row.soldOut);
  callPageMethod(page, 'onSoldOut', {
    detail: { value: true },
    currentTarget: { dataset: { index } },
  });
  await settle(demo.device, sleep);
  expect((page.data.goods as typeof rows)[index].soldOut).toBe(true);
  const home = await api<{ goods: Array<{ _id: string; soldOut: boolean }> }>(
    'o-ui-menu',
    'catalog.home',
    { storeId: STORE },
  );
  expect(home.goods.find((g) => g._id === rows[index].id)?.soldOut).toBe(true);
});

it('the store page pauses ordering ("busy") and back to the hours', async () => {
  const page = await open('store');
  expect(page.data.mode).toBe('auto');
  await tap(page, '.store__mode--busy', '.t-button');
  await settle(demo.device, sleep);
  expect(page.data.mode).toBe('busy');
  const home = await api<{ store: { status: { state: string } } }>('o-ui-menu', 'catalog.home', {
    storeId: STORE,
  });
  expect(home.store.status.state).toBe('busy');
  await tap(page, '.store__mode--auto', '.t-button');
  await settle(demo.device, sleep);
  expect(page.data.mode).toBe('auto');
});

it('a table code is previewed and saved to the album through a temp file', async () => {
  const page = await open('tables');
  expect((page.data.tables as unknown[]).length).toBeGreaterThan(0);
  await tap(page, '.tables__row', '.t-cell');
  await settle(demo.device, sleep);
  const preview = page.data.preview as { tableNo: string; image: string };
  expect(preview.image).toMatch(/^data:image\/png;base64,/);

  const writeFile = jest.fn((options: { data: string; success: () => void }) => options.success());
  jest.spyOn(wxApi(), 'getFileSystemManager').mockReturnValue({ writeFile } as never);
  const save = jest.spyOn(wxApi(), 'saveImageToPhotosAlbum');
  await tap(page, '.tables__save', '.t-button');
  expect(writeFile).toHaveBeenCalledWith(
    expect.objectContaining({ encoding: 'base64', data: expect.stringMatching(/^iVBOR/) }),
  );
  expect(save).toHaveBeenCalledWith(
    expect.objectContaining({ filePath: expect.stringContaining(`table-${preview.tableNo}.png`) }),
  );
});

it('today shows the figures', async () => {
  const page = await open('today');
  expect(texts(page, 'today__label')).toEqual(['订单数', '营业额', '客单价', '已退款']);
});
