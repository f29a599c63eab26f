// Staff console actions through the local cloud: the first owner's setup code, invites, the
// staff list, goods and store switches (customers see them via the catalog version), tables and
// their codes, and today's figures.

import { createSetupCode } from '../../../server/lib/staff/setup';
import { daysBefore } from '../../../server/lib/staff/today';
import {
  dataOf,
  ESPRESSO,
  OTHER_STORE,
  type StaffCloud,
  startStaffCloud,
  STORE,
} from './staff-cloud';

jest.setTimeout(60_000);

const OWNER = 'o-console-owner';
const MANAGER = 'o-console-manager';

let cloud: StaffCloud;

beforeAll(async () => {
  cloud = await startStaffCloud();
  await cloud.setStock(ESPRESSO, 50);
  await cloud.grant(MANAGER, STORE, 'manager');
}, 60_000);
afterAll(() => cloud?.cloud.stop());

const failure = (code: string) => ({ ok: false, error: { code } });

describe('first owner', () => {
  it('the setup code works once, for one person; wrong codes are counted', async () => {
    const { code } = await createSetupCode(cloud.db, { storeIds: [STORE, OTHER_STORE] });
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    const stored = (await cloud.db.collection('setup').doc('first-owner').get()).data;
    expect(JSON.stringify(stored)).not.toContain(code); // only the salted hash is stored

    expect(await cloud.as(OWNER, 'staff.claimOwner', { code: 'WRONG123' })).toMatchObject(
      failure('INVALID_CODE'),
    );
    expect(dataOf(await cloud.as(OWNER, 'staff.me')).stores).toEqual([]);
    const claimed = dataOf(await cloud.as(OWNER, 'staff.claimOwner', { code: code.toLowerCase() }));
    expect(claimed.stores).toEqual([
      { storeId: 'jingan', storeName: expect.any(String), role: 'owner' },
      { storeId: 'xujiahui', storeName: expect.any(String), role: 'owner' },
    ]);
    expect(await cloud.as('o-latecomer', 'staff.claimOwner', { code })).toMatchObject(
      failure('INVALID_CODE'),
    );
    expect(dataOf(await cloud.as('o-latecomer', 'staff.me')).stores).toEqual([]);
    const setup = (await cloud.db.collection('setup').doc('first-owner').get()).data;
    expect(setup).toMatchObject({ claimedBy: OWNER, failedAttempts: 1 });
  });

  it('10 wrong codes lock out only the caller who sent them, not the owner', async () => {
    const { code } = await createSetupCode(cloud.db, {
      storeIds: [OTHER_STORE],
      force: true,
    });
    const GUESSER = 'o-setup-guesser';
    const REAL_OWNER = 'o-setup-real-owner';
    for (let i = 0; i < 10; i += 1) {
      expect(
        await cloud.as(GUESSER, 'staff.claimOwner', { code: `WRONG${String(i).padStart(3, '0')}` }),
      ).toMatchObject(failure('INVALID_CODE'));
    }
    // The guesser is locked: even the right code is refused to them (their 11th try).
    expect(await cloud.as(GUESSER, 'staff.claimOwner', { code })).toMatchObject(
      failure('INVALID_CODE'),
    );
    expect(dataOf(await cloud.as(GUESSER, 'staff.me')).stores).toEqual([]);

    // The real owner's one wrong try and then the right code still work.
    expect(await cloud.as(REAL_OWNER, 'staff.claimOwner', { code: 'WRONG999' })).toMatchObject(
      failure('INVALID_CODE'),
    );
    const claimed = dataOf(await cloud.as(REAL_OWNER, 'staff.claimOwner', { code }));
    expect(claimed.stores).toEqual([
      { storeId: OTHER_STORE, storeName: expect.any(String), role: 'owner' },
    ]);
    const setup = (await cloud.db.collection('setup').doc('first-owner').get()).data;
    expect(setup).toMatchObject({ claimedBy: REAL_OWNER, failedAttempts: 11 });
  });

  it('an expired setup code is refused', async () => {
    const { code } = await createSetupCode(cloud.db, {
      storeIds: [STORE],
      ttlHours: -1,
      force: true,
    });
    expect(await cloud.as('o-too-late', 'staff.claimOwner', { code })).toMatchObject(
      failure('INVALID_CODE'),
    );
  });
});

describe('invites and the staff list', () => {
  it('an owner invites; the code joins once; the owner can remove the member', async () => {
    const invite = dataOf(await cloud.as(OWNER, 'staff.invite', { storeId: STORE, role: 'staff' }));
    expect(invite.qrcode).toMatch(/^data:image\/png;base64,/);
    expect(invite.expiresAt).toBeGreaterThan(Date.now());
    const [qr] = await cloud.cloud.outbox('wxacode.getUnlimited');
    expect(qr).toMatchObject({
      request: { scene: invite.code, page: 'packages/staff/pages/join/index' },
    });

    const joined = dataOf(
      await cloud.as('o-new-staff', 'staff.join', { code: invite.code, name: '小王' }),
    );
    expect(joined.stores).toEqual([
      { storeId: STORE, storeName: expect.any(String), role: 'staff' },
    ]);
    expect(await cloud.as('o-second', 'staff.join', { code: invite.code })).toMatchObject(
      failure('INVALID_CODE'),
    );
    // Staff may work the board, not manage the team.
    dataOf(await cloud.as('o-new-staff', 'staff.orders', { storeId: STORE, tab: 'new' }));
    expect(await cloud.as('o-new-staff', 'staff.list', { storeId: STORE })).toMatchObject(
      failure('FORBIDDEN'),
    );

    const list = dataOf(await cloud.as(MANAGER, 'staff.list', { storeId: STORE }));
    expect(list.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ openid: 'o-new-staff', role: 'staff', name: '小王' }),
        expect.objectContaining({ openid: OWNER, role: 'owner' }),
      ]),
    );
    const after = dataOf(
      await cloud.as(OWNER, 'staff.remove', { storeId: STORE, openid: 'o-new-staff' }),
    );
    expect(after.members.map((m) => m.openid)).not.toContain('o-new-staff');
    expect(
      await cloud.as('o-new-staff', 'staff.orders', { storeId: STORE, tab: 'new' }),
    ).toMatchObject(failure('FORBIDDEN'));
    expect(await cloud.as(OWNER, 'staff.remove', { storeId: STORE, openid: OWNER })).toMatchObject(
      failure('INVALID_INPUT'),
    );
  });

  it('identity comes from the context only: an openid or role in the data is refused', async () => {
    const forged = await cloud.as('o-customer', 'staff.orders', {
      storeId: STORE,
      tab: 'new',
      openid: MANAGER,
    });
    expect(forged).toMatchObject(failure('FORBIDDEN'));
    const invite = await cloud.as(OWNER, 'staff.invite', { storeId: STORE, role: 'owner' });
    expect(invite).toMatchObject(failure('INVALID_INPUT'));
  });
});

describe('goods and store', () => {
  const menuVersion = async () => {
    const home = dataOf(await cloud.as('o-menu', 'catalog.home', { storeId: STORE }));
    return home.version;
  };

  it('the goods list comes with the categories in the menu’s order', async () => {
    const list = dataOf(await cloud.as(MANAGER, 'staff.goods.list', { storeId: STORE }));
    const home = dataOf(await cloud.as('o-menu', 'catalog.home', { storeId: STORE })) as {
      categories: Array<{ _id: string }>;
    };
    const ids = (rows: Array<{ _id: string }>) => rows.map((row) => row._id);
    expect(ids(list.categories)).toEqual(ids(home.categories));
    expect(list.categories[0]).toEqual({
      _id: expect.any(String),
      name: expect.any(String),
      sort: expect.any(Number),
    });
    const known = new Set(ids(list.categories));
    expect(list.goods.every((g: { categoryId: string }) => known.has(g.categoryId))).toBe(true);
  });

  it('sold out, stock, price and shelf: validated, and customers see the change', async () => {
    const before = await menuVersion();
    const sold = dataOf(
      await cloud.as(MANAGER, 'staff.goods.update', {
        storeId: STORE,
        goodsId: ESPRESSO,
        soldOut: true,
        priceFen: 2000,
      }),
    );
    expect(sold.goods).toMatchObject({ soldOut: true, priceFen: 2000 });
    const after = await menuVersion();
    expect(after).not.toBe(before);
    const home = dataOf(
      await cloud.as('o-menu', 'catalog.home', { storeId: STORE, version: before }),
    );
    expect(home.unchanged).toBe(false);

    for (const bad of [
      { priceFen: -1 },
      { priceFen: 1.5 },
      { stock: -3 },
      {},
      { soldOut: 'yes' },
    ]) {
      const answer = await cloud.as(MANAGER, 'staff.goods.update', {
        storeId: STORE,
        goodsId: ESPRESSO,
        ...bad,
      });
      expect(answer).toMatchObject(failure('INVALID_INPUT'));
    }
    const otherStore = await cloud.as(MANAGER, 'staff.goods.update', {
      storeId: STORE,
      goodsId: 'jingan-latte',
      soldOut: true,
    });
    expect(otherStore).toMatchObject(failure('NOT_FOUND'));
    expect(await menuVersion()).toBe(after); // refused edits changed nothing
    dataOf(
      await cloud.as(MANAGER, 'staff.goods.update', {
        storeId: STORE,
        goodsId: ESPRESSO,
        soldOut: false,
        priceFen: 1800,
      }),
    );
  });

  it('store switch, notice and hours; malformed hours change nothing', async () => {
    const busy = dataOf(
      await cloud.as(MANAGER, 'staff.store.update', {
        storeId: STORE,
        statusOverride: { status: 'busy' },
        notice: '今天排队较多',
      }),
    );
    expect(busy.store).toMatchObject({
      statusOverride: { status: 'busy' },
      notice: '今天排队较多',
    });
    const home = dataOf(await cloud.as('o-menu', 'catalog.home', { storeId: STORE }));
    expect(home.unchanged === false && home.store.status.state).toBe('busy');

    const week = Array.from({ length: 7 }, () => [{ open: '08:00', close: '20:00' }]);
    const hours = dataOf(
      await cloud.as(MANAGER, 'staff.store.update', {
        storeId: STORE,
        hours: week,
        statusOverride: null,
      }),
    );
    expect(hours.store).toMatchObject({ hours: week, statusOverride: null });

    const broken = [...week.slice(0, 6), [{ open: '25:00', close: '26:00' }]];
    expect(
      await cloud.as(MANAGER, 'staff.store.update', { storeId: STORE, hours: broken, notice: 'x' }),
    ).toMatchObject(failure('INVALID_HOURS'));
    expect(
      await cloud.as(MANAGER, 'staff.store.update', { storeId: STORE, hours: week.slice(0, 6) }),
    ).toMatchObject(failure('INVALID_INPUT'));
    const now = dataOf(await cloud.as(MANAGER, 'staff.store.get', { storeId: STORE }));
    expect(now.store).toMatchObject({ hours: week, notice: '今天排队较多' });
    // Back to all day, so later tests can order at any hour.
    const allDay = Array.from({ length: 7 }, () => [{ open: '00:00', close: '24:00' }]);
    dataOf(await cloud.as(MANAGER, 'staff.store.update', { storeId: STORE, hours: allDay }));
  });

  it('a clerk may pause and resume orders in a rush, not change the notice or hours', async () => {
    await cloud.grant('o-clerk', STORE, 'staff');
    const paused = dataOf(
      await cloud.as('o-clerk', 'staff.store.update', {
        storeId: STORE,
        statusOverride: { status: 'busy' },
      }),
    );
    expect(paused.store.statusOverride).toMatchObject({ status: 'busy' });
    for (const change of [
      { notice: '随便写写' },
      { hours: Array.from({ length: 7 }, () => [{ open: '00:00', close: '24:00' }]) },
      { statusOverride: { status: 'open' } }, // taking orders outside the hours
    ]) {
      expect(
        await cloud.as('o-clerk', 'staff.store.update', { storeId: STORE, ...change }),
      ).toMatchObject(failure('FORBIDDEN'));
    }
    const resumed = dataOf(
      await cloud.as('o-clerk', 'staff.store.update', { storeId: STORE, statusOverride: null }),
    );
    expect(resumed.store).toMatchObject({ statusOverride: null, notice: '今天排队较多' });
  });
});

describe('tables', () => {
  it('adds a table with its scene, refuses duplicates and bad numbers, makes its code', async () => {
    const added = dataOf(
      await cloud.as(MANAGER, 'staff.tables.add', { storeId: STORE, tableNo: 'C1', seats: 4 }),
    );
    expect(added.table).toMatchObject({ tableNo: 'C1', scene: 's=xujiahui&t=C1', seats: 4 });
    expect(
      await cloud.as(MANAGER, 'staff.tables.add', { storeId: STORE, tableNo: 'C1' }),
    ).toMatchObject(failure('INVALID_INPUT'));
    // The longest table number fits this store's scene (s=xujiahui&t=… ≤ 32); bad ones are refused.
    expect(
      await cloud.as(MANAGER, 'staff.tables.add', { storeId: STORE, tableNo: 'X'.repeat(17) }),
    ).toMatchObject(failure('INVALID_INPUT'));
    expect(
      await cloud.as(MANAGER, 'staff.tables.add', { storeId: STORE, tableNo: '1&t=2' }),
    ).toMatchObject(failure('INVALID_INPUT'));
    const { tables } = dataOf(await cloud.as(MANAGER, 'staff.tables.list', { storeId: STORE }));
    expect(tables.map((t) => t.tableNo)).toContain('C1');

    const qr = dataOf(
      await cloud.as(MANAGER, 'staff.tables.qrcode', { storeId: STORE, tableNo: 'C1' }),
    );
    expect(qr).toMatchObject({ scene: 's=xujiahui&t=C1', page: 'pages/menu/index' });
    const png = Buffer.from(qr.image.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(
      await cloud.as(MANAGER, 'staff.tables.qrcode', { storeId: STORE, tableNo: 'Q9' }),
    ).toMatchObject(failure('NOT_FOUND'));
  });
});

describe('today', () => {
  it('counts kept orders and revenue by mode, source and goods; refunds apart', async () => {
    const before = dataOf(await cloud.as(MANAGER, 'staff.today', { storeId: STORE }));
    const kept = await cloud.paidOrder('o-today-1', ESPRESSO, 2); // 2 × 1800 + 100 packaging
    await cloud.paidOrder('o-today-2', ESPRESSO, 1); // 1900
    const refunded = await cloud.paidOrder('o-today-3', ESPRESSO, 1);
    dataOf(await cloud.as(MANAGER, 'staff.reject', { storeId: STORE, orderId: refunded }));
    expect(kept).toBeTruthy();

    const today = dataOf(await cloud.as(MANAGER, 'staff.today', { storeId: STORE }));
    expect(today.date).toMatch(/^\d{8}$/);
    expect(today.orders - before.orders).toBe(2);
    expect(today.revenueFen - before.revenueFen).toBe(3700 + 1900);
    expect(today.refundedFen - before.refundedFen).toBe(1900);
    expect(today.averageTicketFen).toBe(Math.round(today.revenueFen / today.orders));
    expect(today.byMode.find((b) => b.key === 'pickup')).toMatchObject({
      orders: expect.any(Number),
    });
    expect(today.bySource.map((b) => b.key)).toContain('other');
    expect(today.topGoods[0]).toMatchObject({ goodsId: ESPRESSO, qty: expect.any(Number) });
    const byModeTotal = today.byMode.reduce((sum, b) => sum + b.revenueFen, 0);
    expect(byModeTotal).toBe(today.revenueFen);
  });

  it('orders by local hour today and a week ago, and revenue over the last 7 days', async () => {
    const before = dataOf(await cloud.as(MANAGER, 'staff.today', { storeId: STORE }));
    const date = before.date as string;
    // Placed at 09:30 Shanghai today, and at 12:10 on the same weekday last week, 2 days ago.
    const midnight =
      Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) - 8 * 3600_000;
    const move = async (orderId: string, days: number, minutes: number) => {
      const day = daysBefore(date, days);
      await cloud.db
        .collection('orders')
        .doc(orderId)
        .update({
          data: { businessDate: day, createdAt: midnight - days * 86_400_000 + minutes * 60_000 },
        });
    };
    await move(await cloud.paidOrder('o-hour-1', ESPRESSO, 1), 0, 9 * 60 + 30); // 1900
    await move(await cloud.paidOrder('o-hour-2', ESPRESSO, 2), 7, 12 * 60 + 10); // 3700
    await move(await cloud.paidOrder('o-hour-3', ESPRESSO, 1), 2, 20 * 60); // 1900
    const today = dataOf(await cloud.as(MANAGER, 'staff.today', { storeId: STORE }));
    const hour = (list: typeof today.byHour, h: number) =>
      list.find((b: { hour: number }) => b.hour === h);
    expect(today.byHour).toHaveLength(24);
    expect((hour(today.byHour, 9)?.orders ?? 0) - (hour(before.byHour, 9)?.orders ?? 0)).toBe(1);
    expect(today.byHour.reduce((sum: number, b: { orders: number }) => sum + b.orders, 0)).toBe(
      today.orders,
    );
    expect(today.lastWeek.date).toBe(daysBefore(date, 7));
    expect(today.lastWeek).toMatchObject({ orders: 1, revenueFen: 3700 });
    expect(hour(today.lastWeek.byHour, 12)).toEqual({ hour: 12, orders: 1, revenueFen: 3700 });
    expect(today.last7Days.map((d: { date: string }) => d.date)).toEqual(
      [6, 5, 4, 3, 2, 1, 0].map((days) => daysBefore(date, days)),
    );
    expect(today.last7Days[4]).toMatchObject({ orders: 1, revenueFen: 1900 });
    expect(today.last7Days[6]).toMatchObject({
      orders: today.orders,
      revenueFen: today.revenueFen,
    });
  });
});
