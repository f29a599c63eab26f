// The checkout flow: the customer's choices → the server's quote (older answers dropped) → the
// order (or the one this cart already made) → the payment. The page binds what it shows and
// calls these actions; the server's quote is the only total the pay button trusts.
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { OrderCreateRequest, OrderView } from '../../../domain/api';
import type { DeliveryAddress, OrderMode, Quote } from '../../../domain/order';
import { PAID_STATUSES } from '../../../domain/order-status';
import { resultUrl } from '../../../domain/routes';
import { ApiError, errorMessage } from '../../../services/api';
import { createOrder, quoteOrder, syncOrder } from '../../../services/orders';
import { payOrder } from '../../../services/payment';
import { isBlocking } from '../../../stores/cart';
import { cart, catalog, refreshCatalog, session } from '../../../stores/index';
import {
  buildDraft,
  explainQuote,
  pickupSlotsToday,
  type CheckoutChoices,
} from '../checkout-model';

/** Codes of a quote or create refused because the menu changed under the cart. */
const MENU_CHANGED = ['SOLD_OUT', 'NOT_FOUND'];
/** A remembered order is paid again only with this much time left (order.pay wants ≥ 65 s). */
const REPAY_MIN_LEFT_MS = 2 * 60_000;

/** Why there is no total to pay: the cart is empty, or the server refused (its message). */
export type QuoteProblem = { kind: 'empty' } | { kind: 'refused'; message: string } | null;

/** What a pay tap ended in: the page to go to, or a new price the customer must see first. */
export type PayEnd = { go: string } | { priceChanged: true } | null;

/** The cart's order for exactly `request` if it is paid, or payable at `totalFen`; else null. */
async function madeOrder(request: string, totalFen: number): Promise<OrderView | null> {
  const made = cart.orderFor(request);
  if (!made) return null;
  let order: OrderView;
  try {
    order = await syncOrder(made.orderId); // a payment WeChat has but we missed counts too
  } catch {
    return null;
  }
  if (PAID_STATUSES.includes(order.status)) return order;
  const payable =
    order.actions.includes('pay') &&
    order.amounts.totalFen === totalFen &&
    order.expiresAt - Date.now() >= REPAY_MIN_LEFT_MS;
  return payable ? order : null;
}

export class CheckoutStore {
  ready = false;
  choices: CheckoutChoices = { mode: 'pickup', tableNo: '', diners: 1, pickupAt: 0, address: null };
  remark = '';
  /** Today's pickup slots (epoch ms), after "as soon as possible". */
  slots: number[] = [];
  slotIndex = 0;
  quote: Quote | null = null;
  /** The lines as last priced by the server (they stay while a new quote is on its way). */
  pricedLines: Quote['lines'] | null = null;
  quoting = false;
  /** What the customer still has to fill in ("请填写桌号"), from checkout-model. */
  missing = '';
  problem: QuoteProblem = null;
  /** Delivery under the store's minimum: the items' total and how much is missing. */
  short: { itemsFen: number; missingFen: number } | null = null;
  /** The cart's total when the server priced the same items differently, with the reasons. */
  differs: { cartTotalFen: number; reasons: string[] } | null = null;
  /** A delivery address picked without a pinned point. */
  locationMissing = false;
  paying = false;
  /** The table typed so far; quoted once the field is left (`commitTable`). */
  typedTable: string | null = null;
  private quoteSeq = 0;

  constructor() {
    makeAutoObservable<CheckoutStore, 'quoteSeq'>(this, { quoteSeq: false });
  }

  /** The checkout opened: the mode chosen on the menu (or dine-in at a scanned table). */
  async open(): Promise<void> {
    this.ready = false;
    this.quoteSeq++; // an answer for the last visit's checkout is not this one's
    this.quote = null;
    this.pricedLines = null;
    this.problem = null;
    this.differs = null;
    this.short = null;
    this.missing = '';
    await refreshCatalog();
    runInAction(() => {
      const store = catalog.store;
      this.choices = {
        mode: session.mode,
        tableNo: session.tableNo,
        diners: 1,
        pickupAt: 0,
        address: null,
      };
      this.remark = '';
      this.typedTable = null;
      this.slotIndex = 0;
      this.paying = false;
      this.slots = store ? pickupSlotsToday(store, new Date()) : [];
      this.ready = true;
    });
    void this.requote();
  }

  /** Lines that will not be ordered (gone or sold out), by name. */
  get unavailableNames(): string[] {
    const names = cart.lines.filter((line) => isBlocking(line.issue)).map((line) => line.name);
    return [...new Set(names)];
  }

  get canPay(): boolean {
    return this.quote !== null && !this.quoting && this.problem === null;
  }

  chooseMode(mode: OrderMode): void {
    if (mode === this.choices.mode) return;
    this.choices.mode = mode;
    session.chooseMode(mode);
    void this.requote();
  }

  typeTable(tableNo: string): void {
    this.typedTable = tableNo;
  }

  commitTable(): void {
    if (this.typedTable === null || this.typedTable === this.choices.tableNo) return;
    this.choices.tableNo = this.typedTable;
    void this.requote();
  }

  setDiners(diners: number): void {
    this.choices.diners = diners || 1;
  }

  chooseSlot(index: number): void {
    this.slotIndex = index;
    this.choices.pickupAt = index === 0 ? 0 : (this.slots[index - 1] ?? 0);
    void this.requote();
  }

  /** A picked address: without a pinned point there is no distance, so no quote. */
  setAddress(address: DeliveryAddress | null): void {
    this.locationMissing = address === null;
    if (!address) return;
    this.choices.address = address;
    void this.requote();
  }

  setRemark(remark: string): void {
    this.remark = remark.slice(0, 200);
  }

  /** Asks the server's price for the current choices; older answers are dropped. */
  async requote(): Promise<void> {
    const seq = ++this.quoteSeq;
    this.quote = null;
    this.differs = null;
    this.short = null;
    this.locationMissing = false;
    const lines = cart.orderableLines;
    if (!catalog.storeId || lines.length === 0) {
      this.quoting = false;
      this.problem = { kind: 'empty' };
      return;
    }
    const built = buildDraft(catalog.storeId, lines, this.choices);
    if ('missing' in built) {
      this.quoting = false;
      this.problem = null;
      this.missing = built.missing;
      return;
    }
    this.missing = '';
    this.problem = null;
    this.quoting = true;
    const cartTotalFen = cart.totalFen;
    try {
      const { quote, priceChanged } = await quoteOrder({
        ...built.draft,
        expectedTotalFen: cartTotalFen,
      });
      if (seq !== this.quoteSeq) return;
      // Fees are ordinary lines; only the same items priced differently is news.
      const reasons = priceChanged ? explainQuote(lines, quote, cartTotalFen) : [];
      runInAction(() => {
        this.quoting = false;
        this.quote = quote;
        this.pricedLines = quote.lines;
        this.differs = reasons.length ? { cartTotalFen, reasons } : null;
      });
    } catch (err) {
      if (seq !== this.quoteSeq) return;
      const minimum = catalog.store?.delivery?.minOrderFen ?? 0;
      runInAction(() => {
        this.quoting = false;
        if (
          err instanceof ApiError &&
          err.code === 'BELOW_MINIMUM_ORDER' &&
          minimum > cartTotalFen
        ) {
          // The items' total still shows, with what is missing and the way back to the menu.
          this.short = { itemsFen: cartTotalFen, missingFen: minimum - cartTotalFen };
          return;
        }
        this.problem = { kind: 'refused', message: errorMessage(err) };
      });
      if (err instanceof ApiError && MENU_CHANGED.includes(err.code)) void this.menuChanged();
    }
  }

  /**
   * The server found goods gone or sold out: refresh the menu so the cart flags them, then
   * quote the rest. When nothing new is flagged (e.g. stock short of the quantity), the
   * server's message, which names the item, stays.
   */
  async menuChanged(): Promise<void> {
    const before = this.unavailableNames.join();
    await refreshCatalog(true);
    if (this.unavailableNames.join() === before) return;
    runInAction(() => (this.pricedLines = null)); // the cart's lines again, with the gone ones out
    void this.requote();
  }

  /**
   * Creates the order (or reuses the one this cart made with the same choices) and pays it.
   * `asked`: the subscribe prompt the page opened inside the tap, waited for before paying.
   */
  async pay(asked: Promise<void>): Promise<PayEnd> {
    if (!this.canPay || this.paying) return null;
    this.paying = true;
    const end = await this.placeAndPay(asked);
    runInAction(() => (this.paying = false));
    return end;
  }

  private async placeAndPay(asked: Promise<void>): Promise<PayEnd> {
    const quote = this.quote;
    const lines = cart.orderableLines.map(({ key, qty }) => ({ key, qty }));
    const built = buildDraft(catalog.storeId, cart.orderableLines, this.choices);
    await asked;
    if (!quote || 'missing' in built) return null;
    const remark = this.remark.trim();
    const request: OrderCreateRequest = { ...built.draft, ...(remark ? { remark } : {}) };
    const requestKey = JSON.stringify(request);
    let order = await madeOrder(requestKey, quote.amounts.totalFen);
    if (order && order.status !== 'pending_payment') {
      // Paid meanwhile (its lines just left the cart): show that instead of ordering again.
      return { go: resultUrl({ orderId: order._id, outcome: 'paid', message: '', code: '' }) };
    }
    if (!order) {
      try {
        order = await createOrder({
          ...request,
          entry: { source: session.source, scene: session.scene },
          expectedTotalFen: quote.amounts.totalFen,
        });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'PRICE_CHANGED') {
          void this.requote();
          return { priceChanged: true };
        }
        runInAction(() => (this.problem = { kind: 'refused', message: errorMessage(err) }));
        if (err instanceof ApiError && MENU_CHANGED.includes(err.code)) void this.menuChanged();
        return null;
      }
      cart.rememberOrder(order, lines, requestKey);
    }
    const result = await payOrder(order);
    return { go: resultUrl({ orderId: order._id, code: '', ...result }) };
  }
}

export const checkout = new CheckoutStore();
