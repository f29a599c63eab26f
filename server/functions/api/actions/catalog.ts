// Catalog actions: what the home and menu pages show, and the chain's stores.

import * as z from 'zod';
import type {
  CatalogHomeRequest,
  CatalogHomeResponse,
  StoreListRequest,
  StoreListResponse,
} from '../../../../miniprogram/domain/api';
import type { Store } from '../../../../miniprogram/domain/catalog';
import { DomainError } from '../../../../miniprogram/domain/errors';
import { getDb, type Database } from '../../../lib/cloud';
import type { ActionSpec } from '../../../lib/dispatch';
import { docId, latLng } from '../../../lib/schemas';
import {
  loadCategories,
  loadDefaultStore,
  loadNearestStore,
  loadShelfGoods,
  loadStore,
  loadStores,
} from '../catalog-data';
import { catalogVersion } from '../catalog-version';
import { arrangeMenu, toStoreView } from '../views';

/** Which store the first screen shows: the one asked for, else the nearest, else the default. */
async function chooseStore(db: Database, request: CatalogHomeRequest): Promise<Store> {
  if (request.storeId) {
    const store = await loadStore(db, request.storeId);
    if (!store) throw new DomainError('NOT_FOUND', `门店不存在 (store "${request.storeId}")`);
    return store;
  }
  const store =
    (request.location && (await loadNearestStore(db, request.location))) ||
    (await loadDefaultStore(db));
  if (!store) throw new DomainError('NOT_FOUND', '还没有可以营业的门店 (no stores configured)');
  return store;
}

export const catalogHome: ActionSpec<CatalogHomeRequest, CatalogHomeResponse> = {
  input: z.strictObject({
    storeId: docId.optional(),
    version: z.string().max(64).optional(),
    location: latLng.optional(),
  }),
  role: 'anyone',
  async handler(request) {
    const db = getDb();
    const now = new Date();
    const store = await chooseStore(db, request);
    const [categories, goods] = await Promise.all([
      loadCategories(db, store._id),
      loadShelfGoods(db, store._id),
    ]);
    const storeView = toStoreView(store, now, request.location);
    const menu = arrangeMenu(categories, goods);
    const version = catalogVersion({
      store: storeView,
      catalogCounter: store.catalogVersion ?? 0,
      ...menu,
    });
    if (request.version === version) {
      return { unchanged: true, version, storeId: store._id, status: storeView.status };
    }
    return { unchanged: false, version, store: storeView, ...menu };
  },
};

export const storeList: ActionSpec<StoreListRequest, StoreListResponse> = {
  input: z.strictObject({ location: latLng.optional() }),
  role: 'anyone',
  async handler(request) {
    const now = new Date();
    const stores = await loadStores(getDb(), request.location);
    return { stores: stores.map((store) => toStoreView(store, now, request.location)) };
  },
};
