// The catalog documents one order is priced from, read in parallel: the store, the goods the
// draft names (one query) and, for dine-in, the table.

import type { Goods, Store } from '../../../miniprogram/domain/catalog';
import { DomainError } from '../../../miniprogram/domain/errors';
import type { OrderDraft } from '../../../miniprogram/domain/order';
import type { PricingCatalog } from '../../../miniprogram/domain/order-pricing';
import type { Database } from '../../lib/cloud';
import { fetchDocs, findOne } from '../../lib/db';
import { loadStore } from './catalog-data';
import { COLLECTIONS } from '../../lib/collections';

function loadGoodsByIds(db: Database, storeId: string, ids: string[]): Promise<Goods[]> {
  const _ = db.command;
  return fetchDocs<Goods>(
    db
      .collection(COLLECTIONS.goods)
      .where({ _id: _.in(ids), storeId })
      .limit(ids.length),
  );
}

async function assertTableExists(db: Database, storeId: string, tableNo: string): Promise<void> {
  const table = await findOne(db, COLLECTIONS.tables, { storeId, tableNo });
  if (!table) throw new DomainError('NOT_FOUND', `桌号 ${tableNo} 不存在`);
}

export async function loadPricingCatalog(db: Database, draft: OrderDraft): Promise<PricingCatalog> {
  const ids = [...new Set(draft.lines.map((line) => line.goodsId))];
  const [store, goods] = await Promise.all([
    loadStore(db, draft.storeId),
    loadGoodsByIds(db, draft.storeId, ids),
    draft.mode === 'dine_in' && draft.dineIn
      ? assertTableExists(db, draft.storeId, draft.dineIn.tableNo)
      : Promise.resolve(),
  ]);
  if (!store) throw new DomainError('NOT_FOUND', `门店不存在 (store "${draft.storeId}")`);
  return { store: store as Store, goods };
}
