// The app's shared state and the one flow that ties it together: launch → session → cached
// catalog and cart → one refresh by version → cart lines re-checked against the new menu.
import type { LaunchInfo } from '../domain/entry';
import type { StoreView } from '../domain/api';
import type { LatLng } from '../domain/geo';
import { fetchStores } from '../services/catalog';
import { locate } from '../services/location';
import { onOrdersSeen } from '../services/orders';
import { CartStore } from './cart';
import { CatalogStore } from './catalog';
import { SessionStore } from './session';
import { table } from './table';

export const session = new SessionStore();
export const catalog = new CatalogStore();
export const cart = new CartStore();

/** The catalog's loading state, bound by every page that shows the menu or the store. */
export const catalogStateFields = {
  phase: () => catalog.phase,
  errorText: () => catalog.errorText,
};

// A payment noticed anywhere (result page, order detail, orders tab) takes its lines out of the cart.
onOrdersSeen((orders) => cart.settle(orders));

let refreshing: Promise<void> | null = null;
/** The store whose catalog has been refreshed this launch; later page shows reuse it. */
let refreshedStoreId: string | null = null;
let refreshedAt = 0;

/**
 * How old the catalog may get before a page coming back into view asks again. The question
 * carries the version, so an unchanged menu costs one small answer (the live open state).
 */
export const CATALOG_MAX_AGE_MS = 60_000;

/** Parses the launch and shows whatever is cached, with no network. Safe to call from any page. */
export function startSession(launch: LaunchInfo = wx.getLaunchOptionsSync()): void {
  session.start(launch);
  if (catalog.storeId !== session.storeId) catalog.showCached(session.storeId);
  cart.open(session.storeId);
}

async function refresh(location?: LatLng): Promise<void> {
  const requested = session.storeId;
  // The customer may pick another store while this answer is on its way: it is then not theirs
  // any more and is dropped (refreshCatalog then fetches the store they picked).
  const served = await catalog.refresh(requested, location, () => session.storeId === requested);
  if (!served) return;
  session.confirmStore(served);
  cart.open(served);
  if (catalog.phase === 'ready') cart.reconcile(catalog.goods);
  // A store paid after eating: the phone at a table joins that table's shared session.
  if (catalog.store?.dineInPayment === 'after' && session.tableNo) {
    void table.join(served, session.tableNo);
  }
  refreshedStoreId = served;
  refreshedAt = Date.now();
}

/**
 * Brings the catalog up to date, once per launch and store unless `force` (retry, pull-down).
 * Concurrent callers (home and menu both showing) share one request.
 */
export function refreshCatalog(force = false): Promise<void> {
  if (refreshing) {
    // One request at a time; a store switched meanwhile gets its own refresh afterwards.
    return refreshing.then(() =>
      refreshedStoreId === session.storeId ? undefined : refreshCatalog(),
    );
  }
  if (!force && refreshedStoreId !== null && refreshedStoreId === session.storeId) {
    return Promise.resolve();
  }
  refreshing = refresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * A page came back into view (the customer returns after a while, staff paused or resumed
 * orders): the open state is recomputed from the hours at once, and the catalog is asked again
 * when older than CATALOG_MAX_AGE_MS.
 */
export function refreshIfStale(): Promise<void> {
  catalog.recomputeStatus(new Date());
  if (refreshing || Date.now() - refreshedAt < CATALOG_MAX_AGE_MS) return Promise.resolve();
  return refreshCatalog(true);
}

/** The customer chose another store: show its cache and cart now, then refresh it. */
export function switchStore(storeId: string): Promise<void> {
  session.selectStore(storeId);
  startSession();
  return refreshCatalog();
}

/** A warm launch (App.onShow) from a code for another store moves there. */
export function enterFrom(launch: LaunchInfo): Promise<void> {
  if (!session.enter(launch)) return Promise.resolve();
  startSession();
  return refreshCatalog();
}

/**
 * A first launch that named no store shows the default store at once; then (once) this asks for
 * the location and moves to the nearest store, unless the customer has meanwhile picked a store
 * or started a cart. Resolves to the store moved to, or null.
 */
export async function moveToNearestStore(): Promise<StoreView | null> {
  if (!session.takeStoreGuess()) return null;
  const shown = session.storeId;
  const here = await locate();
  if (!here) return null;
  let nearest: StoreView | undefined;
  try {
    [nearest] = (await fetchStores(here)).stores;
  } catch {
    return null; // the default store stays; the switch-store list can still sort by distance
  }
  if (!nearest || nearest._id === shown || session.storeId !== shown || cart.count > 0) {
    return null;
  }
  await switchStore(nearest._id);
  return nearest;
}
