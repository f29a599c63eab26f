// What one console page shows of one store (its goods, tables, team, today's figures, printers,
// settings): fetched for the store in the page's query, refetched after a change, with the
// error of the last attempt. Each page has its instance in ./console; the caller's role there
// comes from the memberships store, read once per launch (pages hide what only a manager may
// change; the server decides).
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { errorMessage } from '../../../services/api';
import { memberships } from '../../../stores/memberships';

export class StoreData<T> {
  storeId = '';
  value: T | null = null;
  errorText = '';

  constructor(private readonly fetchFor: (storeId: string) => Promise<T>) {
    makeAutoObservable<StoreData<T>, 'fetchFor'>(this, { fetchFor: false });
  }

  /** Whether the caller manages this store (manager or owner); plain staff see less. */
  get manager(): boolean {
    return memberships.manages(this.storeId);
  }

  /** The page opened for `storeId`: nothing of another store stays on screen. */
  open(storeId: string): Promise<void> {
    if (storeId !== this.storeId) this.value = null;
    this.storeId = storeId;
    this.errorText = '';
    if (memberships.roleAt(storeId) === null) void memberships.load();
    return this.load();
  }

  async load(): Promise<void> {
    const storeId = this.storeId;
    try {
      const value = await this.fetchFor(storeId);
      runInAction(() => {
        if (storeId !== this.storeId) return;
        this.value = value;
        this.errorText = '';
      });
    } catch (err) {
      runInAction(() => (this.errorText = errorMessage(err)));
    }
  }

  /**
   * Makes a change for this store. Its answer, when it is the page's whole value, is shown at
   * once; otherwise the page asks again. Resolves to the server's refusal, or '' when it went.
   */
  async change(call: (storeId: string) => Promise<T | void>): Promise<string> {
    try {
      const answer = await call(this.storeId);
      if (answer === undefined) await this.load();
      else runInAction(() => (this.value = answer as T));
      return '';
    } catch (err) {
      return errorMessage(err);
    }
  }
}

/** The fields every console page binds from its StoreData: the last error, the role, loaded. */
export function consoleFields<T>(data: StoreData<T>) {
  return {
    errorText: () => data.errorText,
    manager: () => data.manager,
    loaded: () => data.value !== null,
  };
}
