// The table this phone sits at, in a store that is paid after eating (先吃后付): one shared cart
// for everyone at the table, the rounds already sent, and the bill. Polled every 2 s while a
// page shows it (table.get answers "unchanged" while nothing moved): the client never reads the
// database itself, so identity and membership stay checked by the api function.
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { GoodsSummary } from '../domain/api';
import { describeSelection, unitPriceFen, type GoodsSelection } from '../domain/catalog';
import { multiplyFen } from '../domain/money';
import {
  LIVE_SESSION_STATUSES,
  TABLE_POLL_MS,
  type CartLineView,
  type TableSessionView,
} from '../domain/tables';
import { errorMessage } from '../services/api';
import { payBill, type PayResult } from '../services/payment';
import {
  addToTableCart,
  fetchTable,
  joinTable,
  removeFromTableCart,
  sendRound,
  splitBill,
} from '../services/tables';
import { asGoods } from './goods';

/** A shared-cart line as the client can price it from the menu it has. */
export interface PricedCartLine extends CartLineView {
  name: string;
  description: string;
  unitPriceFen: number;
}

export class TableStore {
  session: TableSessionView | null = null;
  /** The last refusal or failure, in the customer's words ('' when none). */
  errorText = '';
  /** Sending a round or paying: the buttons wait. */
  busy = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private joined = '';

  constructor() {
    makeAutoObservable<TableStore, 'timer' | 'joined'>(this, { timer: false, joined: false });
  }

  /** Seated at a table whose session still takes orders or payment. */
  get active(): boolean {
    return this.session !== null && LIVE_SESSION_STATUSES.includes(this.session.status);
  }

  /**
   * Joins the table's open session (or opens one) once per store and table: called when the
   * catalog says this store is paid after eating and the launch came with a table.
   */
  async join(storeId: string, tableNo: string): Promise<void> {
    const key = `${storeId}/${tableNo}`;
    if (this.joined === key && this.active) return;
    this.joined = key;
    try {
      const session = await joinTable(storeId, tableNo);
      runInAction(() => {
        this.session = session;
        this.errorText = '';
      });
    } catch (err) {
      runInAction(() => (this.errorText = errorMessage(err)));
    }
  }

  /** Asks for changes (other diners' lines, a round staff sent, the bill being paid). */
  async refresh(): Promise<void> {
    const current = this.session;
    if (!current) return;
    try {
      const answer = await fetchTable(current.sessionId, current.version);
      if (answer.unchanged) return;
      runInAction(() => (this.session = answer.session));
    } catch (err) {
      runInAction(() => (this.errorText = errorMessage(err)));
    }
  }

  /** A page shows the table: ask now and every 2 s. */
  startPolling(): void {
    void this.refresh();
    if (!this.timer) this.timer = setInterval(() => void this.refresh(), TABLE_POLL_MS);
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The shared cart's lines, priced and named from the menu. */
  pricedCart(menu: (goodsId: string) => GoodsSummary | undefined): PricedCartLine[] {
    const lines: PricedCartLine[] = [];
    for (const line of this.session?.cart ?? []) {
      const goods = menu(line.goodsId);
      if (!goods) continue; // gone from the menu: the server refuses it when the round is sent
      const selection: GoodsSelection = { specs: line.specs, addOns: line.addOns };
      const full = asGoods(goods);
      let unit = goods.priceFen;
      try {
        unit = unitPriceFen(full, selection);
      } catch {
        // options changed since it was added: the server prices it when the round is sent
      }
      lines.push({
        ...line,
        name: goods.name,
        description: describeSelection(full, selection),
        unitPriceFen: unit,
      });
    }
    return lines;
  }

  /** How many of each goods the shared cart holds (the menu's steppers). */
  get qtyByGoods(): Record<string, number> {
    const qty: Record<string, number> = {};
    for (const line of this.session?.cart ?? []) {
      qty[line.goodsId] = (qty[line.goodsId] ?? 0) + line.qty;
    }
    return qty;
  }

  get cartCount(): number {
    return (this.session?.cart ?? []).reduce((sum, line) => sum + line.qty, 0);
  }

  cartTotalFen(menu: (goodsId: string) => GoodsSummary | undefined): number {
    return this.pricedCart(menu).reduce(
      (sum, line) => sum + multiplyFen(line.unitPriceFen, line.qty),
      0,
    );
  }

  /** Adds to the shared cart; resolves to the refusal ('' when added). */
  add(goods: GoodsSummary, selection: GoodsSelection = {}, qty = 1): Promise<string> {
    return this.change((sessionId) =>
      addToTableCart(sessionId, {
        goodsId: goods._id,
        qty,
        ...(selection.specs && Object.keys(selection.specs).length
          ? { specs: selection.specs }
          : {}),
        ...(selection.addOns?.length ? { addOns: selection.addOns } : {}),
      }),
    );
  }

  /** Takes one line back out (the last one of that goods, for the menu's "−"). */
  remove(lineId: string): Promise<string> {
    return this.change((sessionId) => removeFromTableCart(sessionId, lineId));
  }

  /** The last shared-cart line of `goodsId` (the menu's "−" takes it out). */
  lastLineOf(goodsId: string): CartLineView | undefined {
    return [...(this.session?.cart ?? [])].reverse().find((line) => line.goodsId === goodsId);
  }

  /** 下单: the shared cart goes to the kitchen; resolves to the refusal ('' when sent). */
  sendRound(): Promise<string> {
    return this.change(sendRound, true);
  }

  /** AA: the bill in `parts` even shares; then each 买单 pays one share. */
  split(parts: number): Promise<string> {
    return this.change((sessionId) => splitBill(sessionId, parts), true);
  }

  /** 买单: the whole bill (or, after an AA split, one share), by WeChat Pay. */
  async payBill(): Promise<(PayResult & { orderId: string }) | null> {
    const session = this.session;
    if (!session || this.busy) return null;
    this.busy = true;
    const result = await payBill(session.sessionId);
    runInAction(() => (this.busy = false));
    void this.refresh();
    return result;
  }

  private async change(
    call: (sessionId: string) => Promise<TableSessionView>,
    waits = false,
  ): Promise<string> {
    const session = this.session;
    if (!session || (waits && this.busy)) return '';
    if (waits) this.busy = true;
    let refusal = '';
    try {
      const next = await call(session.sessionId);
      runInAction(() => {
        this.session = next;
        this.errorText = '';
      });
    } catch (err) {
      refusal = errorMessage(err);
      void this.refresh(); // someone else may have changed it meanwhile
    }
    if (waits) runInAction(() => (this.busy = false));
    return refusal;
  }
}

export const table = new TableStore();
