// The counter through the local cloud: the board, accept → ready → complete with the customer's
// notifications queued, reject and refund returning the money through the pay sandbox and the
// stock, all through the status machine and logged with the staff member.

import type { Order } from '../../../miniprogram/domain/order';
import {
  dataOf,
  ESPRESSO,
  OTHER_STORE,
  type StaffCloud,
  startStaffCloud,
  STORE,
} from './staff-cloud';

jest.setTimeout(60_000);

const STAFF = 'o-counter-staff';
const MANAGER = 'o-counter-manager';
const OTHER_STAFF = 'o-other-store-staff';

let cloud: StaffCloud;

beforeAll(async () => {
  cloud = await startStaffCloud();
  await cloud.setStock(ESPRESSO, 50);
  await cloud.grant(STAFF, STORE, 'staff');
  await cloud.grant(MANAGER, STORE, 'manager');
  await cloud.grant(OTHER_STAFF, OTHER_STORE, 'staff');
}, 60_000);
afterAll(() => cloud?.cloud.stop());

const board = async (tab: string, openid = STAFF) =>
  dataOf(await cloud.as(openid, 'staff.orders', { storeId: STORE, tab }));
const ids = (orders: Array<{ _id: string }>) => orders.map((order) => order._id);
const refunded = (order: Order) => order.status === 'refunded';

async function sandboxPayment(orderId: string): Promise<Record<string, unknown> | undefined> {
  const payments = (await cloud.cloud.http('GET', '/pay')).json as Array<Record<string, unknown>>;
  return payments.find((payment) => payment._id === orderId);
}

describe('the board', () => {
  it('a paid order shows in "new" with what the counter needs, and moves across the tabs', async () => {
    const orderId = await cloud.paidOrder('o-board-customer');
    const fresh = await board('new');
    const card = fresh.orders.find((order) => order._id === orderId);
    expect(card).toMatchObject({
      pickupNo: expect.stringMatching(/^A\d{3,}$/),
      mode: 'pickup',
      status: 'paid',
      lines: [expect.objectContaining({ goodsId: ESPRESSO, qty: 1, name: expect.any(String) })],
      waitingMinutes: 0,
      actions: ['accept', 'reject'],
    });
    expect(fresh.counts.new).toBeGreaterThanOrEqual(1);

    const accepted = dataOf(await cloud.as(STAFF, 'staff.accept', { storeId: STORE, orderId }));
    expect(accepted.order).toMatchObject({ status: 'accepted', actions: ['ready'] });
    expect(ids((await board('new')).orders)).not.toContain(orderId);
    expect(ids((await board('accepted')).orders)).toContain(orderId);

    dataOf(await cloud.as(STAFF, 'staff.ready', { storeId: STORE, orderId }));
    expect(ids((await board('ready')).orders)).toContain(orderId);
    dataOf(await cloud.as(STAFF, 'staff.complete', { storeId: STORE, orderId }));
    expect(ids((await board('ready')).orders)).not.toContain(orderId);
    expect(ids((await board('done')).orders)).toContain(orderId);

    const order = await cloud.order(orderId);
    expect(order.statusLog.slice(2).map((e) => [e.from, e.to, e.by, e.role])).toEqual([
      ['paid', 'accepted', STAFF, 'staff'],
      ['accepted', 'ready', STAFF, 'staff'],
      ['ready', 'completed', STAFF, 'staff'],
    ]);
    const queued = await cloud.messages({ orderId, to: 'customer' });
    expect(queued.map((m) => m.kind).sort()).toEqual(['order_accepted', 'order_ready']);
    expect(queued[0]).toMatchObject({
      openid: 'o-board-customer',
      storeId: STORE,
      // Queued, then handed to the sender at once (no subscription in this test: skipped).
      status: expect.stringMatching(/^(queued|sending|sent|skipped|failed)$/),
      createdAt: expect.any(Number),
    });
  });

  it('moves the status machine forbids are refused and change nothing', async () => {
    const orderId = await cloud.paidOrder('o-skip-customer');
    const skip = await cloud.as(STAFF, 'staff.complete', { storeId: STORE, orderId });
    expect(skip).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    const early = await cloud.as(MANAGER, 'staff.refund', { storeId: STORE, orderId });
    expect(early).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    dataOf(await cloud.as(STAFF, 'staff.accept', { storeId: STORE, orderId }));
    const twice = await cloud.as(STAFF, 'staff.accept', { storeId: STORE, orderId });
    expect(twice).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    const lateReject = await cloud.as(STAFF, 'staff.reject', { storeId: STORE, orderId });
    expect(lateReject).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect((await cloud.order(orderId)).status).toBe('accepted');
    expect(await cloud.count('messages', { orderId, kind: 'order_accepted' })).toBe(1);
  });

  it('another store’s staff cannot see or move the order', async () => {
    const orderId = await cloud.paidOrder('o-private-customer');
    const theirs = await cloud.as(OTHER_STAFF, 'staff.accept', { storeId: STORE, orderId });
    expect(theirs).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Naming their own store does not reach this store's order either.
    const viaOwn = await cloud.as(OTHER_STAFF, 'staff.accept', { storeId: OTHER_STORE, orderId });
    expect(viaOwn).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const list = dataOf(
      await cloud.as(OTHER_STAFF, 'staff.orders', { storeId: OTHER_STORE, tab: 'new' }),
    );
    expect(ids(list.orders)).not.toContain(orderId);
    expect((await cloud.order(orderId)).status).toBe('paid');
  });
});

describe('reject and refund return the money and the stock', () => {
  it('reject: paid → refunding → refunded through the sandbox, stock back, customer told', async () => {
    const before = (await cloud.stockOf(ESPRESSO)) as number;
    const orderId = await cloud.paidOrder('o-reject-customer', ESPRESSO, 2);
    expect(await cloud.stockOf(ESPRESSO)).toBe(before - 2);

    const rejected = dataOf(
      await cloud.as(STAFF, 'staff.reject', { storeId: STORE, orderId, reason: '售罄' }),
    );
    expect(rejected.order.status).toBe('refunding');
    expect(await cloud.stockOf(ESPRESSO)).toBe(before);

    const order = await cloud.eventually(() => cloud.order(orderId), refunded);
    expect(order.status).toBe('refunded');
    expect(order.refund).toMatchObject({ reason: 'staff_reject', refundFen: 3700 });
    expect(order.cancelNote).toBe('售罄'); // what staff told the customer
    expect(order.statusLog.slice(2).map((e) => [e.to, e.by])).toEqual([
      ['refunding', STAFF],
      ['refunded', 'payNotify'],
    ]);
    expect(await sandboxPayment(orderId)).toMatchObject({
      state: 'REFUND',
      refunds: [expect.objectContaining({ outRefundNo: `R${orderId}`, refundFee: 3700 })],
    });
    const told = await cloud.eventually(
      () => cloud.messages({ orderId, kind: 'order_refunded' }),
      (list) => list.length > 0,
    );
    expect(told).toEqual([
      expect.objectContaining({ to: 'customer', openid: 'o-reject-customer' }),
    ]);
    expect((await board('refunds')).orders.map((o) => o._id)).toContain(orderId);
  });

  it('refund of an accepted order (manager): refunded through the sandbox, stock back', async () => {
    const before = (await cloud.stockOf(ESPRESSO)) as number;
    const orderId = await cloud.paidOrder('o-refund-customer', ESPRESSO, 1);
    dataOf(await cloud.as(STAFF, 'staff.accept', { storeId: STORE, orderId }));
    const byStaff = await cloud.as(STAFF, 'staff.refund', { storeId: STORE, orderId });
    expect(byStaff).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.stockOf(ESPRESSO)).toBe(before - 1);

    const done = dataOf(await cloud.as(MANAGER, 'staff.refund', { storeId: STORE, orderId }));
    expect(done.order.status).toBe('refunding');
    expect(await cloud.stockOf(ESPRESSO)).toBe(before);
    const order = await cloud.eventually(() => cloud.order(orderId), refunded);
    expect(order.refund).toMatchObject({ reason: 'staff_refund', refundFen: 1900 });
    expect(order.statusLog.find((e) => e.to === 'refunding')).toMatchObject({
      from: 'accepted',
      by: MANAGER,
      role: 'manager', // the caller's own role, not folded into staff
    });
    expect(await sandboxPayment(orderId)).toMatchObject({
      state: 'REFUND',
      refunds: [expect.objectContaining({ refundFee: 1900 })],
    });
    // Refunding again is refused; the stock is not given back twice.
    const again = await cloud.as(MANAGER, 'staff.refund', { storeId: STORE, orderId });
    expect(again).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(await cloud.stockOf(ESPRESSO)).toBe(before);
  });
});
