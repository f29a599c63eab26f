// The customer's orders for the orders tab: one tab's orders, newest first, a page at a time.
// The latest request wins; older answers are dropped.
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { OrderSummary } from '../domain/api';
import type { OrderTab } from '../domain/order';
import { errorMessage } from '../services/api';
import { listOrders } from '../services/orders';

const PAGE_SIZE = 10;

export class OrderListStore {
  tab: OrderTab = 'all';
  orders: OrderSummary[] = [];
  hasMore = false;
  loading = false;
  /** A first answer (orders or an error) has come for this tab. */
  loaded = false;
  errorText = '';
  private requestSeq = 0;

  constructor() {
    makeAutoObservable<OrderListStore, 'requestSeq'>(this, { requestSeq: false });
  }

  showTab(tab: OrderTab): Promise<void> {
    this.tab = tab;
    this.orders = [];
    this.loaded = false;
    this.hasMore = false;
    return this.load(true);
  }

  /** The first page (`reset`) or the next one. */
  async load(reset: boolean): Promise<void> {
    const seq = ++this.requestSeq;
    const offset = reset ? 0 : this.orders.length;
    this.loading = true;
    this.errorText = '';
    try {
      const answer = await listOrders(this.tab, offset, PAGE_SIZE);
      if (seq !== this.requestSeq) return;
      runInAction(() => {
        this.orders = reset ? answer.orders : [...this.orders, ...answer.orders];
        this.hasMore = answer.hasMore;
        this.loading = false;
        this.loaded = true;
      });
    } catch (err) {
      if (seq !== this.requestSeq) return;
      runInAction(() => {
        this.loading = false;
        this.loaded = true;
        this.errorText = errorMessage(err);
      });
    }
  }

  loadMore(): void {
    if (this.hasMore && !this.loading) void this.load(false);
  }
}

export const orderList = new OrderListStore();
