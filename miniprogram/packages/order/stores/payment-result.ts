// After the payment sheet: waits for the server to confirm the payment (order.detail a few times
// with backoff, then one order.sync — the server's active query) and works out what happened.
// The cart takes the paid lines out itself, from any order answer (stores/cart).
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { OrderView } from '../../../domain/api';
import { PAYMENT_RECEIVED_STATUSES } from '../../../domain/order-status';
import type { PayOutcome } from '../../../domain/routes';
import { errorMessage } from '../../../services/api';
import { fetchOrder, syncOrder } from '../../../services/orders';
import { payOrder } from '../../../services/payment';

/** Waits between order.detail polls; then one order.sync. */
const POLL_DELAYS_MS = [400, 800, 1600, 3200];

export type ResultPhase =
  'checking' | 'paid' | 'waiting' | 'unpaid' | 'expiring' | 'closed' | 'error';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Paid and numbered (the number follows the payment by a moment), or no longer payable. */
function settled(order: OrderView): boolean {
  if (order.status === 'pending_payment') return false;
  return order.status !== 'paid' || order.pickupNo !== '';
}

/** `code`: order.pay's refusal; ORDER_NOT_PAYABLE on a pending order = under ~65 s left. */
function phaseOf(order: OrderView, outcome: PayOutcome, code: string): ResultPhase {
  if (PAYMENT_RECEIVED_STATUSES.includes(order.status)) return 'paid';
  if (order.status !== 'pending_payment') return 'closed';
  if (code === 'ORDER_NOT_PAYABLE') return 'expiring';
  return outcome === 'paid' ? 'waiting' : 'unpaid';
}

export class PaymentResultStore {
  orderId = '';
  phase: ResultPhase = 'checking';
  order: OrderView | null = null;
  /** Why the payment did not go through, or why the order could not be read. */
  message = '';
  busy = false;
  /** The page was closed: polling stops at its next step, and nothing more is set. */
  private closed = true;

  constructor() {
    makeAutoObservable<PaymentResultStore, 'closed'>(this, { closed: false });
  }

  open(orderId: string): void {
    this.orderId = orderId;
    this.order = null;
    this.closed = false;
  }

  close(): void {
    this.closed = true;
  }

  async confirm(outcome: PayOutcome, message = '', code = ''): Promise<void> {
    if (this.closed) return; // e.g. the pay sheet came back after the page was left
    const orderId = this.orderId;
    const gone = () => this.closed || orderId !== this.orderId;
    this.phase = 'checking';
    this.busy = true;
    try {
      let order = await fetchOrder(orderId);
      if (outcome === 'paid') {
        for (const delay of POLL_DELAYS_MS) {
          if (settled(order)) break;
          await wait(delay);
          if (gone()) return;
          order = await fetchOrder(orderId);
        }
        if (gone()) return;
        if (order.status === 'pending_payment') order = await syncOrder(orderId);
      }
      if (gone()) return;
      runInAction(() => {
        this.order = order;
        this.message = message;
        this.phase = phaseOf(order, outcome, code);
        this.busy = false;
      });
    } catch (err) {
      if (gone()) return;
      runInAction(() => {
        this.message = errorMessage(err);
        this.phase = 'error';
        this.busy = false;
      });
    }
  }

  retryPay(): void {
    const order = this.order;
    if (!order || this.busy) return;
    this.busy = true;
    void payOrder(order).then((result) =>
      this.confirm(result.outcome, result.message, result.code),
    );
  }
}

export const paymentResult = new PaymentResultStore();
