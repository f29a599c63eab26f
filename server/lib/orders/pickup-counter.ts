// Pickup numbers per store per local day from one counter document, incremented atomically so
// that concurrent payments never get the same number: one updateAndReturn({value: inc(1)})
// (server/lib/db.ts) answers the new value in a single operation, with no transaction to
// conflict; should the SDK lack it, a transaction (get + update, retried on conflicts) does the
// same in four. An order is numbered once it is paid, only by the one writer that won the
// pending → paid change (or, should that writer fail half-way, by the cron's sweep), so unpaid
// orders and replayed reports leave no gaps.

import type { Order } from '../../../miniprogram/domain/order';
import { IN_PROGRESS_STATUSES } from '../../../miniprogram/domain/order-status';
import {
  businessDate,
  formatPickupNumber,
  pickupCounterId,
} from '../../../miniprogram/domain/order-number';
import type { Database } from '../cloud';
import { updateAndReturn } from '../db';
import { updatedCount } from './updates';
import { COLLECTIONS } from '../collections';

interface Transaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: { value?: number } | null }>;
      update(options: { data: Record<string, unknown> }): Promise<unknown>;
    };
  };
}

const MISSING = 'counter document does not exist';

function errorText(error: unknown): string {
  const { errMsg, message } = (error ?? {}) as { errMsg?: string; message?: string };
  return `${errMsg ?? ''} ${message ?? ''} ${String(error)}`;
}

function isMissingDocument(error: unknown): boolean {
  return /does not exist|不存在/i.test(errorText(error));
}

async function createCounter(db: Database, id: string, storeId: string, date: string) {
  try {
    // storeId and date make the document self-describing (paid orders per store per day).
    await db.collection(COLLECTIONS.counters).add({ data: { _id: id, storeId, date, value: 0 } });
  } catch (error) {
    // Another order created it first: fine, it exists now.
    if (!/duplicate/i.test(errorText(error))) throw error;
  }
}

function isConflict(error: unknown): boolean {
  return /TransactionConflict|TRANSACTION_CONFLICT/i.test(errorText(error));
}

async function incrementOnce(db: Database, id: string): Promise<number> {
  const update = updateAndReturn(db);
  if (!update) return incrementInTransaction(db, id);
  const counter = await update<{ value: number }>(
    COLLECTIONS.counters,
    { _id: id },
    { value: db.command.inc(1) },
  );
  if (!counter) throw new Error(MISSING);
  return Number(counter.value);
}

async function incrementInTransaction(db: Database, id: string): Promise<number> {
  const _ = db.command;
  return (await db.runTransaction(async (tx: Transaction) => {
    const counter = tx.collection(COLLECTIONS.counters).doc(id);
    // A missing document either throws here or comes back as null, depending on the backend.
    const { data } = await counter.get();
    if (!data) throw new Error(MISSING);
    await counter.update({ data: { value: _.inc(1) } });
    return (data.value ?? 0) + 1;
  })) as number;
}

/** In a transaction, payments confirmed at once conflict on the counter; each tries again later. */
const CONFLICT_ATTEMPTS = 12;

async function increment(db: Database, id: string): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await incrementOnce(db, id);
    } catch (error) {
      if (!isConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
      const waitMs = attempt * 20 + Math.random() * 40;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** The next sequence number (1, 2, …) of `storeId` on local day `date` ("yyyymmdd"). */
async function nextPickupSequence(db: Database, storeId: string, date: string): Promise<number> {
  const id = pickupCounterId(storeId, date);
  try {
    return await increment(db, id);
  } catch (error) {
    if (!isMissingDocument(error)) throw error;
    // The day's first order: make the counter, then count as usual.
    await createCounter(db, id, storeId, date);
    return increment(db, id);
  }
}

/** Statuses a pickup number is still worth giving (not to orders being refunded). */
const NUMBERED_STATUSES = [...IN_PROGRESS_STATUSES];

/**
 * Gives a paid order the next pickup number of its store on the local day it is paid, unless it
 * already has one or is being refunded: returns the numbered order, or null (nothing written).
 */
export async function assignPickupNumber(
  db: Database,
  order: Order,
  now: Date = new Date(),
): Promise<Order | null> {
  const day = order.timeZone ? businessDate(now.getTime(), order.timeZone) : order.businessDate;
  const pickupNo = formatPickupNumber(await nextPickupSequence(db, order.storeId, day));
  const _ = db.command;
  const result = await db
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, pickupNo: '', status: _.in(NUMBERED_STATUSES) })
    .update({ data: { pickupNo, businessDate: day } });
  return updatedCount(result) === 1 ? { ...order, pickupNo, businessDate: day } : null;
}
