// Reads of the catalog collections. Returns plain documents as stored; shaping for the client
// happens in views.ts.

import type { Category, Goods, Store } from '../../../miniprogram/domain/catalog';
import type { LatLng } from '../../../miniprogram/domain/geo';
import type { Database } from '../../lib/cloud';
import { fetchDocs, findById, findOne, readAll } from '../../lib/db';
import { COLLECTIONS } from '../../lib/collections';

export function loadStore(db: Database, storeId: string): Promise<Store | null> {
  return findById<Store>(db, COLLECTIONS.stores, storeId);
}

/** The store marked default, else the first in the chain's order. */
export async function loadDefaultStore(db: Database): Promise<Store | null> {
  const marked = await findOne<Store>(db, COLLECTIONS.stores, { isDefault: true });
  if (marked) return marked;
  const [first] = await fetchDocs<Store>(
    db.collection(COLLECTIONS.stores).orderBy('sort', 'asc').limit(1),
  );
  return first ?? null;
}

function nearQuery(db: Database, { lat, lng }: LatLng) {
  const _ = db.command;
  // geoNear answers nearest first; it needs the 2dsphere index on stores.location.
  return db
    .collection(COLLECTIONS.stores)
    .where({ location: _.geoNear({ geometry: new db.Geo.Point(lng, lat) }) });
}

export async function loadNearestStore(db: Database, location: LatLng): Promise<Store | null> {
  const [nearest] = await fetchDocs<Store>(nearQuery(db, location).limit(1));
  return nearest ?? null;
}

/** All stores, nearest first when a location is given, else by `sort`. */
export function loadStores(db: Database, location?: LatLng): Promise<Store[]> {
  if (location) return readAll<Store>(nearQuery(db, location));
  return readAll<Store>(db.collection(COLLECTIONS.stores).orderBy('sort', 'asc'));
}

export function loadCategories(db: Database, storeId: string): Promise<Category[]> {
  return readAll<Category>(
    db.collection(COLLECTIONS.categories).where({ storeId }).orderBy('sort', 'asc'),
  );
}

/** Goods customers can see: on the shelf (sold-out ones included, they show as sold out). */
export function loadShelfGoods(db: Database, storeId: string): Promise<Goods[]> {
  return readAll<Goods>(
    db.collection(COLLECTIONS.goods).where({ storeId, onShelf: true }).orderBy('sort', 'asc'),
  );
}
