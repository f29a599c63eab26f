// Restaurant tables (issue 15): joining a table's session by its code, the shared cart, rounds
// sent to the kitchen (加菜) with their stock held, one bill at the end — by WeChat Pay through
// an ordinary `orders` document (so the pay callback, its idempotence, expiry and late-payment
// refunds are the orders' own) or at the counter — and what staff do to a table.
//
// A table's current session is named by its slot (`table_slots`, `<storeId>:<tableNo>`): a new
// session claims the slot with a conditional write, so two phones scanning a free table at once
// open one session, and a code scanned after the session ended opens a new one.

import type { Goods, Store, Table } from '../../../miniprogram/domain/catalog';
import { DomainError } from '../../../miniprogram/domain/errors';
import type { Order, OrderLineInput, PricedLine } from '../../../miniprogram/domain/order';
import { businessDate, orderNumber } from '../../../miniprogram/domain/order-number';
import { priceOrder, stockHolds } from '../../../miniprogram/domain/order-pricing';
import { initialStatus, PAYMENT_RECEIVED_STATUSES } from '../../../miniprogram/domain/order-status';
import {
  BILL_PAY_LOCK_MS,
  asPricedLine,
  billFen,
  splitFen,
  type BillShare,
  type BillSplit,
  LIVE_SESSION_STATUSES,
  type CartLine,
  type Round,
  type RoundLine,
  type Settlement,
  type StaffTableBoardResponse,
  type StaffTableSettingsRequest,
  type StaffTableSettingsResponse,
  type TablePayResponse,
  type TableSession,
  type TableState,
  DEFAULT_TABLE_IDLE_MINUTES,
} from '../../../miniprogram/domain/tables';
import { unpaidOrderTtlMinutes } from '../../config';
import type { Database } from '../cloud';
import { fetchDocs, findById, findOne, readAll } from '../db';
import { cancelUnpaid } from '../orders/cancel';
import { applyTransition, loadOrder, updateWhileStatus } from '../orders/order-store';
import { failureText, payWindowOpen, succeeded, unifiedOrder } from '../orders/pay';
import { newShipping } from '../orders/shipping';
import { releaseStock, reserveStock } from '../orders/stock';
import { updatedCount } from '../orders/updates';
import { loadStore } from '../staff/stores';
import { COLLECTIONS } from '../collections';
import { printCancelledLine, tellStaffOfExpiry, tellStaffOfRound } from './messages';
import {
  loadMemberSession,
  loadSession,
  loadStoreSession,
  newId,
  writeSession,
  WRITE_ATTEMPTS,
  type TableActor,
} from './store';

interface Slot {
  _id: string;
  storeId: string;
  tableNo: string;
  sessionId: string;
  updatedAt: number;
}

/** Store fields of this issue (optional on the document: missing = pay first, 180 min). */
type TableStore = Store & { dineInPayment?: 'first' | 'after'; tableIdleMinutes?: number };

const MAX_CART_LINES = 50;

const slotId = (storeId: string, tableNo: string) => `${storeId}:${tableNo}`;
const isLive = (session: TableSession) => LIVE_SESSION_STATUSES.includes(session.status);

function busy(): DomainError {
  return new DomainError('INTERNAL', '桌台正忙，请稍后重试 (too many concurrent changes)');
}

function ended(session: TableSession): DomainError {
  return new DomainError(
    'ILLEGAL_TRANSITION',
    session.status === 'paid' ? '本桌已买单' : `本桌已结束 (session is ${session.status})`,
  );
}

async function loadAfterStore(db: Database, storeId: string): Promise<TableStore> {
  const store = (await loadStore(db, storeId)) as TableStore;
  if (store.dineInPayment !== 'after') {
    throw new DomainError('INVALID_INPUT', '本店堂食为先付款后用餐 (dineInPayment is "first")');
  }
  return store;
}

async function loadTable(db: Database, storeId: string, tableNo: string): Promise<Table> {
  const table = await findOne<Table>(db, COLLECTIONS.tables, { storeId, tableNo });
  if (!table) throw new DomainError('NOT_FOUND', `桌号 ${tableNo} 不存在`);
  return table;
}

/** Points the table's slot at `sessionId` if it still points where we read it (`from`). */
async function claimSlot(
  db: Database,
  storeId: string,
  tableNo: string,
  from: Slot | null,
  sessionId: string,
  now: number,
): Promise<boolean> {
  const _id = slotId(storeId, tableNo);
  if (!from) {
    try {
      await db
        .collection(COLLECTIONS.tableSlots)
        .add({ data: { _id, storeId, tableNo, sessionId, updatedAt: now } });
      return true;
    } catch {
      return false; // another phone opened the table first: read again
    }
  }
  const result = await db
    .collection(COLLECTIONS.tableSlots)
    .where({ _id, sessionId: from.sessionId })
    .update({ data: { sessionId, updatedAt: now } });
  return updatedCount(result) === 1;
}

/** The table's current session (live or paid, and still at this table), with its slot. */
async function currentSession(
  db: Database,
  storeId: string,
  tableNo: string,
): Promise<{ slot: Slot | null; session: TableSession | null }> {
  const slot = await findById<Slot>(db, COLLECTIONS.tableSlots, slotId(storeId, tableNo));
  const session = slot?.sessionId ? await loadSession(db, slot.sessionId) : null;
  const current =
    session &&
    session.storeId === storeId &&
    session.tableNo === tableNo &&
    (isLive(session) || session.status === 'paid');
  return { slot, session: current ? session : null };
}

// ---- diners ----

/**
 * table.join: the caller joins the table's open session, or opens one. A paid session still on
 * the table is closed first: a code scanned after the bill was settled never shows the old bill.
 */
export async function joinTable(
  db: Database,
  storeId: string,
  tableNo: string,
  openid: string,
  now: Date = new Date(),
): Promise<TableSession> {
  await loadAfterStore(db, storeId);
  await loadTable(db, storeId, tableNo);
  const _ = db.command;
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const { slot, session } = await currentSession(db, storeId, tableNo);
    if (session && isLive(session)) {
      if (session.members.some((member) => member.openid === openid)) return session;
      const result = await db
        .collection(COLLECTIONS.tableSessions)
        .where({
          _id: session._id,
          status: _.in([...LIVE_SESSION_STATUSES]),
          'members.openid': _.neq(openid),
        })
        .update({
          data: {
            members: _.push([{ openid, joinedAt: now.getTime() }]),
            version: _.inc(1),
            lastActivityAt: now.getTime(),
          },
        });
      if (updatedCount(result) === 1) return (await loadSession(db, session._id)) as TableSession;
      continue;
    }
    if (session && session.status === 'paid') {
      await writeSession(
        db,
        session,
        { closedAt: now.getTime() },
        { to: 'closed', actor: { role: 'system', id: 'table.join' }, note: '新顾客扫码' },
        now,
      );
      continue;
    }
    // The session is stored before the slot names it, so whoever reads the slot finds it; a
    // session whose claim lost is removed again (nobody was handed it).
    const sessionId = newId('ts');
    const created: TableSession = {
      _id: sessionId,
      storeId,
      tableNo,
      status: 'open',
      statusLog: [{ from: 'open', to: 'open', by: openid, role: 'customer', at: now.getTime() }],
      version: 1,
      members: [{ openid, joinedAt: now.getTime() }],
      cart: [],
      rounds: [],
      billOrderId: '',
      billBy: '',
      settlement: null,
      closeNote: '',
      createdAt: now.getTime(),
      lastActivityAt: now.getTime(),
      closedAt: null,
    };
    const { _id, ...data } = created;
    await db.collection(COLLECTIONS.tableSessions).add({ data: { _id, ...data } });
    if (await claimSlot(db, storeId, tableNo, slot, sessionId, now.getTime())) return created;
    await db.collection(COLLECTIONS.tableSessions).where({ _id: sessionId }).remove();
  }
  throw busy();
}

function loadGoods(db: Database, storeId: string, ids: string[]): Promise<Goods[]> {
  const _ = db.command;
  return fetchDocs<Goods>(
    db
      .collection(COLLECTIONS.goods)
      .where({ _id: _.in(ids), storeId })
      .limit(ids.length),
  );
}

/** Prices lines for this table as a dine-in order: the same rules and errors as order.create. */
async function priceLines(
  db: Database,
  session: TableSession,
  lines: OrderLineInput[],
  now: Date,
): Promise<{ lines: PricedLine[]; goods: Goods[] }> {
  const ids = [...new Set(lines.map((line) => line.goodsId))];
  const [store, goods] = await Promise.all([
    loadStore(db, session.storeId),
    loadGoods(db, session.storeId, ids),
  ]);
  const quote = priceOrder(
    {
      storeId: session.storeId,
      mode: 'dine_in',
      dineIn: { tableNo: session.tableNo, diners: Math.max(1, session.members.length) },
      lines,
    },
    { store, goods },
    now,
  );
  return { lines: quote.lines, goods };
}

function lineInput(line: OrderLineInput): OrderLineInput {
  const input: OrderLineInput = { goodsId: line.goodsId, qty: line.qty };
  if (line.specs) input.specs = line.specs;
  if (line.addOns) input.addOns = line.addOns;
  return input;
}

/** table.cart.add: one atomic push, so lines added at the same moment by other phones stay. */
export async function addCartLine(
  db: Database,
  sessionId: string,
  openid: string,
  line: OrderLineInput,
  now: Date = new Date(),
): Promise<TableSession> {
  const session = await loadMemberSession(db, sessionId, openid);
  if (!isLive(session)) throw ended(session);
  if (session.cart.length >= MAX_CART_LINES) {
    throw new DomainError('INVALID_AMOUNT', `购物车最多 ${MAX_CART_LINES} 行，请先下单`);
  }
  await priceLines(db, session, [lineInput(line)], now); // NOT_FOUND, SOLD_OUT, … before writing
  const cartLine: CartLine = {
    ...lineInput(line),
    lineId: newId('l'),
    by: openid,
    addedAt: now.getTime(),
  };
  const _ = db.command;
  const result = await db
    .collection(COLLECTIONS.tableSessions)
    .where({ _id: sessionId, status: _.in([...LIVE_SESSION_STATUSES]), 'members.openid': openid })
    .update({
      data: { cart: _.push([cartLine]), version: _.inc(1), lastActivityAt: now.getTime() },
    });
  const after = await loadMemberSession(db, sessionId, openid);
  if (updatedCount(result) !== 1) throw ended(after);
  return after;
}

/** table.cart.remove: any diner of the table may take a line out of the shared cart. */
export async function removeCartLine(
  db: Database,
  sessionId: string,
  openid: string,
  lineId: string,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const session = await loadMemberSession(db, sessionId, openid);
    if (!isLive(session)) throw ended(session);
    if (!session.cart.some((line) => line.lineId === lineId)) {
      throw new DomainError('NOT_FOUND', `购物车中没有这一项 (line "${lineId}")`);
    }
    const cart = session.cart.filter((line) => line.lineId !== lineId);
    const written = await writeSession(db, session, { cart }, undefined, now);
    if (written) return written;
  }
  throw busy();
}

const toOrderActor = (actor: TableActor) => ({ role: actor.role, id: actor.id });

/**
 * Cancels the session's open bill orders — the whole bill, or every unpaid share of an AA — so a
 * payment that still arrives for one is refunded by payNotify like any payment for a cancelled
 * order. False when another writer came first, or a share's payment is being settled: read
 * again. ILLEGAL_TRANSITION when the whole bill was paid, or a share was (unless `keepPaidShares`:
 * the counter takes the rest, or the table is closed or expired with them kept).
 */
async function cancelOpenBills(
  db: Database,
  session: TableSession,
  actor: TableActor,
  now: Date,
  note: string,
  keepPaidShares = false,
): Promise<boolean> {
  const shares = session.split?.shares ?? [];
  if (!keepPaidShares && shares.some((share) => share.paidAt)) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      '已有人付了 AA 的一份，不能再改单 (a share is paid)',
    );
  }
  const open = shares.filter((share) => !share.paidAt).map((share) => share.orderId);
  for (const id of [session.billOrderId, ...open].filter(Boolean)) {
    const order = await loadOrder(db, id);
    if (!order) continue;
    if (PAYMENT_RECEIVED_STATUSES.includes(order.status)) {
      if (id === session.billOrderId) {
        throw new DomainError('ILLEGAL_TRANSITION', '本桌已买单 (the bill was paid)');
      }
      return false;
    }
    if (order.status === 'pending_payment') {
      if (!(await cancelUnpaid(db, order, toOrderActor(actor), now, note))) return false;
    }
  }
  return true;
}

/**
 * A paying session goes back to open (a round added or a line cancelled changes the bill), its
 * open bill orders cancelled first. Null when another writer came first.
 */
async function withdrawBill(
  db: Database,
  session: TableSession,
  actor: TableActor,
  now: Date,
): Promise<TableSession | null> {
  if (!(await cancelOpenBills(db, session, actor, now, '账单已重开'))) return null;
  return writeSession(
    db,
    session,
    { billOrderId: '', billBy: '', split: null },
    { to: 'open', actor },
    now,
  );
}

type RoundSource = { kind: 'cart'; openid: string } | { kind: 'staff'; lines: OrderLineInput[] };

/**
 * 下单 (the shared cart) or a staff round: priced by the server, its limited stock held, added
 * to the bill; the cart empties for everyone in the same conditional write.
 */
export async function sendRound(
  db: Database,
  load: () => Promise<TableSession>,
  actor: TableActor,
  source: RoundSource,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    let session = await load();
    if (session.status === 'paying') {
      const reopened = await withdrawBill(db, session, actor, now);
      if (!reopened) continue;
      session = reopened;
    }
    if (session.status !== 'open') throw ended(session);
    const cart = source.kind === 'cart' ? session.cart : null;
    const inputs = cart ? cart.map(lineInput) : source.kind === 'staff' ? source.lines : [];
    if (inputs.length === 0) throw new DomainError('INVALID_INPUT', '购物车是空的');
    const priced = await priceLines(db, session, inputs, now);
    const holds = stockHolds(priced.lines, priced.goods);
    const names = new Map(priced.goods.map((goods) => [goods._id, goods.name]));
    await reserveStock(db, holds, names);
    const limited = new Set(priced.goods.filter((g) => g.stock !== null).map((g) => g._id));
    const members = session.members;
    const lines: RoundLine[] = priced.lines.map((line, i) => {
      const by = cart ? cart[i].by : actor.id;
      const seat = members.findIndex((member) => member.openid === by) + 1;
      return {
        ...line,
        lineId: cart ? cart[i].lineId : newId('l'),
        by,
        seat,
        status: 'sent',
        stockHeld: limited.has(line.goodsId) ? line.qty : 0,
      };
    });
    const round: Round = {
      roundId: newId('r'),
      no: session.rounds.length + 1,
      sentBy: actor.id,
      sentByRole: actor.role,
      sentAt: now.getTime(),
      lines,
    };
    const fields: Partial<TableSession> = { rounds: [...session.rounds, round] };
    if (cart) fields.cart = [];
    const written = await writeSession(db, session, fields, undefined, now);
    if (written) {
      await tellStaffOfRound(db, written, round, now);
      return written;
    }
    await releaseStock(db, holds); // someone changed the table meanwhile: again, from a fresh read
  }
  throw busy();
}

function billOrder(session: TableSession, store: TableStore, openid: string, now: Date): Order {
  const createdAt = now.getTime();
  const orderNo = orderNumber(createdAt, store.timeZone, () => Math.random());
  const lines: PricedLine[] = session.rounds
    .flatMap((round) => round.lines)
    .filter((line) => line.status === 'sent')
    .map(asPricedLine);
  const totalFen = billFen(session.rounds);
  const created = initialStatus({ role: 'customer', id: openid }, now);
  return {
    _id: orderNo,
    orderNo,
    _openid: openid,
    storeId: store._id,
    storeName: store.name,
    mode: 'dine_in',
    dineIn: { tableNo: session.tableNo, diners: Math.max(1, session.members.length) },
    pickup: null,
    delivery: null,
    lines,
    amounts: { itemsFen: totalFen, packagingFeeFen: 0, deliveryFeeFen: 0, totalFen },
    remark: `${session.tableNo} 桌 · 先吃后付`,
    entry: { source: 'table_qr', scene: 0 },
    pickupNo: '',
    businessDate: businessDate(createdAt, store.timeZone),
    timeZone: store.timeZone,
    status: created.status,
    statusLog: [created.log],
    createdAt,
    expiresAt: createdAt + unpaidOrderTtlMinutes() * 60_000,
    // The rounds hold the stock; the bill holds none, so its expiry gives none back.
    stockHolds: [],
    stockReleased: true,
    payment: null,
    refund: null,
    tableSessionId: session._id,
  };
}

/**
 * table.pay (买单): the whole bill, whoever taps. The first tap creates the bill order (the
 * tapper's own, as WeChat Pay binds a prepayment to its payer) and moves the session open →
 * paying in one conditional write; a tap at the same moment loses that write and is told that
 * diner is paying (ORDER_NOT_PAYABLE), unless BILL_PAY_LOCK_MS passed: then the bill is
 * withdrawn and made again for the new tapper. Once paid, every tap is told so.
 */
export async function payBill(
  db: Database,
  sessionId: string,
  openid: string,
  clientIp: string,
  now: Date = new Date(),
): Promise<TablePayResponse> {
  const diner: TableActor = { role: 'customer', id: openid };
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    let session = await loadMemberSession(db, sessionId, openid);
    if (session.status === 'paid') throw new DomainError('ORDER_NOT_PAYABLE', '本桌已买单');
    if (!isLive(session)) throw new DomainError('ORDER_NOT_PAYABLE', '本桌已结束');
    if (session.status === 'paying' && session.split) {
      const paid = await payShare(db, session, openid, clientIp, now);
      if (paid) return paid;
      continue;
    }
    if (session.status === 'open') {
      if (billFen(session.rounds) < 1) {
        throw new DomainError('ORDER_NOT_PAYABLE', '还没有下单的菜品 (nothing sent yet)');
      }
      const store = (await loadStore(db, session.storeId)) as TableStore;
      const order = billOrder(session, store, openid, now);
      const { _id, ...data } = order;
      await db.collection(COLLECTIONS.orders).add({ data: { _id, ...data } });
      const paying = await writeSession(
        db,
        session,
        { billOrderId: order._id, billBy: openid },
        { to: 'paying', actor: diner },
        now,
      );
      if (!paying) {
        // Nobody was handed this bill: it goes, and the one that won is used instead.
        await db
          .collection(COLLECTIONS.orders)
          .where({ _id: order._id, status: 'pending_payment' })
          .remove();
        continue;
      }
      session = paying;
    }
    const bill = await loadOrder(db, session.billOrderId);
    if (bill && PAYMENT_RECEIVED_STATUSES.includes(bill.status)) {
      throw new DomainError('ORDER_NOT_PAYABLE', '本桌已买单');
    }
    if (!bill || bill.status !== 'pending_payment' || !payWindowOpen(bill, now.getTime())) {
      // Expired (or about to): a fresh bill with its own payment window.
      await withdrawBill(db, session, { role: 'system', id: 'table.pay' }, now);
      continue;
    }
    if (bill._openid !== openid) {
      // WeChat Pay binds a prepayment to its payer: another diner's bill is theirs to pay, for
      // a while; after that it is withdrawn and this diner gets their own.
      if (now.getTime() - bill.createdAt < BILL_PAY_LOCK_MS) {
        const seat = session.members.findIndex((m) => m.openid === bill._openid) + 1;
        throw new DomainError(
          'ORDER_NOT_PAYABLE',
          `${seat > 0 ? `座位 ${seat} ` : '同桌'}正在买单，请稍候 (another diner is paying)`,
        );
      }
      await withdrawBill(db, session, diner, now);
      continue;
    }
    const answer = await unifiedOrder(bill, clientIp);
    if (!succeeded(answer) || !answer.payment) {
      const again = await loadOrder(db, bill._id);
      if (again && PAYMENT_RECEIVED_STATUSES.includes(again.status)) {
        throw new DomainError('ORDER_NOT_PAYABLE', '本桌已买单');
      }
      throw new DomainError('PAYMENT_FAILED', `发起支付失败 (${failureText(answer)})`);
    }
    if (bill.payStartedAt === undefined) {
      await updateWhileStatus(db, bill._id, 'pending_payment', { payStartedAt: Date.now() });
    }
    return {
      sessionId,
      orderId: bill._id,
      orderNo: bill.orderNo,
      totalFen: bill.amounts.totalFen,
      payment: answer.payment as TablePayResponse['payment'],
    };
  }
  throw busy();
}

/** A share's own order: one line "A3 桌 AA 第 2/3 份", the share's amount. */
function shareOrder(
  session: TableSession,
  store: TableStore,
  share: BillShare,
  parts: number,
  openid: string,
  now: Date,
): Order {
  const whole = billOrder(session, store, openid, now);
  const name = `${session.tableNo} 桌 AA 第 ${share.no}/${parts} 份`;
  return {
    ...whole,
    lines: [
      {
        goodsId: 'aa-share',
        name,
        image: '',
        specs: {},
        addOns: [],
        description: `整单 ¥${(billFen(session.rounds) / 100).toFixed(2)}，${parts} 人均摊`,
        qty: 1,
        unitPriceFen: share.fen,
        lineTotalFen: share.fen,
      },
    ],
    amounts: { itemsFen: share.fen, packagingFeeFen: 0, deliveryFeeFen: 0, totalFen: share.fen },
    remark: `${session.tableNo} 桌 · 先吃后付 · AA`,
    tableShare: share.no,
  };
}

/**
 * table.split (AA): the bill in `parts` even shares (differing by at most 1 fen), each paid by
 * whoever takes it with table.pay; the session is paid when every share is. From open, or from
 * paying while no share is paid (the open bill orders are withdrawn and the bill split anew;
 * another diner's whole-bill payment is left alone for BILL_PAY_LOCK_MS, like table.pay).
 */
export async function splitBill(
  db: Database,
  sessionId: string,
  openid: string,
  parts: number,
  now: Date = new Date(),
): Promise<TableSession> {
  const diner: TableActor = { role: 'customer', id: openid };
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    let session = await loadMemberSession(db, sessionId, openid);
    if (session.status === 'paid') throw new DomainError('ORDER_NOT_PAYABLE', '本桌已买单');
    if (!isLive(session)) throw new DomainError('ORDER_NOT_PAYABLE', '本桌已结束');
    const total = billFen(session.rounds);
    if (total < parts) {
      throw new DomainError('ORDER_NOT_PAYABLE', '还没有下单的菜品 (nothing to split)');
    }
    if (session.status === 'paying') {
      if (session.billOrderId && session.billBy !== openid) {
        const bill = await loadOrder(db, session.billOrderId);
        if (
          bill?.status === 'pending_payment' &&
          now.getTime() - bill.createdAt < BILL_PAY_LOCK_MS
        ) {
          throw new DomainError(
            'ORDER_NOT_PAYABLE',
            '同桌正在买单，请稍候 (another diner is paying)',
          );
        }
      }
      const reopened = await withdrawBill(db, session, diner, now);
      if (!reopened) continue;
      session = reopened;
    }
    const shares: BillShare[] = splitFen(total, parts).map((fen, i) => ({
      no: i + 1,
      fen,
      orderId: '',
      by: '',
      paidAt: 0,
    }));
    const written = await writeSession(
      db,
      session,
      { split: { parts, shares }, billOrderId: '', billBy: '' },
      { to: 'paying', actor: diner, note: `AA ${parts} 份` },
      now,
    );
    if (written) return written;
  }
  throw busy();
}

/**
 * table.pay on a split bill: the caller's own open share again, else the first share nobody is
 * paying (a share another diner left open longer than BILL_PAY_LOCK_MS is taken over: its order
 * cancelled, a payment still landing for it refunded). Null: read again.
 */
async function payShare(
  db: Database,
  session: TableSession,
  openid: string,
  clientIp: string,
  now: Date,
): Promise<TablePayResponse | null> {
  const split = session.split as BillSplit;
  const diner: TableActor = { role: 'customer', id: openid };
  const unpaid = split.shares.filter((share) => !share.paidAt);
  const mine = unpaid.find((share) => share.by === openid && share.orderId);
  let claim: BillShare | undefined;
  if (mine) {
    const order = await loadOrder(db, mine.orderId);
    if (order && PAYMENT_RECEIVED_STATUSES.includes(order.status)) return null; // being settled
    if (order?.status === 'pending_payment' && payWindowOpen(order, now.getTime())) {
      return startPayment(session, order, clientIp, { no: mine.no, parts: split.parts });
    }
    if (order?.status === 'pending_payment') {
      if (!(await cancelUnpaid(db, order, toOrderActor(diner), now, 'AA 重新发起'))) return null;
    }
    claim = mine;
  }
  for (const share of claim ? [] : unpaid) {
    if (!share.orderId) {
      claim = share;
      break;
    }
    const order = await loadOrder(db, share.orderId);
    if (!order || order.status === 'cancelled') {
      claim = share;
      break;
    }
    if (order.status !== 'pending_payment') continue; // paid, being settled
    if (now.getTime() - order.createdAt < BILL_PAY_LOCK_MS && payWindowOpen(order, now.getTime())) {
      continue; // another diner is paying it
    }
    if (!(await cancelUnpaid(db, order, toOrderActor(diner), now, 'AA 由他人接手'))) return null;
    claim = share;
    break;
  }
  if (!claim) {
    throw new DomainError(
      'ORDER_NOT_PAYABLE',
      '其余各份正在由同桌支付 (every share is being paid)',
    );
  }
  const store = (await loadStore(db, session.storeId)) as TableStore;
  const order = shareOrder(session, store, claim, split.parts, openid, now);
  const { _id, ...data } = order;
  await db.collection(COLLECTIONS.orders).add({ data: { _id, ...data } });
  const no = claim.no;
  const shares = split.shares.map((share) =>
    share.no === no ? { ...share, orderId: order._id, by: openid } : share,
  );
  const written = await writeSession(db, session, { split: { ...split, shares } }, undefined, now);
  if (!written) {
    await db
      .collection(COLLECTIONS.orders)
      .where({ _id: order._id, status: 'pending_payment' })
      .remove();
    return null;
  }
  return startPayment(written, order, clientIp, { no, parts: split.parts });
}

/** unifiedOrder for a bill or share order the caller may pay; its answer as table.pay's. */
async function startPayment(
  session: TableSession,
  order: Order,
  clientIp: string,
  share?: { no: number; parts: number },
): Promise<TablePayResponse> {
  const answer = await unifiedOrder(order, clientIp);
  if (!succeeded(answer) || !answer.payment) {
    throw new DomainError('PAYMENT_FAILED', `发起支付失败 (${failureText(answer)})`);
  }
  return {
    sessionId: session._id,
    orderId: order._id,
    orderNo: order.orderNo,
    totalFen: order.amounts.totalFen,
    payment: answer.payment as TablePayResponse['payment'],
    ...(share ? { share } : {}),
  };
}

/** A share of an AA was paid: marked; the last one settles the session. False: read again. */
async function settleShare(db: Database, order: Order, now: Date): Promise<boolean> {
  const session = order.tableSessionId ? await loadSession(db, order.tableSessionId) : null;
  const split = session?.split;
  const share = split?.shares.find((s) => s.no === order.tableShare && s.orderId === order._id);
  if (!session || !split || !share || session.status !== 'paying') {
    console.error(`[tables] share ${order._id} paid but its session moved on`);
    return true;
  }
  if (share.paidAt) return true; // a replay
  const shares = split.shares.map((s) => (s === share ? { ...s, paidAt: now.getTime() } : s));
  const all = shares.every((s) => s.paidAt);
  const fields: Partial<TableSession> = { split: { ...split, shares } };
  if (all) {
    fields.settlement = {
      method: 'wechat',
      fen: shares.reduce((sum, s) => sum + s.fen, 0),
      by: 'payNotify',
      role: 'system',
      at: now.getTime(),
      note: `AA ${split.parts} 份`,
    };
  }
  const system: TableActor = { role: 'system', id: 'payNotify' };
  const move = all ? { to: 'paid' as const, actor: system } : undefined;
  return (await writeSession(db, session, fields, move, now)) !== null;
}

/**
 * Called by the payment path (payment-result.ts) for the one writer that moved a bill order to
 * paid, or by the cron's sweep: the session paying → paid with the settlement, and the bill
 * order paid → completed (the meal was served before paying; its WeChat Pay shipping report is
 * then due, which the cron sends). Never throws.
 */
export async function settleTableBill(db: Database, order: Order, now: Date): Promise<void> {
  try {
    const system: TableActor = { role: 'system', id: 'payNotify' };
    for (let attempt = 0; order.tableShare && attempt < WRITE_ATTEMPTS; attempt += 1) {
      if (await settleShare(db, order, now)) break;
    }
    for (let attempt = 0; !order.tableShare && attempt < WRITE_ATTEMPTS; attempt += 1) {
      const session = order.tableSessionId ? await loadSession(db, order.tableSessionId) : null;
      if (!session || session.settlement?.orderId === order._id) break;
      if (session.status !== 'paying' || session.billOrderId !== order._id) {
        console.error(`[tables] bill ${order._id} paid but session ${session._id} moved on`);
        break;
      }
      const settlement: Settlement = {
        method: 'wechat',
        fen: order.payment?.paidFen ?? order.amounts.totalFen,
        by: order.payment?.transactionId ?? 'payNotify',
        role: 'system',
        at: now.getTime(),
        orderId: order._id,
      };
      const paid = await writeSession(
        db,
        session,
        { settlement },
        { to: 'paid', actor: system },
        now,
      );
      if (paid) break;
    }
    if (order.status === 'paid') {
      await applyTransition(
        db,
        order,
        'completed',
        { role: 'system', id: 'table.bill' },
        { shipping: newShipping(order, now) },
        now,
      );
    }
  } catch (error) {
    console.error(`[tables] could not settle bill ${order._id}`, error);
  }
}

// ---- staff ----

export function staffLoader(db: Database, storeId: string, sessionId: string) {
  return () => loadStoreSession(db, storeId, sessionId);
}

export function memberLoader(db: Database, sessionId: string, openid: string) {
  return () => loadMemberSession(db, sessionId, openid);
}

function stateOf(session: TableSession | undefined): TableState {
  if (!session) return 'free';
  if (session.status === 'paid') return 'paid';
  if (session.status === 'paying') return 'paying';
  return session.rounds.length > 0 ? 'eating' : 'ordering';
}

const EXPIRED_SHOWN_MS = 12 * 3_600_000;

/** staff.table.board: every table of the store, free or with its session. */
export async function tableBoard(
  db: Database,
  storeId: string,
  now: Date = new Date(),
): Promise<StaffTableBoardResponse> {
  const _ = db.command;
  const [tables, sessions, expired] = await Promise.all([
    readAll<Table>(db.collection(COLLECTIONS.tables).where({ storeId }).orderBy('tableNo', 'asc')),
    readAll<TableSession>(
      db
        .collection(COLLECTIONS.tableSessions)
        .where({ storeId, status: _.in(['open', 'paying', 'paid']) }),
    ),
    fetchDocs<TableSession>(
      db
        .collection(COLLECTIONS.tableSessions)
        .where({
          storeId,
          status: 'expired',
          closedAt: _.gte(now.getTime() - EXPIRED_SHOWN_MS),
        })
        .orderBy('closedAt', 'desc')
        .limit(50),
    ),
  ]);
  const byTable = new Map<string, TableSession>();
  for (const session of sessions) {
    const seen = byTable.get(session.tableNo);
    if (!seen || seen.createdAt < session.createdAt) byTable.set(session.tableNo, session);
  }
  return {
    tables: tables.map((table) => {
      const session = byTable.get(table.tableNo);
      const lastRound = session?.rounds[session.rounds.length - 1];
      return {
        tableNo: table.tableNo,
        name: table.name,
        seats: table.seats,
        state: stateOf(session),
        sessionId: session?._id ?? '',
        billFen: session ? billFen(session.rounds) : 0,
        diners: session?.members.length ?? 0,
        rounds: session?.rounds.length ?? 0,
        lastRoundAt: lastRound?.sentAt ?? 0,
        roundsToMake: session?.rounds.filter((round) => !round.madeAt).length ?? 0,
        cartLines: session?.cart.length ?? 0,
        openedAt: session?.createdAt ?? 0,
      };
    }),
    expired: expired.map((session) => ({
      sessionId: session._id,
      tableNo: session.tableNo,
      billFen: billFen(session.rounds),
      expiredAt: session.closedAt ?? session.lastActivityAt,
    })),
  };
}

/** staff.table.cancelLine: a sent line not yet made comes off the bill; its stock goes back. */
export async function cancelLine(
  db: Database,
  storeId: string,
  sessionId: string,
  lineId: string,
  actor: TableActor,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    let session = await loadStoreSession(db, storeId, sessionId);
    const round = session.rounds.find((r) => r.lines.some((l) => l.lineId === lineId));
    const line = round?.lines.find((l) => l.lineId === lineId);
    if (!round || !line) throw new DomainError('NOT_FOUND', `没有这道菜 (line "${lineId}")`);
    if (line.status !== 'sent') throw new DomainError('ILLEGAL_TRANSITION', '这道菜已取消');
    const made = Boolean(round.madeAt);
    if (made && actor.role === 'staff') {
      throw new DomainError('FORBIDDEN', '已出品的菜退菜需要店长权限 (made: needs manager)');
    }
    if (session.status === 'paying') {
      const reopened = await withdrawBill(db, session, actor, now);
      if (!reopened) continue;
      session = reopened;
    }
    if (session.status !== 'open') throw ended(session);
    const rounds = session.rounds.map((round) => ({
      ...round,
      lines: round.lines.map((l) =>
        l.lineId === lineId && l.status === 'sent'
          ? {
              ...l,
              status: 'cancelled' as const,
              cancelledBy: actor.id,
              cancelledAt: now.getTime(),
            }
          : l,
      ),
    }));
    const written = await writeSession(db, session, { rounds }, undefined, now);
    if (!written) continue;
    // Made food is not back on the shelf: only a line not yet made gives its stock back, and
    // the kitchen, which has its ticket, is told not to make it.
    if (!made) {
      if (line.stockHeld > 0) {
        await releaseStock(db, [{ goodsId: line.goodsId, qty: line.stockHeld }]);
      }
      await printCancelledLine(db, written, round, line, now);
    }
    return written;
  }
  throw busy();
}

/** staff.table.made (出品): a round is made; its lines are then a manager's to cancel. */
export async function markRoundMade(
  db: Database,
  storeId: string,
  sessionId: string,
  roundId: string,
  actor: TableActor,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const session = await loadStoreSession(db, storeId, sessionId);
    const round = session.rounds.find((r) => r.roundId === roundId);
    if (!round) throw new DomainError('NOT_FOUND', `没有这一轮 (round "${roundId}")`);
    if (round.madeAt) return session;
    if (session.status === 'closed' || session.status === 'expired') throw ended(session);
    const rounds = session.rounds.map((r) =>
      r.roundId === roundId ? { ...r, madeAt: now.getTime(), madeBy: actor.id } : r,
    );
    const written = await writeSession(db, session, { rounds }, undefined, now);
    if (written) return written;
  }
  throw busy();
}

/** staff.table.move: the session (and its bill) to a free table of the same store. */
export async function moveSession(
  db: Database,
  storeId: string,
  sessionId: string,
  toTableNo: string,
  actor: TableActor,
  now: Date = new Date(),
): Promise<TableSession> {
  await loadTable(db, storeId, toTableNo);
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    let session = await loadStoreSession(db, storeId, sessionId);
    if (!isLive(session)) throw ended(session);
    if (session.tableNo === toTableNo) throw new DomainError('INVALID_INPUT', '已在这张桌');
    const target = await currentSession(db, storeId, toTableNo);
    if (target.session) throw new DomainError('ILLEGAL_TRANSITION', `${toTableNo} 桌有人在用餐`);
    if (session.status === 'paying') {
      // The bill names the table: it is made again at the new one.
      const reopened = await withdrawBill(db, session, actor, now);
      if (!reopened) continue;
      session = reopened;
    }
    const entry = {
      from: session.status,
      to: session.status,
      by: actor.id,
      role: actor.role,
      at: now.getTime(),
      note: `换桌 ${session.tableNo} → ${toTableNo}`,
    };
    // The session names its new table before the table's slot names the session, so a phone
    // scanning there meanwhile never finds a slot pointing at a session of another table.
    const moved = await writeSession(
      db,
      session,
      { tableNo: toTableNo, statusLog: [...session.statusLog, entry] },
      undefined,
      now,
    );
    if (!moved) continue;
    if (await claimSlot(db, storeId, toTableNo, target.slot, sessionId, now.getTime())) {
      return moved;
    }
    // Someone sat down there first: the session goes back to its table.
    await writeSession(
      db,
      moved,
      { tableNo: session.tableNo, statusLog: session.statusLog },
      undefined,
      now,
    );
    throw new DomainError('ILLEGAL_TRANSITION', `${toTableNo} 桌有人在用餐`);
  }
  throw busy();
}

/** staff.table.markPaid: settled at the counter (cash, card, other) — who and when kept. */
export async function markPaid(
  db: Database,
  storeId: string,
  sessionId: string,
  method: 'cash' | 'card' | 'other',
  note: string,
  actor: TableActor,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const session = await loadStoreSession(db, storeId, sessionId);
    if (!isLive(session)) throw ended(session);
    const fen = billFen(session.rounds);
    if (fen < 1) throw new DomainError('ILLEGAL_TRANSITION', '没有待结的菜品 (nothing to pay)');
    // Open WeChat Pay bills are withdrawn first (a payment that still lands is refunded); AA
    // shares already paid stay paid and the counter takes the rest.
    if (session.status === 'paying') {
      if (!(await cancelOpenBills(db, session, actor, now, '柜台结账', true))) continue;
    }
    const sharesPaid = (session.split?.shares ?? [])
      .filter((share) => share.paidAt)
      .reduce((sum, share) => sum + share.fen, 0);
    const settlement: Settlement = {
      method,
      fen: fen - sharesPaid,
      by: actor.id,
      role: actor.role,
      at: now.getTime(),
      ...(note ? { note } : {}),
    };
    const written = await writeSession(
      db,
      session,
      { settlement },
      { to: 'paid', actor, note: note || undefined },
      now,
    );
    if (written) return written;
  }
  throw busy();
}

/** staff.table.close: a paid table by any staff; an unpaid one by a manager, with a reason. */
export async function closeSession(
  db: Database,
  storeId: string,
  sessionId: string,
  reason: string,
  actor: TableActor,
  now: Date = new Date(),
): Promise<TableSession> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const session = await loadStoreSession(db, storeId, sessionId);
    if (session.status !== 'paid') {
      if (!isLive(session)) throw ended(session);
      if (actor.role === 'staff') {
        throw new DomainError('FORBIDDEN', '未买单关台需要店长权限 (needs manager)');
      }
      if (!reason) throw new DomainError('INVALID_INPUT', '未买单关台请填写原因 (reason required)');
      if (session.status === 'paying') {
        if (!(await cancelOpenBills(db, session, actor, now, '店长关台', true))) continue;
      }
    }
    const written = await writeSession(
      db,
      session,
      { closedAt: now.getTime(), ...(reason ? { closeNote: reason } : {}) },
      { to: 'closed', actor, note: reason || undefined },
      now,
    );
    if (written) return written;
  }
  throw busy();
}

export function tableSettingsOf(store: TableStore): StaffTableSettingsResponse {
  return {
    dineInPayment: store.dineInPayment ?? 'first',
    tableIdleMinutes: store.tableIdleMinutes ?? DEFAULT_TABLE_IDLE_MINUTES,
  };
}

/** staff.table.settings (manager): pay first / pay after, and the idle minutes. */
export async function updateTableSettings(
  db: Database,
  request: StaffTableSettingsRequest,
): Promise<StaffTableSettingsResponse> {
  await loadStore(db, request.storeId);
  const data: Record<string, unknown> = {};
  if (request.dineInPayment !== undefined) data.dineInPayment = request.dineInPayment;
  if (request.tableIdleMinutes !== undefined) data.tableIdleMinutes = request.tableIdleMinutes;
  if (Object.keys(data).length > 0) {
    data.catalogVersion = db.command.inc(1); // catalog.home carries dineInPayment
    await db.collection(COLLECTIONS.stores).doc(request.storeId).update({ data });
  }
  return tableSettingsOf((await loadStore(db, request.storeId)) as TableStore);
}

/**
 * The cron: sessions idle longer than their store allows end as `expired` (open bill orders are
 * withdrawn first) and staff are told; paid ones left that long are closed. Returns how many
 * expired.
 */
export async function expireIdleSessions(db: Database, now: Date = new Date()): Promise<number> {
  const _ = db.command;
  const candidates = await fetchDocs<TableSession>(
    db
      .collection(COLLECTIONS.tableSessions)
      .where({
        status: _.in([...LIVE_SESSION_STATUSES, 'paid']),
        lastActivityAt: _.lte(now.getTime() - 60_000),
      })
      .orderBy('lastActivityAt', 'asc')
      .limit(100),
  );
  const idle = new Map<string, number>();
  const system: TableActor = { role: 'system', id: 'cron' };
  let expired = 0;
  for (const session of candidates) {
    try {
      if (!idle.has(session.storeId)) {
        const store = (await findById<TableStore>(db, COLLECTIONS.stores, session.storeId)) ?? null;
        idle.set(session.storeId, store?.tableIdleMinutes ?? DEFAULT_TABLE_IDLE_MINUTES);
      }
      const minutes = idle.get(session.storeId) ?? DEFAULT_TABLE_IDLE_MINUTES;
      if (session.lastActivityAt > now.getTime() - minutes * 60_000) continue;
      if (session.status === 'paid') {
        // Paid and left: the table is cleared (nothing for staff to hear).
        await writeSession(
          db,
          session,
          { closedAt: now.getTime() },
          { to: 'closed', actor: system, note: `买单后闲置超过 ${minutes} 分钟` },
          now,
        );
        continue;
      }
      if (session.status === 'paying') {
        // A bill paid meanwhile is settled by its callback: nothing to expire.
        const cancelled = await cancelOpenBills(db, session, system, now, '桌台超时', true).catch(
          () => false,
        );
        if (!cancelled) continue;
      }
      const written = await writeSession(
        db,
        session,
        { closedAt: now.getTime() },
        { to: 'expired', actor: system, note: `闲置超过 ${minutes} 分钟` },
        now,
      );
      if (written) {
        expired += 1;
        await tellStaffOfExpiry(db, written, now);
      }
    } catch (error) {
      console.error(`[tables] could not expire ${session._id}`, error);
    }
  }
  return expired;
}
