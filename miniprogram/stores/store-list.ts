// The stores to switch to, nearest first when the customer allows the location (asked on the
// tap that opens the list, never before).
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { StoreView } from '../domain/api';
import { errorMessage } from '../services/api';
import { fetchStores } from '../services/catalog';
import { locate } from '../services/location';

export class StoreListStore {
  open = false;
  loading = false;
  stores: StoreView[] = [];
  /** Asked for the location and got none: the list is in the stores' own order. */
  unlocated = false;
  errorText = '';

  constructor() {
    makeAutoObservable(this);
  }

  /** Opens the list (locating, then asking the server), or closes it when open. */
  async toggle(): Promise<void> {
    if (this.open) {
      this.open = false;
      return;
    }
    this.open = true;
    this.loading = true;
    this.errorText = '';
    this.unlocated = false;
    const location = await locate();
    try {
      const { stores } = await fetchStores(location);
      runInAction(() => {
        this.stores = stores;
        this.unlocated = !location;
      });
    } catch (err) {
      runInAction(() => (this.errorText = errorMessage(err)));
    }
    runInAction(() => (this.loading = false));
  }

  close(): void {
    this.open = false;
  }
}

export const storeList = new StoreListStore();
