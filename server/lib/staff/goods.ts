// Staff edits of goods: sold-out switch, stock, price, on/off shelf. Each edit bumps the store's
// catalogVersion so customers see it on their next refresh. The list comes with the store's
// categories in the menu's order, so the console groups goods as customers see them.

import type { Category, Goods } from '../../../miniprogram/domain/catalog';
import { DomainError } from '../../../miniprogram/domain/errors';
import type {
  StaffGoodsListResponse,
  StaffGoodsUpdateRequest,
} from '../../../miniprogram/domain/staff';
import type { Database } from '../cloud';
import { findById, readAll } from '../db';
import { bumpCatalogVersion, loadStore } from './stores';
import { COLLECTIONS } from '../collections';

type StaffGoods = StaffGoodsListResponse['goods'][number];
type StaffCategory = StaffGoodsListResponse['categories'][number];

function toStaffGoods(goods: Goods): StaffGoods {
  const { _id, name, categoryId, priceFen, stock, onShelf, soldOut, sort } = goods;
  return { _id, name, categoryId, priceFen, stock, onShelf, soldOut, sort };
}

export async function listStoreGoods(db: Database, storeId: string): Promise<StaffGoods[]> {
  const goods = await readAll<Goods>(
    db.collection(COLLECTIONS.goods).where({ storeId }).orderBy('sort', 'asc'),
  );
  return goods.map(toStaffGoods);
}

export async function listStoreCategories(db: Database, storeId: string): Promise<StaffCategory[]> {
  const categories = await readAll<Category>(
    db.collection(COLLECTIONS.categories).where({ storeId }).orderBy('sort', 'asc'),
  );
  return categories.map(({ _id, name, sort }) => ({ _id, name, sort }));
}

export async function updateGoods(
  db: Database,
  request: StaffGoodsUpdateRequest,
): Promise<{ goods: StaffGoods; catalogVersion: number }> {
  const goods = await findById<Goods>(db, COLLECTIONS.goods, request.goodsId);
  if (!goods || goods.storeId !== request.storeId) {
    throw new DomainError('NOT_FOUND', `商品不存在 (goods "${request.goodsId}")`);
  }
  const { soldOut, stock, priceFen, onShelf } = request;
  const data = Object.fromEntries(
    Object.entries({ soldOut, stock, priceFen, onShelf }).filter(([, v]) => v !== undefined),
  );
  await db.collection(COLLECTIONS.goods).doc(goods._id).update({ data });
  await bumpCatalogVersion(db, goods.storeId);
  const store = await loadStore(db, goods.storeId);
  return { goods: toStaffGoods({ ...goods, ...data }), catalogVersion: store.catalogVersion };
}
