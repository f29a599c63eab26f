// A restaurant's day in the manager's 今日 figures (staff.today): a table that ate first counts
// as one dine-in order worth its whole bill, however it was paid — one WeChat payment, AA
// shares, the counter, or a share by WeChat and the rest at the counter — and its goods are
// what it was served, never "A3 桌 AA 第 1/2 份".

import type { StaffTodayResponse } from '../../../miniprogram/domain/staff';
import type { TableSession } from '../../../miniprogram/domain/tables';
import { dataOf, ESPRESSO, type StaffCloud, startStaffCloud, STORE } from '../staff/staff-cloud';

jest.setTimeout(120_000);

const MANAGER = 'o-fig-manager';
/** 意式浓缩 ¥18 (1800 fen), no specs. */
const PRICE = 1800;

let cloud: StaffCloud;

beforeAll(async () => {
  cloud = await startStaffCloud();
  await cloud.grant(MANAGER, STORE, 'manager');
  await cloud.setStock(ESPRESSO, 100);
  dataOf(
    await cloud.as(MANAGER, 'staff.table.settings', { storeId: STORE, dineInPayment: 'after' }),
  );
}, 60_000);
afterAll(() => cloud?.cloud.stop());

/** A table whose diners ordered `qty` espressos in one round; returns its session id. */
async function servedTable(tableNo: string, diners: string[], qty: number): Promise<string> {
  let sessionId = '';
  for (const openid of diners) {
    ({ sessionId } = dataOf(
      await cloud.as(openid, 'table.join', { storeId: STORE, tableNo }),
    ).session);
  }
  dataOf(await cloud.as(diners[0], 'table.cart.add', { sessionId, goodsId: ESPRESSO, qty }));
  dataOf(await cloud.as(diners[0], 'table.order', { sessionId }));
  return sessionId;
}

function sessionWhen(sessionId: string, done: (session: TableSession) => boolean) {
  return cloud.eventually(
    async () => (await cloud.db.collection('table_sessions').doc(sessionId).get()).data,
    done,
  );
}

function paid(sessionId: string): Promise<TableSession> {
  return sessionWhen(sessionId, (session) => session.status === 'paid');
}

/** AA in two; `payer` pays one share by WeChat Pay. */
async function payOneOfTwoShares(sessionId: string, payer: string): Promise<void> {
  dataOf(await cloud.as(payer, 'table.split', { sessionId, parts: 2 }));
  const share = dataOf(await cloud.as(payer, 'table.pay', { sessionId }));
  await cloud.cloud.pay(share.orderId, 'succeed');
  await sessionWhen(sessionId, (session) => Boolean(session.split?.shares.some((s) => s.paidAt)));
}

it('counts each paid table once, at its whole bill, with the goods it was served', async () => {
  // A takeaway order, as before tables: ¥18 and its packaging.
  const takeaway = (await cloud.order(await cloud.paidOrder('o-fig-takeaway'))).amounts.totalFen;

  // T1 pays the whole bill by WeChat Pay: 2 × ¥18.
  const t1 = await servedTable('B1', ['o-fig-t1'], 2);
  const bill = dataOf(await cloud.as('o-fig-t1', 'table.pay', { sessionId: t1 }));
  await cloud.cloud.pay(bill.orderId, 'succeed');
  await paid(t1);

  // T2 pays at the counter in cash: ¥18.
  const t2 = await servedTable('B2', ['o-fig-t2'], 1);
  dataOf(
    await cloud.as(MANAGER, 'staff.table.markPaid', {
      storeId: STORE,
      sessionId: t2,
      method: 'cash',
    }),
  );
  await paid(t2);

  // T3 splits 3 × ¥18 in two; one share by WeChat Pay, the rest by card at the counter.
  const t3 = await servedTable('B3', ['o-fig-t3a', 'o-fig-t3b'], 3);
  await payOneOfTwoShares(t3, 'o-fig-t3a');
  dataOf(
    await cloud.as(MANAGER, 'staff.table.markPaid', {
      storeId: STORE,
      sessionId: t3,
      method: 'card',
    }),
  );
  await paid(t3);

  // T4 splits 2 × ¥18 in two; one share is paid, then the other diner walks out and the
  // manager closes the table unpaid: the store has ¥18 of it.
  const t4 = await servedTable('B4', ['o-fig-t4a', 'o-fig-t4b'], 2);
  await payOneOfTwoShares(t4, 'o-fig-t4a');
  dataOf(
    await cloud.as(MANAGER, 'staff.table.close', {
      storeId: STORE,
      sessionId: t4,
      reason: '一位客人未付款离开',
    }),
  );

  const today: StaffTodayResponse = dataOf(
    await cloud.as(MANAGER, 'staff.today', { storeId: STORE }),
  );
  const tablesFen = (2 + 1 + 3 + 1) * PRICE;
  const revenueFen = takeaway + tablesFen;
  expect(today.orders).toBe(5);
  expect(today.revenueFen).toBe(revenueFen);
  expect(today.averageTicketFen).toBe(Math.round(revenueFen / 5));
  expect(today.byMode).toEqual([
    { key: 'dine_in', orders: 4, revenueFen: tablesFen },
    { key: 'pickup', orders: 1, revenueFen: takeaway },
  ]);
  expect(today.bySource.find((bucket) => bucket.key === 'table_qr')).toEqual({
    key: 'table_qr',
    orders: 4,
    revenueFen: tablesFen,
  });
  expect(today.topGoods).toEqual([
    // What was served: T4's second cup was served too, though not paid for.
    { goodsId: ESPRESSO, name: expect.any(String), qty: 9, revenueFen: 9 * PRICE },
  ]);
  const byHour = today.byHour.reduce(
    (sum, hour) => ({
      orders: sum.orders + hour.orders,
      revenueFen: sum.revenueFen + hour.revenueFen,
    }),
    { orders: 0, revenueFen: 0 },
  );
  expect(byHour).toEqual({ orders: 5, revenueFen });
  expect(today.last7Days.at(-1)).toEqual({ date: today.date, orders: 5, revenueFen });
});
