// The store and its menu. Cache first: a launch shows the stored catalog at once, then asks the
// server with the cached version, which answers "unchanged" (just the live open state) or sends
// the new catalog.
import { makeAutoObservable, observable, runInAction } from 'mobx-miniprogram';
import type { CatalogHomeFull, GoodsSummary, StoreView } from '../domain/api';
import type { Category } from '../domain/catalog';
import type { LatLng } from '../domain/geo';
import { storeStatusAt } from '../domain/hours';
import { ApiError, errorMessage } from '../services/api';
import { fetchCatalogHome } from '../services/catalog';
import { readStored, STORAGE_KEYS, writeStored } from './storage';

export type CatalogPhase = 'empty' | 'loading' | 'ready' | 'error';

type CachedCatalog = Omit<CatalogHomeFull, 'unchanged'>;

export class CatalogStore {
  store: StoreView | null = null;
  categories: Category[] = [];
  goods: GoodsSummary[] = [];
  version = '';
  phase: CatalogPhase = 'empty';
  errorText = '';
  /** Bumped whenever a full catalog arrives from the server (the cart re-checks its lines). */
  revision = 0;

  constructor() {
    // The catalog is replaced whole, never edited in place: plain references, no deep proxies.
    makeAutoObservable(this, {
      store: observable.ref,
      categories: observable.ref,
      goods: observable.ref,
    });
  }

  get storeId(): string {
    return this.store?._id ?? '';
  }

  goodsById(goodsId: string): GoodsSummary | undefined {
    return this.goods.find((goods) => goods._id === goodsId);
  }

  /** Shows the stored catalog of `storeId`, if any, with the open state recomputed for now. */
  showCached(storeId: string): boolean {
    const cached = storeId ? readStored<CachedCatalog>(STORAGE_KEYS.catalog(storeId)) : undefined;
    if (!cached?.store) {
      this.clear();
      return false;
    }
    const status = storeStatusAt(cached.store, new Date());
    this.apply({ ...cached, store: { ...cached.store, status } });
    return true;
  }

  /** The open state for `now` from the store's hours (and a staff override still running). */
  recomputeStatus(now: Date): void {
    if (this.store) this.store = { ...this.store, status: storeStatusAt(this.store, now) };
  }

  /**
   * Asks the server for `storeId` ('' = its default store), sending the cached version.
   * Resolves to the store id served, or '' when it failed (the page shows `errorText`).
   */
  async refresh(
    storeId: string,
    location?: LatLng,
    /** False once the customer moved to another store: the answer is then dropped unseen. */
    stillWanted: () => boolean = () => true,
  ): Promise<string> {
    const cachedVersion = this.storeId === storeId ? this.version : '';
    if (this.phase !== 'ready') this.phase = 'loading';
    try {
      const answer = await fetchCatalogHome({
        ...(storeId ? { storeId } : {}),
        ...(cachedVersion ? { version: cachedVersion } : {}),
        ...(location ? { location } : {}),
      });
      if (!stillWanted()) return '';
      runInAction(() => {
        this.errorText = '';
        if (answer.unchanged && this.store) {
          this.store = { ...this.store, status: answer.status };
          this.phase = 'ready';
        } else if (!answer.unchanged) {
          this.apply(answer);
          this.revision += 1;
          writeStored(STORAGE_KEYS.catalog(answer.store._id), this.snapshot());
        }
      });
      return this.storeId;
    } catch (err) {
      runInAction(() => {
        this.errorText = errorMessage(err);
        // With a cached menu on screen the customer keeps browsing; only an empty page errors.
        if (this.phase !== 'ready') this.phase = 'error';
      });
      if (err instanceof ApiError && err.code === 'NOT_FOUND' && storeId) return this.refresh('');
      return '';
    }
  }

  private apply(catalog: CachedCatalog): void {
    this.store = catalog.store;
    this.categories = catalog.categories;
    this.goods = catalog.goods;
    this.version = catalog.version;
    this.phase = 'ready';
    this.errorText = '';
  }

  private clear(): void {
    this.store = null;
    this.categories = [];
    this.goods = [];
    this.version = '';
    this.phase = 'empty';
  }

  private snapshot(): CachedCatalog {
    return {
      version: this.version,
      store: this.store as StoreView,
      categories: this.categories,
      goods: this.goods,
    };
  }
}
