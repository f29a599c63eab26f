// The console pages opened with ?storeId= (goods, store, tables, team, today) all load the same
// way — read storeId, fetch, show the answer or the error — so that lives here once.
import { errorMessage } from '../../services/api';

export const storePage = Behavior({
  data: { storeId: '', errorText: '' },
  methods: {
    /** Reads the store from the query, then runs the page's own load(). */
    onLoad(query: { storeId?: string }) {
      this.setData({ storeId: query.storeId ?? '' });
      void (this as unknown as { load(): Promise<void> }).load();
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
  },
});
