// A table's lines priced (issue 15): cart lines and rounds are priced by the server as a dine-in
// order, with the same rules and errors as order.create.

import type { Goods } from '../../../miniprogram/domain/catalog';
import type { OrderLineInput, PricedLine } from '../../../miniprogram/domain/order';
import { priceOrder } from '../../../miniprogram/domain/order-pricing';
import type { TableSession } from '../../../miniprogram/domain/tables';
import type { Database } from '../cloud';
import { fetchDocs } from '../db';
import { loadStore } from '../staff/stores';
import { COLLECTIONS } from '../collections';

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
export async function priceLines(
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

export function lineInput(line: OrderLineInput): OrderLineInput {
  const input: OrderLineInput = { goodsId: line.goodsId, qty: line.qty };
  if (line.specs) input.specs = line.specs;
  if (line.addOns) input.addOns = line.addOns;
  return input;
}
