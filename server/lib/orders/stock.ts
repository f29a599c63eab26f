// Limited stock: taken with a conditional atomic decrement (never below zero, however many
// orders race) and given back with an increment. A reservation that fails part-way gives back
// what it took before reporting SOLD_OUT.

import { DomainError } from '../../../miniprogram/domain/errors';
import type { Order, StockHold } from '../../../miniprogram/domain/order';
import type { Database } from '../cloud';
import { updatedCount } from './updates';
import { COLLECTIONS } from '../collections';

async function take(db: Database, hold: StockHold): Promise<boolean> {
  const _ = db.command;
  const result = await db
    .collection(COLLECTIONS.goods)
    .where({ _id: hold.goodsId, stock: _.gte(hold.qty) })
    .update({ data: { stock: _.inc(-hold.qty) } });
  return updatedCount(result) === 1;
}

/** Gives stock back; logs rather than throws, so one failed give-back does not stop the rest. */
export async function releaseStock(db: Database, holds: StockHold[]): Promise<void> {
  const _ = db.command;
  await Promise.all(
    holds.map(async (hold) => {
      try {
        await db
          .collection(COLLECTIONS.goods)
          .where({ _id: hold.goodsId })
          .update({ data: { stock: _.inc(hold.qty) } });
      } catch (error) {
        console.error(`[stock] could not give back ${hold.qty} × ${hold.goodsId}`, error);
      }
    }),
  );
}

/**
 * Takes every hold or none: on any shortfall or failure the holds already taken are given back
 * and SOLD_OUT (or the failure) is thrown. `names` labels the sold-out message.
 */
export async function reserveStock(
  db: Database,
  holds: StockHold[],
  names: Map<string, string>,
): Promise<void> {
  const outcomes = await Promise.allSettled(holds.map((hold) => take(db, hold)));
  const taken = holds.filter((_hold, i) => {
    const outcome = outcomes[i];
    return outcome.status === 'fulfilled' && outcome.value;
  });
  if (taken.length === holds.length) return;
  await releaseStock(db, taken);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  const short = holds.find((hold) => !taken.includes(hold));
  const name = (short && names.get(short.goodsId)) ?? '商品';
  throw new DomainError('SOLD_OUT', `「${name}」已售罄或库存不足`);
}

/** An order's holds, for the one writer that won the change releasing them (stockReleased). */
export function releaseOrderStock(db: Database, order: Pick<Order, 'stockHolds'>): Promise<void> {
  return releaseStock(db, order.stockHolds);
}
