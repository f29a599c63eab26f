// One cart per store, kept in storage so it survives a restart. Unit prices come from the shared
// pricing function; after each catalog refresh every line is checked against the new menu and a
// line that can no longer be ordered as it was is flagged, so the customer sees why.
//
// The cart also remembers the orders made from it (one per store, the latest) with the lines and
// quantities each took. Those quantities leave the cart once the order is known paid — whenever
// any order answer says so — and nothing else does: a slow confirmation still empties it later,
// and paying an old order leaves a new cart alone. Checkout pays a remembered order again while
// the cart and choices are unchanged, instead of holding the stock twice.
import { makeAutoObservable, toJS } from 'mobx-miniprogram';
import type { GoodsSummary, OrderSummary, OrderView } from '../domain/api';
import {
  describeSelection,
  isOrderable,
  lineKey,
  unitPriceFen,
  type GoodsSelection,
} from '../domain/catalog';
import { multiplyFen, sumFen } from '../domain/money';
import type { OrderStatus } from '../domain/order-status';
import { asGoods } from './goods';
import { readStored, STORAGE_KEYS, writeStored } from './storage';

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

/** An order made from the cart and not yet known paid or dead. */
export interface CartOrder {
  orderId: string;
  storeId: string;
  /** The checkout request it answers (lines and choices), serialized: same request, same order. */
  request: string;
  /** The cart lines it took, with the quantities ordered. */
  lines: { key: string; qty: number }[];
  expiresAt: number;
}

/**
 * Statuses that take an order's lines out of the cart. Not refunding / refunded: that money went
 * back (a rejected order, or a payment after expiry), so the customer may well order again.
 */
export const PAID_STATUSES: readonly OrderStatus[] = ['paid', 'accepted', 'ready', 'completed'];
/** A remembered order whose status no answer brought is forgotten this long after it expired. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** An order's status as an order answer brings it. */
export type OrderSeen = Pick<OrderSummary, '_id' | 'status'>;

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

  /** Remembers the order just made from `lines` of the open store, replacing an older one. */
  rememberOrder(
    order: Pick<OrderView, '_id' | 'storeId' | 'expiresAt'>,
    lines: Pick<CartLine, 'key' | 'qty'>[],
    request: string,
  ): void {
    const others = storedOrders().filter((kept) => kept.storeId !== order.storeId);
    const made: CartOrder = {
      orderId: order._id,
      storeId: order.storeId,
      request,
      lines: lines.map(({ key, qty }) => ({ key, qty })),
      expiresAt: order.expiresAt,
    };
    writeStored(STORAGE_KEYS.cartOrders, [...others, made]);
  }

  /** The remembered order of the open store made from exactly `request`, if any. */
  orderFor(request: string): CartOrder | undefined {
    return storedOrders().find(
      (order) => order.storeId === this.storeId && order.request === request,
    );
  }

  /** Statuses from the server: a paid order's lines leave its store's cart; dead ones are forgotten. */
  settle(seen: OrderSeen[]): void {
    const remembered = storedOrders();
    if (remembered.length === 0) return;
    const statuses = new Map(seen.map((order) => [order._id, order.status]));
    const now = Date.now();
    const kept = remembered.filter((order) => {
      const status = statuses.get(order.orderId);
      if (status === undefined) return now < order.expiresAt + FORGET_AFTER_MS;
      if (status === 'pending_payment') return true;
      if (PAID_STATUSES.includes(status)) this.takeOut(order);
      return false;
    });
    if (kept.length !== remembered.length) writeStored(STORAGE_KEYS.cartOrders, kept);
  }

  /** Takes the ordered quantities out of the order's store cart; the rest stays. */
  private takeOut(order: CartOrder): void {
    const open = order.storeId === this.storeId;
    const lines = open
      ? toJS(this.lines)
      : (readStored<CartLine[]>(STORAGE_KEYS.cart(order.storeId)) ?? []);
    const ordered = new Map(order.lines.map((line) => [line.key, line.qty]));
    const left = lines
      .map((line) => ({ ...line, qty: line.qty - (ordered.get(line.key) ?? 0) }))
      .filter((line) => line.qty > 0);
    if (open) {
      this.lines = left;
      this.save();
    } else {
      writeStored(STORAGE_KEYS.cart(order.storeId), left);
    }
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

function storedOrders(): CartOrder[] {
  return readStored<CartOrder[]>(STORAGE_KEYS.cartOrders) ?? [];
}
