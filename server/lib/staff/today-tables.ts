// Today's figures for the tables that ate first and paid after (issue 15): each paid table is
// one dine-in order from a table code, worth its whole bill however it was paid (one WeChat
// payment, AA shares, the counter, or a mix) — or the AA shares paid when it was closed or
// expired without the rest — and its goods are the lines it was served. The bill and share
// orders behind it are left out of the order figures, so nothing counts twice.

import type { Round } from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { COLLECTIONS } from '../collections';
import { readAll } from '../db';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface Buckets {
  /** hour (0–23) → tables and revenue */
  today: Map<number, Sums>;
  lastWeek: Map<number, Sums>;
  /** "20261206" → tables and revenue */
  byDate: Map<string, Sums>;
  goods: Array<{ goodsId: string; name: string; qty: number; revenueFen: number }>;
}

export interface Sums {
  orders: number;
  revenueFen: number;
}

interface Window {
  /** The store's local day as "20261206" */
  date: string;
  /** How far the store's wall clock is ahead of UTC, in ms (today's offset for every day) */
  offsetMs: number;
}

/** Epoch ms at which the local day `date` starts. */
function dayStart(date: string, offsetMs: number): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) - offsetMs;
}

function dateOfDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

interface PaidSession {
  paidAt: number;
  paidFen: number;
  rounds: Round[];
}

/**
 * The paid tables of `today`, of `lastWeekDate` (by hour) and of `trendDates` (by day). Tables
 * are a few dozen a day, so their sessions are read and summed here rather than aggregated.
 */
export async function tableFigures(
  db: Database,
  storeId: string,
  today: Window,
  lastWeekDate: string,
  trendDates: string[],
): Promise<Buckets> {
  const todayStart = dayStart(today.date, today.offsetMs);
  const from = Math.min(
    dayStart(lastWeekDate, today.offsetMs),
    dayStart(trendDates[0], today.offsetMs),
  );
  const [days, todays] = await Promise.all([
    readPaid(db, storeId, from, todayStart, false),
    readPaid(db, storeId, todayStart, todayStart + DAY_MS, true),
  ]);
  const buckets: Buckets = { today: new Map(), lastWeek: new Map(), byDate: new Map(), goods: [] };
  const goods = new Map<string, Buckets['goods'][number]>();
  for (const session of [...days, ...todays]) {
    const local = session.paidAt + today.offsetMs;
    const date = dateOfDay(Math.floor(local / DAY_MS));
    const hour = Math.floor((local % DAY_MS) / HOUR_MS);
    add(buckets.byDate, date, session.paidFen);
    if (date === lastWeekDate) add(buckets.lastWeek, hour, session.paidFen);
    if (date !== today.date) continue;
    add(buckets.today, hour, session.paidFen);
    for (const line of session.rounds.flatMap((round) => round.lines)) {
      if (line.status !== 'sent') continue;
      const sold = goods.get(line.goodsId) ?? {
        goodsId: line.goodsId,
        name: line.name,
        qty: 0,
        revenueFen: 0,
      };
      sold.qty += line.qty;
      sold.revenueFen += line.lineTotalFen;
      goods.set(line.goodsId, sold);
    }
  }
  buckets.goods = [...goods.values()];
  return buckets;
}

/** Paid sessions in [from, until): with their rounds only when their goods are wanted. */
function readPaid(
  db: Database,
  storeId: string,
  from: number,
  until: number,
  withRounds: boolean,
): Promise<PaidSession[]> {
  const _ = db.command;
  return readAll<PaidSession>(
    db
      .collection(COLLECTIONS.tableSessions)
      .where({ storeId, paidAt: _.gte(from).and(_.lt(until)) })
      .field({ paidAt: true, paidFen: true, ...(withRounds ? { rounds: true } : {}) })
      .orderBy('paidAt', 'asc'),
  );
}

function add<K>(map: Map<K, Sums>, key: K, fen: number): void {
  const sums = map.get(key) ?? { orders: 0, revenueFen: 0 };
  sums.orders += 1;
  sums.revenueFen += fen;
  map.set(key, sums);
}
