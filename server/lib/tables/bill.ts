// The table's one bill (issue 15), paid at the end by WeChat Pay through an ordinary `orders`
// document (so the pay callback, its idempotence, expiry and late-payment refunds are the
// orders' own): the whole bill by whoever taps 买单, or AA in even shares. A bill in progress is
// withdrawn when the table changes under it. Settling a paid bill: settle.ts; at the counter:
// staff.ts.

import { DomainError } from '../../../miniprogram/domain/errors';
import type { Order, PricedLine } from '../../../miniprogram/domain/order';
import { businessDate, orderNumber } from '../../../miniprogram/domain/order-number';
import { initialStatus, PAYMENT_RECEIVED_STATUSES } from '../../../miniprogram/domain/order-status';
import {
  BILL_PAY_LOCK_MS,
  asPricedLine,
  billFen,
  splitFen,
  type BillShare,
  type BillSplit,
  type TablePayResponse,
  type TableSession,
} from '../../../miniprogram/domain/tables';
import { unpaidOrderTtlMinutes } from '../../config';
import type { Database } from '../cloud';
import { cancelUnpaid } from '../orders/cancel';
import { loadOrder, updateWhileStatus } from '../orders/order-store';
import { failureText, payWindowOpen, succeeded, unifiedOrder } from '../orders/pay';
import { loadStore } from '../staff/stores';
import { COLLECTIONS } from '../collections';
import type { TableStore } from './settings';
import {
  busy,
  isLive,
  loadMemberSession,
  writeSession,
  WRITE_ATTEMPTS,
  type TableActor,
} from './store';

const toOrderActor = (actor: TableActor) => ({ role: actor.role, id: actor.id });

/**
 * Cancels the session's open bill orders — the whole bill, or every unpaid share of an AA — so a
 * payment that still arrives for one is refunded by payNotify like any payment for a cancelled
 * order. False when another writer came first, or a share's payment is being settled: read
 * again. ILLEGAL_TRANSITION when the whole bill was paid, or a share was (unless `keepPaidShares`:
 * the counter takes the rest, or the table is closed or expired with them kept).
 */
export async function cancelOpenBills(
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
export async function withdrawBill(
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
