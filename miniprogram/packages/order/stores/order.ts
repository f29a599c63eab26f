// One order as its page shows it: loaded by id, refreshed when the page comes back into view,
// paid or cancelled by the customer. A failed refresh keeps the order shown, with the error.
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { OrderView } from '../../../domain/api';
import { resultUrl } from '../../../domain/routes';
import { errorMessage } from '../../../services/api';
import { fetchStores } from '../../../services/catalog';
import { cancelOrder, fetchOrder } from '../../../services/orders';
import { payOrder } from '../../../services/payment';
import { catalog } from '../../../stores/index';

export class OrderStore {
  orderId = '';
  order: OrderView | null = null;
  /** A first answer (the order or an error) has come. */
  loaded = false;
  loading = false;
  errorText = '';
  /** Paying or cancelling. */
  busy = false;

  constructor() {
    makeAutoObservable(this);
  }

  /** The page opened for `orderId`: nothing of another order stays on screen. */
  open(orderId: string): void {
    this.orderId = orderId;
    this.order = null;
    this.loaded = false;
    this.errorText = '';
    this.busy = false;
  }

  async load(): Promise<void> {
    const orderId = this.orderId;
    this.loading = true;
    try {
      const order = await fetchOrder(orderId);
      if (orderId === this.orderId) this.show(order);
    } catch (err) {
      runInAction(() => {
        if (orderId !== this.orderId) return;
        // The order already shown stays (with a note); errorText alone fills an empty page.
        this.errorText = errorMessage(err);
        this.loaded = true;
        this.loading = false;
      });
    }
  }

  private show(order: OrderView): void {
    this.order = order;
    this.loaded = true;
    this.loading = false;
    this.errorText = '';
  }

  /** Pays the order; resolves to the result page's url, or null when it cannot be paid now. */
  async pay(): Promise<string | null> {
    const order = this.order;
    if (!order || this.busy) return null;
    this.busy = true;
    const result = await payOrder(order);
    runInAction(() => (this.busy = false));
    return resultUrl({ orderId: order._id, code: '', ...result });
  }

  /** Cancels (a refund once paid); resolves to the server's refusal, or '' when it went. */
  async cancel(): Promise<string> {
    const order = this.order;
    if (!order || this.busy) return '';
    this.busy = true;
    let refusal = '';
    try {
      const cancelled = await cancelOrder(order._id);
      runInAction(() => this.show(cancelled));
    } catch (err) {
      refusal = errorMessage(err);
      await this.load();
    }
    runInAction(() => (this.busy = false));
    return refusal;
  }

  /** The store's phone: from the open catalog when it is that store, else from the store list. */
  async storePhone(): Promise<string> {
    const storeId = this.order?.storeId;
    if (!storeId) return '';
    if (catalog.store?._id === storeId) return catalog.store.phone;
    try {
      const { stores } = await fetchStores();
      return stores.find((store) => store._id === storeId)?.phone ?? '';
    } catch {
      return '';
    }
  }
}

export const orderDetail = new OrderStore();
