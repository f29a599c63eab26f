// The console pages against the real `api` function in the local cloud: joining by an invite
// code, the goods sold-out switch (customers' menu changes), the store's busy switch, table codes
// previewed and saved, today's figures and the team page's invitations.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { callPageMethod, mount, sleep, tap, texts, wxApi, type Mounted } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { apiAs } from './support/order-flow';
import { ariaOf } from './support/aria';
import { demoPhone } from './support/demo-phone';
import { placeWeek } from './support/store-week';

const STORE = 'xujiahui';
const OWNER = 'o-ui-console-owner';
const SETUP_CODE = 'CONSOLE2TEST';

const demo = demoPhone();

const api = <T>(openid: string, action: string, data: unknown): Promise<T> =>
  apiAs<T>(demo.cloud.url, openid, action, data);

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

it('the join page names each input and says what to type in it', async () => {
  demo.device.storage.set('storefront.devOpenid', 'o-ui-join-reader');
  const page = await open('join', {});
  expect(texts(page, 't-input__label')).toEqual(['邀请码', '称呼']);
  // The placeholders as drawn: the attribute of each rendered input.
  type Rendered = {
    tagName?: string;
    attrs?: Array<{ name: string; value: unknown }>;
    children?: Rendered[];
  };
  const placeholders: unknown[] = [];
  const walk = (node: Rendered) => {
    const attr = node.attrs?.find((a) => a.name === 'placeholder');
    if (node.tagName === 'wx-input' && attr) placeholders.push(attr.value);
    node.children?.forEach(walk);
  };
  walk((page as unknown as { toJSON(): Rendered }).toJSON());
  expect(placeholders).toEqual(['8 位邀请码，或店主的设置码', '选填，如：小王']);
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
  // A screen reader hears which mode is on: the buttons are one choice.
  const said = (mode: string) =>
    ariaOf(page.querySelector(`.store__mode--${mode}`)?.querySelector('.t-button')).label;
  expect([said('auto'), said('busy')]).toEqual(['按营业时间', '暂停接单，已选中']);
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

  await sleep(20); // the first save's own toast

  // Album permission refused earlier: the way to the settings, not a raw errMsg.
  save.mockImplementation(((options: { fail: (err: { errMsg: string }) => void }) =>
    options.fail({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' })) as never);
  const modal = jest
    .spyOn(wxApi(), 'showModal')
    .mockImplementation(((options: { success: (res: { confirm: boolean }) => void }) =>
      options.success({ confirm: true })) as never);
  const openSetting = jest.spyOn(wxApi(), 'openSetting');
  const toast = jest.spyOn(wxApi(), 'showToast');
  await tap(page, '.tables__save', '.t-button');
  expect(modal).toHaveBeenCalledWith(
    expect.objectContaining({ content: '需要相册权限才能保存桌码，去设置里打开？' }),
  );
  expect(openSetting).toHaveBeenCalled();
  expect(toast).not.toHaveBeenCalled();
});

it('today shows the figures, and as pictures: by hour beside last week, 7 days, sources', async () => {
  const date = await placeWeek({
    url: demo.cloud.url,
    api,
    update: demo.cloud.update,
    store: STORE,
    owner: OWNER,
    customer: 'o-ui-console-customer',
  });
  const page = await open('today');
  expect(texts(page, 'today__label')).toEqual(['订单数', '营业额', '客单价', '已退款']);
  expect(texts(page, 'today__value')[0]).toBe('5');

  // Orders by hour: today's and the same weekday's last week, told per hour.
  const weekday = '日一二三四五六'[
    new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`).getDay()
  ];
  expect(texts(page, 'today__key')).toEqual(['今日 5 单 · ¥149', `上周${weekday} 3 单 · ¥75`]);
  const hours = page.querySelectorAll('.hour-chart__col').map((col) => ariaOf(col));
  expect(hours.map((a) => a.label)).toContain(`12时：今日 2 单，上周${weekday} 1 单`);
  expect(hours.map((a) => a.label)).toContain(`18时：今日 0 单，上周${weekday} 1 单`);
  expect(hours.every((a) => a.role === 'img')).toBe(true);

  // The last 7 days' revenue, oldest first, today last.
  expect(texts(page, 'day-chart__label').slice(-1)).toEqual(['今天']);
  expect(texts(page, 'day-chart__value')).toEqual([
    '¥55',
    '¥0',
    '¥109',
    '¥0',
    '¥37',
    '¥73',
    '¥149',
  ]);

  // A bar per source, the five the store works for always there.
  const sources = texts(page, 'source-bar__label');
  expect(sources.slice(0, 5)).toEqual(['桌码', '附近的小程序', '公众号菜单', '公众号文章', '分享']);
  expect(texts(page, 'source-bar__value').slice(0, 5)).toEqual([
    '2 单',
    '1 单',
    '1 单',
    '0 单',
    '1 单',
  ]);
});

/** The phone's edit modal confirmed with `typed`, or untouched: with the text it was opened with. */
function confirmModal(typed?: string): jest.SpyInstance {
  return jest.spyOn(wxApi(), 'showModal').mockImplementation(((options: { content?: string }) =>
    Promise.resolve({
      errMsg: 'showModal:ok',
      confirm: true,
      cancel: false,
      content: typed ?? options.content ?? '',
    })) as never);
}

describe('the store page’s notice and hours modals', () => {
  type Settings = { store: { notice: string; hours: Array<Array<{ open: string }>> } };
  const settings = () => api<Settings>(OWNER, 'staff.store.get', { storeId: STORE });
  const updates = () => demo.device.calls().filter((call) => call === 'staff.store.update');

  async function edit(page: Mounted, selector: string, typed?: string): Promise<jest.SpyInstance> {
    const modal = typed === '' ? jest.spyOn(wxApi(), 'showModal') : confirmModal(typed);
    await tap(page, selector, '.t-cell');
    await settle(demo.device, sleep);
    return modal;
  }

  it('open with the current value; confirming it untouched or emptied changes nothing', async () => {
    const before = (await settings()).store;
    const page = await open('store');
    const sunday = await edit(page, '.store__day'); // untouched
    expect(sunday).toHaveBeenCalledWith(
      expect.objectContaining({
        content: '00:00-24:00',
        placeholderText: expect.stringContaining('休息请填“休息”'),
      }),
    );
    await edit(page, '.store__day', ''); // emptied (simulate's modal answers content '')
    const notice = await edit(page, '.store__notice');
    expect(notice).toHaveBeenCalledWith(expect.objectContaining({ content: before.notice }));
    await edit(page, '.store__notice', '');
    expect(updates()).toEqual([]);
    expect((await settings()).store).toEqual(before);
  });

  it('closes a day only for the word 休息, and clears the notice only for 清空', async () => {
    const before = (await settings()).store;
    const page = await open('store');
    await edit(page, '.store__day', '休息');
    expect((await settings()).store.hours[0]).toEqual([]);
    expect((page.data.days as Array<{ hours: string }>)[0].hours).toBe('休息');
    await edit(page, '.store__notice', '清空');
    expect((await settings()).store.notice).toBe('');

    await edit(page, '.store__day', '00:00-24:00');
    await edit(page, '.store__notice', before.notice);
    const after = (await settings()).store;
    expect([after.hours, after.notice]).toEqual([before.hours, before.notice]);
  });
});

describe('the goods page', () => {
  const groupTitles = (page: Mounted) =>
    texts(page, 'goods-group__title').map((title) => title.replace(/ · \d+$/, ''));
  const names = (page: Mounted) => texts(page, 'goods-row__name').map((n) => n.split(' ')[0]);

  it('groups goods by category in the menu’s order, with a search and a category filter', async () => {
    const home = await api<{ categories: Array<{ _id: string; name: string }> }>(
      'o-ui-menu',
      'catalog.home',
      { storeId: STORE },
    );
    const page = await open('goods');
    expect(groupTitles(page)).toEqual(home.categories.map((c) => c.name));
    const tabs = page.querySelector('.goods__categories')?.querySelectorAll('.t-tabs__item') ?? [];
    expect(tabs.map((tab) => tab.dom?.textContent?.trim())).toEqual([
      '全部',
      ...home.categories.map((c) => c.name),
    ]);

    callPageMethod(page, 'onSearch', { detail: { value: '拿铁' } });
    await settle(demo.device, sleep);
    expect(names(page).length).toBeGreaterThan(1);
    expect(names(page).every((name) => name.includes('拿铁'))).toBe(true);

    // A category tab tapped: only its goods, still narrowed by the search.
    callPageMethod(page, 'onSearch', { detail: { value: '' } });
    tabs[2].dispatchEvent('tap');
    await settle(demo.device, sleep);
    expect(groupTitles(page)).toEqual([home.categories[1].name]);

    callPageMethod(page, 'onSearch', { detail: { value: '没有这种咖啡' } });
    await settle(demo.device, sleep);
    expect(texts(page, 't-empty__description')).toEqual(['没有找到这样的商品']);
    await tap(page, '.goods__show-all', '.t-button');
    expect(groupTitles(page)).toEqual(home.categories.map((c) => c.name));
  });

  it('an item marked 售罄 says so in its row', async () => {
    const page = await open('goods');
    const rows = page.data.goods as Array<{ id: string; name: string; soldOut: boolean }>;
    const index = rows.findIndex((row) => !row.soldOut);
    const row = () => page.querySelectorAll('.goods-row')[index];
    expect(texts(row(), 'goods-row__name')).toEqual([rows[index].name]);
    callPageMethod(page, 'onSoldOut', {
      detail: { value: true },
      currentTarget: { dataset: { index } },
    });
    await settle(demo.device, sleep);
    expect(texts(row(), 'goods-row__name')).toEqual([`${rows[index].name}售罄`]);
    expect(row().dom?.className).toContain('goods-row--sold-out');
    callPageMethod(page, 'onSoldOut', {
      detail: { value: false },
      currentTarget: { dataset: { index } },
    });
    await settle(demo.device, sleep);
  });

  const CLERK = 'o-ui-console-clerk';
  type Row = { id: string; stock: string };
  const croissant = 'xujiahui-croissant'; // limited stock (12) in the demo menu
  const stockOf = async () =>
    (
      await api<{ goods: Array<{ _id: string; stock: number | null }> }>(
        OWNER,
        'staff.goods.list',
        { storeId: STORE },
      )
    ).goods.find((g) => g._id === croissant)?.stock;

  async function editStock(page: Mounted, typed?: string): Promise<jest.SpyInstance> {
    const modal = typed === '' ? jest.spyOn(wxApi(), 'showModal') : confirmModal(typed);
    const index = (page.data.goods as Row[]).findIndex((row) => row.id === croissant);
    page.querySelectorAll('.goods-row__stock')[index].dispatchEvent('tap');
    await settle(demo.device, sleep);
    return modal;
  }

  it('stock: untouched or empty changes nothing; unlimited takes the word 不限', async () => {
    const before = await stockOf();
    expect(before).toEqual(expect.any(Number));
    const page = await open('goods');
    const modal = await editStock(page); // untouched
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: String(before) }));
    await editStock(page, '');
    expect(demo.device.calls()).not.toContain('staff.goods.update');
    expect(await stockOf()).toBe(before);

    await editStock(page, '不限');
    expect(await stockOf()).toBeNull();
    const row = (page.data.goods as Row[]).find((r) => r.id === croissant);
    expect(row?.stock).toBe('不限');
    await editStock(page, String(before));
    expect(await stockOf()).toBe(before);
  });

  it('plain staff get the sold-out switch only: price, stock and shelf need a manager', async () => {
    const owner = await open('goods');
    expect(owner.querySelectorAll('.goods-row__stock').length).toBeGreaterThan(0);
    expect(owner.querySelectorAll('.goods-row__shelf').length).toBeGreaterThan(0);

    const { code } = await api<{ code: string }>(OWNER, 'staff.invite', {
      storeId: STORE,
      role: 'staff',
    });
    await api(CLERK, 'staff.join', { code });
    demo.device.storage.set('storefront.devOpenid', CLERK);
    const clerk = await open('goods');
    const rows = (clerk.data.goods as Row[]).length;
    expect(rows).toBeGreaterThan(3);
    expect(clerk.querySelectorAll('.goods-row__sold-out')).toHaveLength(rows);
    for (const control of ['price', 'stock', 'shelf']) {
      expect(clerk.querySelectorAll(`.goods-row__${control}`)).toHaveLength(0);
    }
    expect(texts(clerk, 'goods-row__figure')).toContain('库存 12'); // still shown, read-only

    // The store page: a clerk may pause orders in a rush; the notice and hours stay as they are.
    const store = await open('store');
    expect(store.querySelector('.store__mode--open')).toBeUndefined(); // outside hours: managers
    const modal = jest.spyOn(wxApi(), 'showModal');
    await tap(store, '.store__notice', '.t-cell');
    await tap(store, '.store__day', '.t-cell');
    expect(modal).not.toHaveBeenCalled();
    await tap(store, '.store__mode--busy', '.t-button');
    await settle(demo.device, sleep);
    expect(store.data.mode).toBe('busy');
    await tap(store, '.store__mode--auto', '.t-button');
    await settle(demo.device, sleep);
    expect(store.data.mode).toBe('auto');
  });
});
