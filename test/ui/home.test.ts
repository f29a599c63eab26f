// Home against the real `api` function: the local cloud seeded with the demo café, reached by
// the page's own wx.request (test/helpers/wx-device.ts).
import { mount, tap, textOf, texts, wxApi, sleep } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { DEMO_STORES } from '../../tools/seed/demo';
import { demoPhone } from './support/demo-phone';

const demo = demoPhone();

async function openHome() {
  const page = mount('pages/home/index');
  await settle(demo.device, sleep);
  return page;
}

const [XUJIAHUI, JINGAN] = DEMO_STORES;

describe('home', () => {
  it('shows the default store, open, with today’s hours, after exactly one cloud call', async () => {
    const page = await openHome();
    expect(textOf(page, '.store-card__name')).toBe(XUJIAHUI.name);
    expect(textOf(page, '.store-card__state')).toMatch(/^营业中\s*全天营业$/);
    expect(textOf(page, '.store-card__notice')).toBe(XUJIAHUI.notice);
    expect(textOf(page, '.featured')).toContain('店长推荐');
    expect(demo.device.calls()).toEqual(['catalog.home']);

    const switchTab = jest.spyOn(wxApi(), 'switchTab');
    await tap(page, '.order-now', '.t-button');
    expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/menu/index' }));
  });

  it('renders the cached store on the next launch before any answer, then checks the version', async () => {
    await openHome();
    const firstRequests = demo.device.requests.length;

    const page = mount('pages/home/index'); // a relaunch: fresh modules, same storage
    expect(demo.device.pending()).toBe(1); // the refresh is still on its way…
    expect(textOf(page, '.store-card__name')).toBe(XUJIAHUI.name); // …and the store is shown
    await settle(demo.device, sleep);
    const refresh = demo.device.requests[firstRequests];
    expect(refresh.action).toBe('catalog.home');
    expect(refresh.data).toMatchObject({
      data: { storeId: 'xujiahui', version: expect.any(String) },
    });
  });

  it('opens the map at the store and calls its phone', async () => {
    const page = await openHome();
    const openLocation = jest.spyOn(wxApi(), 'openLocation');
    const makePhoneCall = jest.spyOn(wxApi(), 'makePhoneCall');
    await tap(page, '.store-address', '.t-cell');
    expect(openLocation).toHaveBeenCalledWith(
      expect.objectContaining({
        latitude: XUJIAHUI.location.coordinates[1],
        longitude: XUJIAHUI.location.coordinates[0],
        name: XUJIAHUI.name,
      }),
    );
    await tap(page, '.store-phone', '.t-cell');
    expect(makePhoneCall).toHaveBeenCalledWith(
      expect.objectContaining({ phoneNumber: XUJIAHUI.phone }),
    );
  });

  it('selects the store and table of a table code', async () => {
    demo.device.setLaunch({ scene: 1011, query: { scene: encodeURIComponent('s=jingan&t=A3') } });
    const page = await openHome();
    expect(textOf(page, '.store-card__name')).toBe(JINGAN.name);
    expect(textOf(page, '.store-card__table')).toBe('桌号 A3');
    expect(demo.device.requests[0].data).toMatchObject({ data: { storeId: 'jingan' } });
  });

  it('shows a closed store with its next opening', async () => {
    const until = Date.now() + 2 * 24 * 3600_000;
    await demo.cloud.update('stores', 'xujiahui', { statusOverride: { status: 'closed', until } });
    try {
      const page = await openHome();
      // 休息中 with the next opening, never today's hours or the 24-hour notice beside it.
      const state = textOf(page, '.store-card__state');
      expect(state).toMatch(/^休息中\s*(今天|明天|周.) \d\d:\d\d 开始接单$/);
      expect(state).not.toContain('全天营业');
      expect(page.querySelector('.store-card__notice')).toBeUndefined();
      // The order button says why and until when, and does not look like the active one.
      const button = page.querySelector('.order-now')?.querySelector('.t-button');
      expect(button?.dom?.textContent?.trim()).toBe(`休息中 · ${state.replace(/^休息中\s*/, '')}`);
      expect(button?.dom?.className).toMatch(/t-button--default/);
      const switchTab = jest.spyOn(wxApi(), 'switchTab');
      await tap(page, '.order-now', '.t-button'); // still opens the menu, to browse
      expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/menu/index' }));
    } finally {
      await demo.cloud.update('stores', 'xujiahui', { statusOverride: null });
    }
  });

  it('paused by staff: 暂停接单 with when orders resume, never an opening time', async () => {
    const until = Date.now() + 45 * 60_000;
    await demo.cloud.update('stores', 'xujiahui', { statusOverride: { status: 'busy', until } });
    try {
      const page = await openHome();
      expect(textOf(page, '.store-card__state')).toMatch(/^暂停接单\s*预计\S* ?\d\d:\d\d 恢复$/);
      expect(textOf(page, '.store-card__state')).not.toContain('营业');
      const button = page.querySelector('.order-now')?.querySelector('.t-button');
      expect(button?.dom?.textContent?.trim()).toMatch(/^暂停接单 · 预计/);
    } finally {
      await demo.cloud.update('stores', 'xujiahui', { statusOverride: null });
    }
  });

  it('a first launch naming no store shows the default at once, then moves to the nearest', async () => {
    const [lng, lat] = JINGAN.location.coordinates;
    demo.device.setLocation({ latitude: lat + 0.002, longitude: lng });
    const showToast = jest.spyOn(wxApi(), 'showToast');
    const page = mount('pages/home/index');
    expect(demo.device.calls()).toEqual(['catalog.home']); // the default store, no waiting
    await settle(demo.device, sleep);
    expect(demo.device.calls()).toEqual(['catalog.home', 'store.list', 'catalog.home']);
    expect(textOf(page, '.store-card__name')).toBe(JINGAN.name);
    expect(showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: `已为你选择最近的门店：${JINGAN.name}` }),
    );

    // The next launch remembers the store and does not ask again.
    const getLocation = jest.spyOn(wxApi(), 'getLocation');
    const again = await openHome();
    expect(textOf(again, '.store-card__name')).toBe(JINGAN.name);
    expect(getLocation).not.toHaveBeenCalled();
  });

  it('a launch from a code keeps its store and asks for no location', async () => {
    demo.device.setLaunch({ scene: 1011, query: { scene: encodeURIComponent('s=xujiahui&t=A1') } });
    demo.device.setLocation({ latitude: 31.2241, longitude: 121.4462 }); // next to 静安
    const getLocation = jest.spyOn(wxApi(), 'getLocation');
    const page = await openHome();
    expect(textOf(page, '.store-card__name')).toBe(XUJIAHUI.name);
    expect(getLocation).not.toHaveBeenCalled();
    expect(demo.device.calls()).toEqual(['catalog.home']);
  });

  it('sorts the stores by distance when switching store, and shows the one picked', async () => {
    const page = await openHome(); // location refused at launch: the default store stays
    expect(textOf(page, '.store-card__name')).toBe(XUJIAHUI.name);

    demo.device.setLocation({ latitude: 31.2241, longitude: 121.4462 }); // allowed now
    await tap(page, '.switch-store', '.t-cell');
    await settle(demo.device, sleep);
    const names = texts(page, 'store-option__name');
    expect(names[0]).toContain(JINGAN.name);
    expect(texts(page, 'store-option__distance')[0]).toMatch(/^\d+(\.\d)?k?m$/);

    // Picking the other store shows it.
    await tap(page, '.store-option');
    await settle(demo.device, sleep);
    expect(textOf(page, '.store-card__name')).toBe(JINGAN.name);
  });

  it('lists the stores in the chain’s order when location is refused', async () => {
    const page = await openHome();
    await tap(page, '.switch-store', '.t-cell');
    await settle(demo.device, sleep);
    expect(textOf(page, '.store-list__note')).toBe('未获得位置，按门店顺序排列');
    expect(texts(page, 'store-option__name').map((name) => name.split(' · 当前')[0])).toEqual(
      DEMO_STORES.map((store) => store.name),
    );
  });

  it('offers a retry when the first launch is offline', async () => {
    demo.device.setOffline(true);
    const page = await openHome();
    expect(page.querySelector('.home__retry')).toBeTruthy();
    demo.device.setOffline(false);
    await tap(page, '.home__retry', '.t-button');
    await settle(demo.device, sleep);
    expect(textOf(page, '.store-card__name')).toBe(XUJIAHUI.name);
  });
});
