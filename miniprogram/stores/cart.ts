// One cart per store, kept in storage so it survives a restart. Unit prices come from the shared
// pricing function; after each catalog refresh every line is checked against the new menu and a
// line that can no longer be ordered as it was is flagged, so the customer sees why.
import { makeAutoObservable, toJS } from 'mobx-miniprogram';
import type { GoodsSummary } from '../domain/api';
import {
  describeSelection,
  isOrderable,
  lineKey,
  unitPriceFen,
  type GoodsSelection,
} from '../domain/catalog';
import { multiplyFen, sumFen } from '../domain/money';
import { asGoods } from './goods';
import { readStored, removeStored, STORAGE_KEYS, writeStored } from './storage';

/** Why a line needs the customer's attention. `price_changed` still orders, at the new price. */
export type LineIssue =
  | { kind: 'removed' }
  | { kind: 'sold_out' }
  | { kind: 'options_changed' }
  | { kind: 'price_changed'; previousPriceFen: number };

export interface CartLine {
  key: string;
  goodsId: string;
  name: string;
  image: string;
  selection: GoodsSelection;
  selectionText: string;
  unitPriceFen: number;
  qty: number;
  issue: LineIssue | null;
}

/** Lines with these issues cannot be ordered until the goods come back. */
export function isBlocking(issue: LineIssue | null): boolean {
  return issue !== null && issue.kind !== 'price_changed';
}

export const MAX_LINE_QTY = 99;

export class CartStore {
  storeId = '';
  lines: CartLine[] = [];

  constructor() {
    makeAutoObservable(this);
  }

  /** Switches to `storeId`'s own cart, as stored. */
  open(storeId: string): void {
    if (storeId === this.storeId) return;
    this.storeId = storeId;
    this.lines = storeId ? (readStored<CartLine[]>(STORAGE_KEYS.cart(storeId)) ?? []) : [];
  }

  get orderableLines(): CartLine[] {
    return this.lines.filter((line) => !isBlocking(line.issue));
  }

  /** Items that will be ordered (flagged unavailable lines are not counted). */
  get count(): number {
    return this.orderableLines.reduce((total, line) => total + line.qty, 0);
  }

  get totalFen(): number {
    return sumFen(this.orderableLines.map((line) => multiplyFen(line.unitPriceFen, line.qty)));
  }

  get hasIssues(): boolean {
    return this.lines.some((line) => line.issue !== null);
  }

  /** Quantity in the cart per goods id, over all its spec variants. */
  get qtyByGoods(): Record<string, number> {
    const qty: Record<string, number> = {};
    for (const line of this.lines) qty[line.goodsId] = (qty[line.goodsId] ?? 0) + line.qty;
    return qty;
  }

  lineOf(key: string): CartLine | undefined {
    return this.lines.find((line) => line.key === key);
  }

  /** Adds `qty` of the goods with `selection`; the same choices again bump the same line. */
  add(goods: GoodsSummary, selection: GoodsSelection = {}, qty = 1): CartLine {
    if (!isOrderable(goods)) throw new Error(`「${goods.name}」已售罄`);
    const full = asGoods(goods);
    const price = unitPriceFen(full, selection); // throws INVALID_SELECTION on a bad pick
    const key = lineKey(goods._id, selection);
    const existing = this.lineOf(key);
    if (existing) {
      existing.qty = Math.min(MAX_LINE_QTY, existing.qty + qty);
      existing.unitPriceFen = price;
      existing.issue = null;
    } else {
      this.lines.push({
        key,
        goodsId: goods._id,
        name: goods.name,
        image: goods.image,
        selection,
        selectionText: describeSelection(full, selection),
        unitPriceFen: price,
        qty: Math.min(MAX_LINE_QTY, qty),
        issue: null,
      });
    }
    this.save();
    return this.lineOf(key) as CartLine;
  }

  /** Sets a line's quantity; 0 removes it. Changing it counts as seeing a price change. */
  setQty(key: string, qty: number): void {
    const line = this.lineOf(key);
    if (!line) return;
    if (qty <= 0) {
      this.remove(key);
      return;
    }
    line.qty = Math.min(MAX_LINE_QTY, Math.floor(qty));
    if (line.issue?.kind === 'price_changed') line.issue = null;
    this.save();
  }

  remove(key: string): void {
    this.lines = this.lines.filter((line) => line.key !== key);
    this.save();
  }

  /** Drops the lines that cannot be ordered any more. */
  removeUnavailable(): void {
    this.lines = this.orderableLines;
    this.save();
  }

  clear(): void {
    this.lines = [];
    this.save();
  }

  /** Empties `storeId`'s cart (its order was paid), whether or not it is the open one. */
  clearStore(storeId: string): void {
    if (!storeId) return;
    if (storeId === this.storeId) this.clear();
    else removeStored(STORAGE_KEYS.cart(storeId));
  }

  /** Checks every line against a freshly loaded menu of this store. */
  reconcile(menu: GoodsSummary[]): void {
    const byId = new Map(menu.map((goods) => [goods._id, goods]));
    for (const line of this.lines) {
      const goods = byId.get(line.goodsId);
      if (!goods) {
        line.issue = { kind: 'removed' };
      } else if (!isOrderable(goods)) {
        line.issue = { kind: 'sold_out' };
      } else {
        let price: number;
        try {
          price = unitPriceFen(asGoods(goods), line.selection);
        } catch {
          line.issue = { kind: 'options_changed' };
          continue;
        }
        if (price !== line.unitPriceFen) {
          const previousPriceFen =
            line.issue?.kind === 'price_changed' ? line.issue.previousPriceFen : line.unitPriceFen;
          line.unitPriceFen = price;
          // Back to the price the customer saw: nothing to tell them.
          line.issue =
            price === previousPriceFen ? null : { kind: 'price_changed', previousPriceFen };
        } else if (line.issue?.kind !== 'price_changed') {
          line.issue = null; // back on the menu as it was
        }
        line.name = goods.name;
      }
    }
    this.save();
  }

  private save(): void {
    if (this.storeId) writeStored(STORAGE_KEYS.cart(this.storeId), toJS(this.lines));
  }
}
