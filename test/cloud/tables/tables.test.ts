// Restaurant tables, pay after eating (issue 15), through the real wx-server-sdk against the
// built api, payNotify and cron functions: one shared cart and bill per table, rounds with their
// stock held, 买单 by WeChat Pay through one bill order, the counter, and who may see a table.

import type { Order } from '../../../miniprogram/domain/order';
import type { TableSession } from '../../../miniprogram/domain/tables';
import {
  dataOf,
  ESPRESSO,
  OTHER_STORE,
  type StaffCloud,
  startStaffCloud,
  STORE,
} from '../staff/staff-cloud';

jest.setTimeout(120_000);

const MANAGER = 'o-tbl-manager';
const STAFF = 'o-tbl-staff';
const ELSEWHERE = 'o-tbl-elsewhere'; // owner of another store
/** 意式浓缩 ¥18 (1800 fen), no specs. */
const PRICE = 1800;

let cloud: StaffCloud;

beforeAll(async () => {
  cloud = await startStaffCloud();
  await cloud.grant(MANAGER, STORE, 'manager');
  await cloud.grant(STAFF, STORE, 'staff');
  await cloud.grant(ELSEWHERE, OTHER_STORE, 'owner');
  await cloud.setStock(ESPRESSO, 500);
}, 60_000);
afterAll(() => cloud?.cloud.stop());

async function session(sessionId: string): Promise<TableSession> {
  return (await cloud.db.collection('table_sessions').doc(sessionId).get()).data as TableSession;
}

async function join(openid: string, tableNo: string) {
  return dataOf(await cloud.as(openid, 'table.join', { storeId: STORE, tableNo })).session;
}

async function add(openid: string, sessionId: string, qty = 1) {
  return cloud.as(openid, 'table.cart.add', { sessionId, goodsId: ESPRESSO, qty });
}

function errorCode(answer: { ok: boolean; error?: { code: string } }): string {
  return answer.ok ? 'ok' : (answer.error?.code ?? '?');
}

describe('store setting', () => {
  it('pay first is the default: table.join is refused until a manager switches to pay after', async () => {
    const before = await cloud.as('o-tbl-early', 'table.join', { storeId: STORE, tableNo: 'A1' });
    expect(errorCode(before)).toBe('INVALID_INPUT');
    expect(await cloud.count('table_sessions')).toBe(0);
    const refused = await cloud.as(STAFF, 'staff.table.settings', {
      storeId: STORE,
      dineInPayment: 'after',
    });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const set = dataOf(
      await cloud.as(MANAGER, 'staff.table.settings', {
        storeId: STORE,
        dineInPayment: 'after',
        tableIdleMinutes: 60,
      }),
    );
    expect(set).toEqual({ dineInPayment: 'after', tableIdleMinutes: 60 });
    const home = dataOf(await cloud.call('catalog.home', { storeId: STORE }));
    expect(home.unchanged).toBe(false);
    if (!home.unchanged) expect(home.store.dineInPayment).toBe('after');
  });
});

describe('one shared cart', () => {
  it('6 diners join and add at once: no line lost, seats 1–6, everyone sees the same cart', async () => {
    const diners = Array.from({ length: 6 }, (_, i) => `o-tbl-six-${i}`);
    const joined = await Promise.all(diners.map((openid) => join(openid, 'A2')));
    const sessionId = joined[0].sessionId;
    expect(new Set(joined.map((view) => view.sessionId))).toEqual(new Set([sessionId]));
    const answers = await Promise.all(diners.map((openid) => add(openid, sessionId)));
    expect(answers.map(errorCode)).toEqual(Array(6).fill('ok'));

    const stored = await session(sessionId);
    expect(stored.members).toHaveLength(6);
    expect(stored.cart).toHaveLength(6);
    expect(new Set(stored.cart.map((line) => line.by))).toEqual(new Set(diners));

    const views = await Promise.all(
      diners.map(async (openid) => {
        const answer = dataOf(await cloud.as(openid, 'table.get', { sessionId }));
        if (answer.unchanged) throw new Error('expected the session');
        return answer.session;
      }),
    );
    for (const [i, view] of views.entries()) {
      expect(view.cart).toHaveLength(6);
      expect(view.cart.map((line) => line.lineId)).toEqual(views[0].cart.map((l) => l.lineId));
      expect(view.cart.filter((line) => line.mine)).toHaveLength(1);
      expect(new Set(view.cart.map((line) => line.addedBy.seat))).toEqual(
        new Set([1, 2, 3, 4, 5, 6]),
      );
      expect(view.seat).toBe(stored.members.findIndex((m) => m.openid === diners[i]) + 1);
      expect(JSON.stringify(view)).not.toMatch(/o-tbl-six/); // no openid reaches the phones
    }
    // Polling: the version the phone holds answers `unchanged`.
    const again = dataOf(
      await cloud.as(diners[0], 'table.get', { sessionId, version: views[0].version }),
    );
    expect(again).toEqual({ unchanged: true, version: views[0].version, status: 'open' });
  });
});

describe('rounds and the bill', () => {
  it('two rounds and one cancelled line bill exactly; stock held by rounds, given back on cancel', async () => {
    const stock0 = (await cloud.stockOf(ESPRESSO)) ?? 0;
    const { sessionId } = await join('o-tbl-r1', 'A3');
    await join('o-tbl-r2', 'A3');
    dataOf(await add('o-tbl-r1', sessionId, 2));
    dataOf(await add('o-tbl-r2', sessionId, 1));
    const first = dataOf(await cloud.as('o-tbl-r2', 'table.order', { sessionId })).session;
    expect(first.cart).toEqual([]);
    expect(first.rounds).toHaveLength(1);
    expect(first.rounds[0].itemsFen).toBe(3 * PRICE);
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock0 - 3);

    // 加菜: a second round, and one from the console.
    dataOf(await add('o-tbl-r1', sessionId, 1));
    dataOf(await cloud.as('o-tbl-r1', 'table.order', { sessionId }));
    const staffRound = dataOf(
      await cloud.as(STAFF, 'staff.table.round', {
        storeId: STORE,
        sessionId,
        lines: [{ goodsId: ESPRESSO, qty: 2 }],
      }),
    ).session;
    expect(staffRound.rounds.map((round) => round.no)).toEqual([1, 2, 3]);
    expect(staffRound.rounds[2].lines[0].addedBy).toEqual({ seat: 0, kind: 'staff' });
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock0 - 6);

    // The 2-espresso line of round 1 is cancelled before it is made.
    const line = first.rounds[0].lines.find((l) => l.qty === 2)!;
    const cancelled = dataOf(
      await cloud.as(STAFF, 'staff.table.cancelLine', {
        storeId: STORE,
        sessionId,
        lineId: line.lineId,
      }),
    ).session;
    expect(cancelled.bill.totalFen).toBe(4 * PRICE);
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock0 - 4);
    const twice = await cloud.as(STAFF, 'staff.table.cancelLine', {
      storeId: STORE,
      sessionId,
      lineId: line.lineId,
    });
    expect(errorCode(twice)).toBe('ILLEGAL_TRANSITION');
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock0 - 4);

    // 买单: the bill order is the server's total; paying it does not take stock again.
    const pay = dataOf(await cloud.as('o-tbl-r2', 'table.pay', { sessionId }));
    expect(pay.totalFen).toBe(4 * PRICE);
    const bill = await cloud.order(pay.orderId);
    expect(bill).toMatchObject({
      mode: 'dine_in',
      tableSessionId: sessionId,
      stockHolds: [],
      amounts: { totalFen: 4 * PRICE, itemsFen: 4 * PRICE, packagingFeeFen: 0 },
    });
    expect(bill.lines.reduce((sum, l) => sum + l.qty, 0)).toBe(4);
    expect((await cloud.cloud.pay(pay.orderId, 'succeed')).status).toBe(200);
    const paid = await cloud.eventually(
      () => session(sessionId),
      (s) => s.status === 'paid',
    );
    expect(paid.settlement).toMatchObject({
      method: 'wechat',
      fen: 4 * PRICE,
      orderId: pay.orderId,
    });
    const settled = await cloud.order(pay.orderId);
    expect(settled.status).toBe('completed');
    expect(settled.statusLog.map((entry) => entry.to)).toEqual([
      'pending_payment',
      'paid',
      'completed',
    ]);
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock0 - 4);

    // A scan after the bill was settled opens a new session, never the old bill.
    const next = await join('o-tbl-r1', 'A3');
    expect(next.sessionId).not.toBe(sessionId);
    expect(next.bill.totalFen).toBe(0);
    expect(next.rounds).toEqual([]);
    expect((await session(sessionId)).status).toBe('closed');
  });

  it('two diners tapping 买单 at once: one bill, paid once; the other is told it is paid', async () => {
    const { sessionId } = await join('o-tbl-p1', 'A4');
    await join('o-tbl-p2', 'A4');
    dataOf(await add('o-tbl-p1', sessionId, 1));
    dataOf(await cloud.as('o-tbl-p1', 'table.order', { sessionId }));
    const taps = await Promise.all([
      cloud.as('o-tbl-p1', 'table.pay', { sessionId }),
      cloud.as('o-tbl-p2', 'table.pay', { sessionId }),
    ]);
    // One is handed the bill; the other is told a diner is paying it.
    expect(taps.map(errorCode).sort()).toEqual(['ORDER_NOT_PAYABLE', 'ok']);
    const winner = taps.findIndex((tap) => tap.ok);
    const payer = ['o-tbl-p1', 'o-tbl-p2'][winner];
    const other = ['o-tbl-p1', 'o-tbl-p2'][1 - winner];
    expect(taps[1 - winner]).toMatchObject({
      error: { message: expect.stringMatching(/^座位 [12] 正在买单/) },
    });
    const { orderId } = dataOf(taps[winner]);
    expect(await cloud.count('orders', { tableSessionId: sessionId })).toBe(1);
    expect((await cloud.order(orderId))._openid).toBe(payer);
    const watching = dataOf(await cloud.as(other, 'table.get', { sessionId }));
    if (watching.unchanged) throw new Error('expected the session');
    expect(watching.session.status).toBe('paying');
    expect(watching.session.bill.payingSeat).toBeGreaterThan(0);

    await cloud.cloud.pay(orderId, 'succeed');
    await cloud.eventually(
      () => session(sessionId),
      (s) => s.status === 'paid',
    );
    const late = await cloud.as(other, 'table.pay', { sessionId });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'ORDER_NOT_PAYABLE', message: '本桌已买单' },
    });
    const view = dataOf(await cloud.as(other, 'table.get', { sessionId }));
    expect(view.unchanged ? view.status : view.session.status).toBe('paid');
    expect(await cloud.count('payments', { outTradeNo: orderId, outcome: 'paid' })).toBe(1);
  });

  it('a diner who left the payment open is taken over later; their late payment is refunded', async () => {
    const { sessionId } = await join('o-tbl-t1', 'B2');
    await join('o-tbl-t2', 'B2');
    dataOf(await add('o-tbl-t1', sessionId, 2));
    dataOf(await cloud.as('o-tbl-t1', 'table.order', { sessionId }));
    const first = dataOf(await cloud.as('o-tbl-t1', 'table.pay', { sessionId }));
    // The same diner again: the same bill.
    expect(dataOf(await cloud.as('o-tbl-t1', 'table.pay', { sessionId })).orderId).toBe(
      first.orderId,
    );
    // Four minutes later the other diner pays instead.
    await cloud.db
      .collection('orders')
      .doc(first.orderId)
      .update({ data: { createdAt: Date.now() - 4 * 60_000 } });
    const second = dataOf(await cloud.as('o-tbl-t2', 'table.pay', { sessionId }));
    expect(second.orderId).not.toBe(first.orderId);
    expect(second.totalFen).toBe(2 * PRICE);
    expect((await cloud.order(first.orderId)).status).toBe('cancelled');
    await cloud.cloud.pay(second.orderId, 'succeed');
    await cloud.eventually(
      () => session(sessionId),
      (s) => s.status === 'paid',
    );
    // The first diner's payment still lands: the bill is settled, so it goes back.
    await cloud.cloud.pay(first.orderId, 'succeed');
    const refunded = await cloud.eventually(
      () => cloud.order(first.orderId),
      (o: Order) => o.status === 'refunded',
    );
    expect(refunded.refund).toMatchObject({ reason: 'late_payment', refundFen: 2 * PRICE });
    expect((await session(sessionId)).settlement).toMatchObject({
      method: 'wechat',
      orderId: second.orderId,
      fen: 2 * PRICE,
    });
    dataOf(await cloud.as(STAFF, 'staff.table.close', { storeId: STORE, sessionId }));
  });

  it('a replayed pay callback for a bill changes nothing', async () => {
    const { sessionId } = await join('o-tbl-replay', 'A5');
    dataOf(await add('o-tbl-replay', sessionId, 1));
    dataOf(await cloud.as('o-tbl-replay', 'table.order', { sessionId }));
    const { orderId } = dataOf(await cloud.as('o-tbl-replay', 'table.pay', { sessionId }));
    await cloud.cloud.pay(orderId, 'succeed');
    const paid = await cloud.eventually(
      () => session(sessionId),
      (s) => s.status === 'paid',
    );
    const order = await cloud.order(orderId);
    const replays = await Promise.all(
      Array.from({ length: 5 }, () => cloud.cloud.pay(orderId, 'replay')),
    );
    for (const replay of replays) {
      expect(replay.json).toMatchObject({ callbackResult: { errcode: 0 } });
    }
    expect(await session(sessionId)).toEqual(paid);
    expect(await cloud.order(orderId)).toEqual(order);
    expect(await cloud.count('payments', { outTradeNo: orderId, outcome: 'paid' })).toBe(1);
  });

  it('paid at the counter while a WeChat payment is open: the late payment is refunded', async () => {
    const { sessionId } = await join('o-tbl-counter', 'A6');
    dataOf(await add('o-tbl-counter', sessionId, 1));
    dataOf(await cloud.as('o-tbl-counter', 'table.order', { sessionId }));
    const { orderId } = dataOf(await cloud.as('o-tbl-counter', 'table.pay', { sessionId }));
    const marked = dataOf(
      await cloud.as(STAFF, 'staff.table.markPaid', { storeId: STORE, sessionId, method: 'cash' }),
    ).session;
    expect(marked.status).toBe('paid');
    expect(marked.bill.settlement).toMatchObject({ method: 'cash', fen: PRICE, role: 'staff' });
    expect((await session(sessionId)).settlement).toMatchObject({ by: STAFF });
    expect((await cloud.order(orderId)).status).toBe('cancelled');
    await cloud.cloud.pay(orderId, 'succeed');
    const refunded = await cloud.eventually(
      () => cloud.order(orderId),
      (o: Order) => o.status === 'refunded',
    );
    expect(refunded.refund).toMatchObject({ reason: 'late_payment', refundFen: PRICE });
    expect((await session(sessionId)).settlement).toMatchObject({ method: 'cash' });
  });
});

describe('AA: the bill in even shares', () => {
  it('n ordinary WeChat payments; the bill closes when all are paid, and is locked once one is', async () => {
    const diners = ['o-tbl-aa1', 'o-tbl-aa2', 'o-tbl-aa3'];
    const { sessionId } = await join(diners[0], 'A4'); // the paid session there is closed first
    for (const openid of diners.slice(1)) await join(openid, 'A4');
    dataOf(await add(diners[0], sessionId, 2));
    dataOf(await add(diners[1], sessionId, 1));
    dataOf(await cloud.as(diners[2], 'table.order', { sessionId }));
    const tooMany = await cloud.as(diners[0], 'table.split', { sessionId, parts: 21 });
    expect(errorCode(tooMany)).toBe('INVALID_INPUT');
    const split = dataOf(await cloud.as(diners[0], 'table.split', { sessionId, parts: 3 })).session;
    expect(split.status).toBe('paying');
    expect(split.bill.split?.shares.map((share) => [share.no, share.fen, share.state])).toEqual([
      [1, PRICE, 'open'],
      [2, PRICE, 'open'],
      [3, PRICE, 'open'],
    ]);

    const [a, b] = await Promise.all([
      cloud.as(diners[0], 'table.pay', { sessionId }),
      cloud.as(diners[1], 'table.pay', { sessionId }),
    ]);
    const payA = dataOf(a);
    const payB = dataOf(b);
    expect(payA.orderId).not.toBe(payB.orderId);
    expect([payA.share?.no, payB.share?.no].sort()).toEqual([1, 2]);
    expect(payA.totalFen).toBe(PRICE);
    // The same diner again: the same share.
    expect(dataOf(await cloud.as(diners[0], 'table.pay', { sessionId })).orderId).toBe(
      payA.orderId,
    );
    await cloud.cloud.pay(payA.orderId, 'succeed');
    await cloud.eventually(
      () => session(sessionId),
      (s) => Boolean(s.split?.shares.some((share) => share.paidAt)),
    );
    expect((await session(sessionId)).status).toBe('paying');

    // Once a share is paid the bill cannot change: no new round, no cancelled line.
    const stock = await cloud.stockOf(ESPRESSO);
    dataOf(await add(diners[2], sessionId, 1));
    expect(errorCode(await cloud.as(diners[2], 'table.order', { sessionId }))).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock);
    const lineId = split.rounds[0].lines[0].lineId;
    const cancel = await cloud.as(STAFF, 'staff.table.cancelLine', {
      storeId: STORE,
      sessionId,
      lineId,
    });
    expect(errorCode(cancel)).toBe('ILLEGAL_TRANSITION');

    const payC = dataOf(await cloud.as(diners[2], 'table.pay', { sessionId }));
    expect(payC.share?.no).toBe(3);
    await cloud.cloud.pay(payB.orderId, 'succeed');
    await cloud.cloud.pay(payC.orderId, 'succeed');
    const paid = await cloud.eventually(
      () => session(sessionId),
      (s) => s.status === 'paid',
    );
    expect(paid.settlement).toMatchObject({ method: 'wechat', fen: 3 * PRICE, note: 'AA 3 份' });
    const orders = await Promise.all([payA, payB, payC].map((pay) => cloud.order(pay.orderId)));
    expect(orders.map((order) => [order.status, order.amounts.totalFen, order.stockHolds])).toEqual(
      Array(3).fill(['completed', PRICE, []]),
    );
    // A replayed callback for a share changes nothing.
    await cloud.cloud.pay(payB.orderId, 'replay');
    expect(await session(sessionId)).toEqual(paid);
    const late = await cloud.as(diners[1], 'table.pay', { sessionId });
    expect(late).toMatchObject({ error: { code: 'ORDER_NOT_PAYABLE', message: '本桌已买单' } });
  });

  it('one share paid by WeChat, the rest at the counter: the counter settles what is left', async () => {
    const { sessionId } = await join('o-tbl-aa-x', 'B2');
    await join('o-tbl-aa-y', 'B2');
    dataOf(await add('o-tbl-aa-x', sessionId, 2));
    dataOf(await cloud.as('o-tbl-aa-x', 'table.order', { sessionId }));
    dataOf(await cloud.as('o-tbl-aa-x', 'table.split', { sessionId, parts: 2 }));
    const x = dataOf(await cloud.as('o-tbl-aa-x', 'table.pay', { sessionId }));
    const y = dataOf(await cloud.as('o-tbl-aa-y', 'table.pay', { sessionId }));
    await cloud.cloud.pay(x.orderId, 'succeed');
    await cloud.eventually(
      () => session(sessionId),
      (s) => Boolean(s.split?.shares.some((share) => share.paidAt)),
    );
    const marked = dataOf(
      await cloud.as(STAFF, 'staff.table.markPaid', { storeId: STORE, sessionId, method: 'card' }),
    ).session;
    expect(marked.status).toBe('paid');
    expect(marked.bill.settlement).toMatchObject({ method: 'card', fen: PRICE });
    expect((await cloud.order(y.orderId)).status).toBe('cancelled');
    expect((await cloud.order(x.orderId)).status).toBe('completed');
    dataOf(await cloud.as(STAFF, 'staff.table.close', { storeId: STORE, sessionId }));
  });
});

describe('staff hear of each round', () => {
  it('as of a new order: one message per staff member, opening the 桌台 console', async () => {
    dataOf(await cloud.as(STAFF, 'subscribe.record', { templateIds: ['tpl-order-paid'] }));
    await cloud.cloud.clearOutbox();
    const { sessionId } = await join('o-tbl-notify', 'A1');
    dataOf(await add('o-tbl-notify', sessionId, 2));
    const { session: view } = dataOf(await cloud.as('o-tbl-notify', 'table.order', { sessionId }));
    const roundId = view.rounds[0].roundId;
    const sends = (await cloud.cloud.outbox('subscribeMessage.send')).filter(
      (call) => (call.request as { touser?: string }).touser === STAFF,
    );
    expect(sends).toHaveLength(1);
    expect(sends[0].request).toMatchObject({
      template_id: 'tpl-order-paid',
      page: `packages/staff/pages/floor/index?storeId=${STORE}&from=subscribe`,
      data: {
        character_string1: { value: 'A1-1' },
        amount3: { value: expect.stringContaining('36') },
      },
    });
    const docs = await cloud.messages({ kind: 'table_round', roundId });
    // The store's message, fanned out to each of its staff (the others hold no grant: skipped).
    expect(docs.filter((doc) => doc.status === 'fanned_out')).toHaveLength(1);
    expect(docs.find((doc) => doc.openid === STAFF)).toMatchObject({ status: 'sent' });
    dataOf(
      await cloud.as(MANAGER, 'staff.table.close', { storeId: STORE, sessionId, reason: '测试' }),
    );
  });
});

describe('staff', () => {
  it('the 桌台 view, moving a table, and closing unpaid only by a manager with a reason', async () => {
    const { sessionId } = await join('o-tbl-move', 'B1');
    dataOf(await add('o-tbl-move', sessionId, 1));
    dataOf(await cloud.as('o-tbl-move', 'table.order', { sessionId }));
    const board = dataOf(await cloud.as(STAFF, 'staff.table.board', { storeId: STORE }));
    expect(board.tables.find((t) => t.tableNo === 'B1')).toMatchObject({
      state: 'eating',
      sessionId,
      billFen: PRICE,
      diners: 1,
      rounds: 1,
    });
    expect(board.tables.find((t) => t.tableNo === 'B4')).toMatchObject({ state: 'free' });

    const occupied = await cloud.as(STAFF, 'staff.table.move', {
      storeId: STORE,
      sessionId,
      toTableNo: 'A6', // paid at the counter above, not cleared yet
    });
    expect(errorCode(occupied)).toBe('ILLEGAL_TRANSITION');
    const moved = dataOf(
      await cloud.as(STAFF, 'staff.table.move', { storeId: STORE, sessionId, toTableNo: 'B2' }),
    ).session;
    expect(moved.tableNo).toBe('B2');
    // The same phone scanning B2 is in the moved session; B1 is free again.
    expect((await join('o-tbl-move', 'B2')).sessionId).toBe(sessionId);
    const b1 = await join('o-tbl-b1', 'B1');
    expect(b1.sessionId).not.toBe(sessionId);

    const byStaff = await cloud.as(STAFF, 'staff.table.close', {
      storeId: STORE,
      sessionId,
      reason: '走单',
    });
    expect(errorCode(byStaff)).toBe('FORBIDDEN');
    const noReason = await cloud.as(MANAGER, 'staff.table.close', { storeId: STORE, sessionId });
    expect(errorCode(noReason)).toBe('INVALID_INPUT');
    expect((await session(sessionId)).status).toBe('open');
    const closed = dataOf(
      await cloud.as(MANAGER, 'staff.table.close', { storeId: STORE, sessionId, reason: '走单' }),
    ).session;
    expect(closed.status).toBe('closed');
    expect(closed.statusLog.at(-1)).toMatchObject({
      from: 'open',
      to: 'closed',
      by: MANAGER,
      role: 'manager',
      note: '走单',
    });
    const addAfter = await add('o-tbl-move', sessionId);
    expect(errorCode(addAfter)).toBe('ILLEGAL_TRANSITION');
  });

  it('出品: a made round is for a manager to cancel, and its stock is not given back', async () => {
    const { sessionId } = await join('o-tbl-b1', 'B1');
    dataOf(await add('o-tbl-b1', sessionId, 1));
    dataOf(await add('o-tbl-b1', sessionId, 2));
    const sent = dataOf(await cloud.as('o-tbl-b1', 'table.order', { sessionId })).session;
    const roundId = sent.rounds[0].roundId;
    const before = dataOf(await cloud.as(STAFF, 'staff.table.board', { storeId: STORE }));
    expect(before.tables.find((t) => t.tableNo === 'B1')).toMatchObject({ roundsToMake: 1 });
    const made = dataOf(
      await cloud.as(STAFF, 'staff.table.made', { storeId: STORE, sessionId, roundId }),
    ).session;
    expect(made.rounds[0].madeAt).toBeGreaterThan(0);
    const after = dataOf(await cloud.as(STAFF, 'staff.table.board', { storeId: STORE }));
    expect(after.tables.find((t) => t.tableNo === 'B1')).toMatchObject({ roundsToMake: 0 });
    const stock = await cloud.stockOf(ESPRESSO);
    const lineId = made.rounds[0].lines.find((line) => line.qty === 2)!.lineId;
    const ref = { storeId: STORE, sessionId, lineId };
    expect(errorCode(await cloud.as(STAFF, 'staff.table.cancelLine', ref))).toBe('FORBIDDEN');
    const cancelled = dataOf(await cloud.as(MANAGER, 'staff.table.cancelLine', ref)).session;
    expect(cancelled.bill.totalFen).toBe(PRICE);
    expect(await cloud.stockOf(ESPRESSO)).toBe(stock);
    dataOf(
      await cloud.as(STAFF, 'staff.table.markPaid', { storeId: STORE, sessionId, method: 'other' }),
    );
    dataOf(await cloud.as(STAFF, 'staff.table.close', { storeId: STORE, sessionId }));
  });

  it('an idle session is ended by the cron and shown to staff', async () => {
    const { sessionId } = await join('o-tbl-idle', 'B3');
    dataOf(await add('o-tbl-idle', sessionId, 1));
    const idle = { lastActivityAt: Date.now() - 61 * 60_000 };
    await cloud.db.collection('table_sessions').doc(sessionId).update({ data: idle });
    // A6 was paid at the counter and never cleared: the cron clears it, telling nobody.
    const a6 = (await cloud.db.collection('table_slots').doc(`${STORE}:A6`).get()).data.sessionId;
    await cloud.db.collection('table_sessions').doc(a6).update({ data: idle });
    const fired = await cloud.cloud.fireTimer('cron', 'every-minute');
    expect(fired.json).toMatchObject({ result: { ok: true, tablesExpired: 1 } });
    expect((await session(sessionId)).status).toBe('expired');
    expect((await session(a6)).status).toBe('closed');
    expect(await cloud.messages({ kind: 'table_expired', sessionId: a6 })).toEqual([]);
    const told = await cloud.messages({ kind: 'table_expired', sessionId });
    expect(told.find((doc) => doc.openid === undefined)).toMatchObject({ status: 'fanned_out' });
    expect(told.filter((doc) => doc.openid === STAFF)).toHaveLength(1);
    const board = dataOf(await cloud.as(STAFF, 'staff.table.board', { storeId: STORE }));
    expect(board.expired.map((entry) => entry.sessionId)).toContain(sessionId);
    expect(board.tables.find((t) => t.tableNo === 'B3')).toMatchObject({ state: 'free' });
    expect((await join('o-tbl-idle', 'B3')).sessionId).not.toBe(sessionId);
  });
});

describe('who may see a table', () => {
  let sessionId = '';
  let before: TableSession;

  beforeAll(async () => {
    ({ sessionId } = await join('o-tbl-owner', 'B4'));
    dataOf(await add('o-tbl-owner', sessionId, 1));
    before = await session(sessionId);
  });

  it('a phone that did not scan the code can neither read nor change the table', async () => {
    const stranger = 'o-tbl-stranger';
    const answers = await Promise.all([
      cloud.as(stranger, 'table.get', { sessionId }),
      add(stranger, sessionId),
      cloud.as(stranger, 'table.cart.remove', { sessionId, lineId: before.cart[0].lineId }),
      cloud.as(stranger, 'table.order', { sessionId }),
      cloud.as(stranger, 'table.pay', { sessionId }),
    ]);
    expect(answers.map(errorCode)).toEqual(Array(5).fill('NOT_FOUND'));
    expect(await session(sessionId)).toEqual(before);
  });

  it('staff of another store cannot see it; staff of this store can', async () => {
    const here = await cloud.as(ELSEWHERE, 'staff.table.get', { storeId: STORE, sessionId });
    expect(errorCode(here)).toBe('FORBIDDEN');
    const theirs = await cloud.as(ELSEWHERE, 'staff.table.get', {
      storeId: OTHER_STORE,
      sessionId,
    });
    expect(errorCode(theirs)).toBe('NOT_FOUND');
    const cancel = await cloud.as(ELSEWHERE, 'staff.table.markPaid', {
      storeId: OTHER_STORE,
      sessionId,
      method: 'cash',
    });
    expect(errorCode(cancel)).toBe('NOT_FOUND');
    const board = dataOf(await cloud.as(ELSEWHERE, 'staff.table.board', { storeId: OTHER_STORE }));
    expect(board.tables.some((t) => t.sessionId === sessionId)).toBe(false);
    expect(
      dataOf(await cloud.as(STAFF, 'staff.table.get', { storeId: STORE, sessionId })).session.cart,
    ).toHaveLength(1);
    expect(await session(sessionId)).toEqual(before);
  });

  it('hostile input is refused and changes nothing', async () => {
    const owner = 'o-tbl-owner';
    const cases: Array<[string, unknown, string]> = [
      ['table.get', { sessionId: '../etc' }, 'INVALID_INPUT'],
      ['table.get', { sessionId: 'ts-no-such-session' }, 'NOT_FOUND'],
      ['table.cart.add', { sessionId, goodsId: ESPRESSO, qty: -1 }, 'INVALID_INPUT'],
      ['table.cart.add', { sessionId, goodsId: ESPRESSO, qty: 0 }, 'INVALID_INPUT'],
      ['table.cart.add', { sessionId, goodsId: ESPRESSO, qty: 1.5 }, 'INVALID_INPUT'],
      ['table.cart.add', { sessionId, goodsId: 'no-such-goods', qty: 1 }, 'NOT_FOUND'],
      ['table.cart.add', { sessionId, goodsId: ESPRESSO, qty: 1, openid: 'x' }, 'INVALID_INPUT'],
      ['table.cart.add', { sessionId, goodsId: ESPRESSO, qty: 1, priceFen: 1 }, 'INVALID_INPUT'],
      ['table.cart.remove', { sessionId, lineId: 'no-such-line' }, 'NOT_FOUND'],
      ['table.join', { storeId: STORE, tableNo: 'Z99' }, 'NOT_FOUND'],
      ['table.join', { storeId: 'no-such-store', tableNo: 'A1' }, 'NOT_FOUND'],
      ['table.join', { storeId: STORE, tableNo: 'A1', seat: 1 }, 'INVALID_INPUT'],
    ];
    for (const [action, data, code] of cases) {
      const answer = await cloud.as(owner, action as 'table.get', data);
      expect([action, JSON.stringify(data), errorCode(answer)]).toEqual([
        action,
        JSON.stringify(data),
        code,
      ]);
    }
    const staffCases: Array<[string, unknown, string]> = [
      ['staff.table.cancelLine', { storeId: STORE, sessionId, lineId: 'nope' }, 'NOT_FOUND'],
      ['staff.table.move', { storeId: STORE, sessionId, toTableNo: 'Z99' }, 'NOT_FOUND'],
      ['staff.table.markPaid', { storeId: STORE, sessionId, method: 'iou' }, 'INVALID_INPUT'],
      [
        'staff.table.round',
        { storeId: STORE, sessionId, lines: [{ goodsId: ESPRESSO, qty: -2 }] },
        'INVALID_INPUT',
      ],
      ['staff.table.get', { storeId: STORE, sessionId: 'ts-nope' }, 'NOT_FOUND'],
    ];
    for (const [action, data, code] of staffCases) {
      const answer = await cloud.as(STAFF, action as 'staff.table.get', data);
      expect([action, errorCode(answer)]).toEqual([action, code]);
    }
    expect(await session(sessionId)).toEqual(before);
  });
});

describe('the kitchen', () => {
  it('prints each round on the kitchen printer at once, before the bill is paid (no receipt)', async () => {
    const add = (printer: Record<string, unknown>) =>
      cloud.as(MANAGER, 'staff.printers.add', { storeId: STORE, key: 'abcd1234', ...printer });
    dataOf(await add({ sn: '916500001', name: '前台', paperMm: 80, role: 'receipt' }));
    dataOf(
      await add({ sn: '916500002', name: '吧台', paperMm: 58, role: 'kitchen', station: '吧台' }),
    );
    const { sessionId } = await join('o-tbl-kitchen', 'A1');
    dataOf(
      await cloud.as('o-tbl-kitchen', 'table.cart.add', { sessionId, goodsId: ESPRESSO, qty: 3 }),
    );
    const { session: view } = dataOf(await cloud.as('o-tbl-kitchen', 'table.order', { sessionId }));
    const roundId = view.rounds[0].roundId;
    const jobs = (
      await cloud.db
        .collection('print_jobs')
        .where({ orderId: `table-${roundId}` })
        .get()
    ).data as Array<{ role: string; kind: string; ticket: { blocks: Array<{ text?: string }> } }>;
    expect(jobs.map((job) => [job.role, job.kind])).toEqual([['kitchen', 'order']]);
    const text = jobs[0].ticket.blocks.map((block) => block.text ?? '').join('\n');
    expect(text).toContain('A1桌 A1-1');
    expect(text).toMatch(/意式浓缩\s+x3/);
  });

  it('a line taken off before it is made prints 退菜 for the kitchen; once made, nothing', async () => {
    const { sessionId } = await join('o-tbl-kitchen-x', 'B4');
    const order = async (qty: number) => {
      dataOf(
        await cloud.as('o-tbl-kitchen-x', 'table.cart.add', { sessionId, goodsId: ESPRESSO, qty }),
      );
      const { session: view } = dataOf(
        await cloud.as('o-tbl-kitchen-x', 'table.order', { sessionId }),
      );
      return view.rounds[view.rounds.length - 1];
    };
    const cancelJobs = async () =>
      (await cloud.db.collection('print_jobs').where({ kind: 'cancel' }).get()).data as Array<{
        role: string;
        station: string;
        orderId: string;
        ticket: { blocks: Array<{ text?: string }> };
      }>;
    const before = (await cancelJobs()).length;

    const first = await order(2);
    dataOf(
      await cloud.as(STAFF, 'staff.table.cancelLine', {
        storeId: STORE,
        sessionId,
        lineId: first.lines[first.lines.length - 1].lineId, // this diner's 2 (the table had more)
      }),
    );
    const jobs = await cancelJobs();
    expect(jobs).toHaveLength(before + 1);
    const job = jobs[jobs.length - 1];
    expect([job.role, job.station]).toEqual(['kitchen', '吧台']);
    const text = job.ticket.blocks.map((block) => block.text ?? '').join('\n');
    expect(text).toContain('【退菜】');
    expect(text).toContain('B4桌 B4-1');
    expect(text).toMatch(/意式浓缩\s+x2/);

    // Made, then taken off by a manager: the kitchen has nothing left to stop.
    const second = await order(1);
    dataOf(
      await cloud.as(STAFF, 'staff.table.made', {
        storeId: STORE,
        sessionId,
        roundId: second.roundId,
      }),
    );
    dataOf(
      await cloud.as(MANAGER, 'staff.table.cancelLine', {
        storeId: STORE,
        sessionId,
        lineId: second.lines[0].lineId,
      }),
    );
    expect(await cancelJobs()).toHaveLength(before + 1);
  });
  it("a table's ticket that fails for good is told to staff as its round", async () => {
    const BAR_SN = '916500002';
    await cloud.cloud.http('POST', '/feie/__devices', { sn: BAR_SN, online: false });
    try {
      const { sessionId } = await join('o-tbl-kitchen-f', 'A5');
      dataOf(
        await cloud.as('o-tbl-kitchen-f', 'table.cart.add', {
          sessionId,
          goodsId: ESPRESSO,
          qty: 1,
        }),
      );
      const { session: view } = dataOf(
        await cloud.as('o-tbl-kitchen-f', 'table.order', { sessionId }),
      );
      const orderId = `table-${view.rounds[0].roundId}`;
      const [job] = (await cloud.db.collection('print_jobs').where({ orderId }).get())
        .data as Array<{
        _id: string;
      }>;
      for (let attempt = 2; attempt <= 5; attempt += 1) {
        await cloud.db
          .collection('print_jobs')
          .doc(job._id)
          .update({ data: { retryAt: 0 } });
        await cloud.cloud.fireTimer('cron', 'every-minute');
      }
      expect((await cloud.db.collection('print_jobs').doc(job._id).get()).data.state).toBe(
        'failed',
      );
      const told = await cloud.messages({ kind: 'print_failed', orderId });
      expect(told.length).toBeGreaterThan(1); // the store's message and one per staff member
      expect(told[0]).toMatchObject({ sessionId, roundId: view.rounds[0].roundId });
      for (const message of told) {
        expect(['fanned_out', 'sent', 'skipped']).toContain(message.status);
      }
    } finally {
      await cloud.cloud.http('POST', '/feie/__devices', { sn: BAR_SN, online: true });
    }
  });
});
