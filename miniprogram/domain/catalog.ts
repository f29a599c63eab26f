// The catalog contract (stores, categories, goods, tables) and the one pricing function that
// client and server share, so a cart line and an order line can never be priced differently.

import type { DineInPayment } from './tables';
import { DomainError } from './errors';
import type { GeoPoint } from './geo';
import type { HoursSource } from './hours';
import { assertFen, assertFenDelta } from './money';

/** Delivery terms of a store; a store without them does not deliver. */
export interface DeliverySettings {
  /** Straight-line distance from the store, in metres. */
  radiusMeters: number;
  feeFen: number;
  /** Goods subtotal needed before delivery is offered. */
  minOrderFen: number;
}

export interface Store extends HoursSource {
  _id: string;
  name: string;
  logo: string;
  /** The storefront picture at the top of home (a storage file id); '' or missing: none */
  cover?: string;
  address: string;
  phone: string;
  notice: string;
  location: GeoPoint;
  /** The store used when the entry names none and no location is known. */
  isDefault: boolean;
  sort: number;
  /** Bumped by whoever edits the catalog; part of the catalog version. */
  catalogVersion: number;
  /** null or missing: no delivery from this store. */
  delivery?: DeliverySettings | null;
  /** Per takeaway order (pickup and delivery); missing = 0. */
  packagingFeeFen?: number;
  /** Dine-in: pay before ordering (missing = 'first') or after eating, the table together. */
  dineInPayment?: DineInPayment;
}

export interface Category {
  _id: string;
  storeId: string;
  name: string;
  sort: number;
}

export interface SpecOption {
  id: string;
  name: string;
  /** Added to the goods price when chosen; may be negative (e.g. a smaller cup). */
  priceDeltaFen: number;
}

export interface SpecGroup {
  id: string;
  name: string;
  /** A required group must have an option chosen. */
  required: boolean;
  /** Several options may be chosen at once (otherwise exactly one at most). */
  multiple: boolean;
  options: SpecOption[];
  /** Preselected in the picker; must be one of `options`. */
  defaultOptionId?: string;
}

export interface AddOn {
  id: string;
  name: string;
  priceFen: number;
}

export interface Goods {
  _id: string;
  storeId: string;
  categoryId: string;
  name: string;
  description: string;
  images: string[];
  priceFen: number;
  specs: SpecGroup[];
  addOns: AddOn[];
  /** Units left; null means unlimited. */
  stock: number | null;
  onShelf: boolean;
  /** Staff's "sold out today" switch, independent of stock. */
  soldOut: boolean;
  /** Shown on the home page. */
  featured: boolean;
  sort: number;
}

export interface Table {
  _id: string;
  storeId: string;
  tableNo: string;
  name: string;
  seats: number;
  /** The `scene` of this table's mini program code: "s=<storeId>&t=<tableNo>", ≤ 32 chars. */
  scene: string;
}

/** What the customer picked: option ids per spec group id, and add-on ids. */
export interface GoodsSelection {
  specs?: Record<string, string[]>;
  addOns?: string[];
}

/** True when the goods item can go into a cart now. */
export function isOrderable(goods: Pick<Goods, 'onShelf' | 'soldOut' | 'stock'>): boolean {
  return goods.onShelf && !goods.soldOut && (goods.stock === null || goods.stock > 0);
}

/** Sorted by `sort`, then by name, so equal sort keys still give one stable order. */
export function bySortThenName<T extends { sort: number; name: string }>(a: T, b: T): number {
  return a.sort - b.sort || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function invalid(goods: Goods, detail: string): DomainError {
  return new DomainError('INVALID_SELECTION', `「${goods.name}」${detail}`);
}

function assertNoDuplicates(goods: Goods, ids: string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw invalid(goods, `重复选择了${what} "${id}"`);
    seen.add(id);
  }
}

function chosenOptions(goods: Goods, selection: GoodsSelection): SpecOption[] {
  const picked = selection.specs ?? {};
  for (const groupId of Object.keys(picked)) {
    if (!goods.specs.some((group) => group.id === groupId)) {
      throw invalid(goods, `没有规格 "${groupId}"`);
    }
  }
  const chosen: SpecOption[] = [];
  for (const group of goods.specs) {
    const ids = picked[group.id] ?? [];
    if (!Array.isArray(ids)) throw invalid(goods, `规格「${group.name}」的选择格式不对`);
    if (ids.length === 0 && group.required) throw invalid(goods, `请选择「${group.name}」`);
    if (ids.length > 1 && !group.multiple) throw invalid(goods, `「${group.name}」只能选一项`);
    assertNoDuplicates(goods, ids, `「${group.name}」`);
    for (const id of ids) {
      const option = group.options.find((candidate) => candidate.id === id);
      if (!option) throw invalid(goods, `「${group.name}」没有选项 "${id}"`);
      chosen.push(option);
    }
  }
  return chosen;
}

function chosenAddOns(goods: Goods, selection: GoodsSelection): AddOn[] {
  const ids = selection.addOns ?? [];
  if (!Array.isArray(ids)) throw invalid(goods, '加料的选择格式不对');
  assertNoDuplicates(goods, ids, '加料');
  return ids.map((id) => {
    const addOn = goods.addOns.find((candidate) => candidate.id === id);
    if (!addOn) throw invalid(goods, `没有加料 "${id}"`);
    return addOn;
  });
}

/**
 * Price of one unit with the given specs and add-ons, in fen. Throws INVALID_SELECTION for an
 * unknown group/option/add-on, a missing required group, several picks in a single-choice group
 * or a repeated pick; INVALID_AMOUNT when the catalog data itself holds a non-integer price.
 */
export function unitPriceFen(goods: Goods, selection: GoodsSelection = {}): number {
  assertFen(goods.priceFen, `「${goods.name}」的价格`);
  let total = goods.priceFen;
  for (const option of chosenOptions(goods, selection)) {
    assertFenDelta(option.priceDeltaFen, `「${option.name}」的加价`);
    total += option.priceDeltaFen;
  }
  for (const addOn of chosenAddOns(goods, selection)) {
    assertFen(addOn.priceFen, `「${addOn.name}」的价格`);
    total += addOn.priceFen;
  }
  assertFen(total, `「${goods.name}」的单价`);
  return total;
}

/** The picker's starting point: each group's default option, else the first of required groups. */
export function defaultSelection(goods: Goods): GoodsSelection {
  const specs: Record<string, string[]> = {};
  for (const group of goods.specs) {
    const initial = group.defaultOptionId ?? (group.required ? group.options[0]?.id : undefined);
    if (initial) specs[group.id] = [initial];
  }
  return { specs, addOns: [] };
}

/**
 * Cart identity of a goods item with a selection: the same choices in any order give the same
 * key, so adding "大杯+少糖" twice bumps one line instead of making two.
 */
export function lineKey(goodsId: string, selection: GoodsSelection = {}): string {
  const specs = Object.keys(selection.specs ?? {})
    .filter((groupId) => (selection.specs?.[groupId] ?? []).length > 0)
    .sort()
    .map((groupId) => `${groupId}=${[...(selection.specs?.[groupId] ?? [])].sort().join(',')}`)
    .join(';');
  const addOns = [...(selection.addOns ?? [])].sort().join(',');
  return `${goodsId}|${specs}|${addOns}`;
}

/** "大杯 / 少糖 / 冰 + 燕麦奶" for a cart line; unknown ids are skipped. */
export function describeSelection(goods: Goods, selection: GoodsSelection = {}): string {
  const names: string[] = [];
  for (const group of goods.specs) {
    for (const id of selection.specs?.[group.id] ?? []) {
      const option = group.options.find((candidate) => candidate.id === id);
      if (option) names.push(option.name);
    }
  }
  const addOns = (selection.addOns ?? [])
    .map((id) => goods.addOns.find((candidate) => candidate.id === id)?.name)
    .filter((name): name is string => Boolean(name));
  return [names.join(' / '), addOns.map((name) => `+ ${name}`).join(' ')].filter(Boolean).join(' ');
}
