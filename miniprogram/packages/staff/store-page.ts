// The console pages opened with ?storeId= (goods, store, tables, team, today) all load the same
// way — read storeId, fetch, show the answer or the error — so that lives here once, with the
// caller's role in that store (pages hide what only a manager may change; the server decides).
import { errorMessage } from '../../services/api';
import { myStaffStores } from '../../services/staff';

export const storePage = Behavior({
  data: { storeId: '', errorText: '', manager: false },
  methods: {
    /** Reads the store from the query, then runs the page's own load() and reads the role. */
    onLoad(query: { storeId?: string }) {
      this.setData({ storeId: decodeURIComponent(query.storeId ?? '') }); // sent encoded
      void (this as unknown as { load(): Promise<void> }).load();
      void this.loadRole();
    },
    /** Fetches the store's `T`, then shows `toData(answer)` and clears the error, or shows it. */
    async loadInto<T>(
      fetch: (storeId: string) => Promise<T>,
      toData: (answer: T) => WechatMiniprogram.IAnyObject,
    ): Promise<void> {
      try {
        this.setData({ ...toData(await fetch(this.data.storeId)), errorText: '' });
      } catch (err) {
        this.setData({ errorText: errorMessage(err) });
      }
    },
    /** Whether the caller manages this store (manager or owner); plain staff see less. */
    async loadRole(): Promise<void> {
      try {
        const stores = await myStaffStores();
        const role = stores.find((store) => store.storeId === this.data.storeId)?.role;
        this.setData({ manager: role === 'manager' || role === 'owner' });
      } catch {
        // Shown as plain staff: the server still refuses what the role may not do.
      }
    },
  },
});
