// Prices a draft order from catalog documents: the one function the server runs for order.quote
// and order.create, and the client may run on its cached menu to show the same figures.

import { describeSelection, type Goods, type Store, unitPriceFen } from './catalog';
import { DomainError } from './errors';
import { distanceMeters, type LatLng } from './geo';
import { isOpenAt, isWithinHours } from './hours';
import { formatPrice, multiplyFen, sumFen } from './money';
import type { OrderDraft, PickupTime, PricedLine, Quote, StockHold } from './order';

/** A pickup slot must leave the kitchen this long… */
export const MIN_PICKUP_LEAD_MINUTES = 10;
/** …and lie within this many hours from now. */
export const MAX_PICKUP_AHEAD_HOURS = 24;
export const PICKUP_SLOT_MINUTES = 15;
/** Largest quantity of one line, and of one order: a guard against typos and abuse. */
export const MAX_LINE_QTY = 99;
export const MAX_ORDER_ITEMS = 200;

const MINUTE = 60_000;

export interface PricingCatalog {
  store: Store;
  /** At least every goods item the draft names; others are ignored. */
  goods: Goods[];
}

/** The store's location as lat/lng, whichever form the document holds (GeoJSON or SDK Point). */
export function storeLatLng(store: Pick<Store, 'location'>): LatLng {
  const point = store.location as unknown as {
    coordinates?: [number, number];
    longitude?: number;
    latitude?: number;
  };
  if (Array.isArray(point.coordinates)) {
    return { lng: point.coordinates[0], lat: point.coordinates[1] };
  }
  return { lng: Number(point.longitude), lat: Number(point.latitude) };
}

function priceLine(
  goodsById: Map<string, Goods>,
  storeId: string,
  line: OrderDraft['lines'][number],
  index: number,
): PricedLine {
  const goods = goodsById.get(line.goodsId);
  // Another store's goods are as unknown here as goods that do not exist.
  if (!goods || goods.storeId !== storeId || !goods.onShelf) {
    throw new DomainError('NOT_FOUND', `商品不存在或已下架 (goods "${line.goodsId}")`);
  }
  if (goods.soldOut || (goods.stock !== null && goods.stock < line.qty)) {
    throw new DomainError('SOLD_OUT', `「${goods.name}」已售罄或库存不足`);
  }
  if (!Number.isSafeInteger(line.qty) || line.qty < 1 || line.qty > MAX_LINE_QTY) {
    throw new DomainError('INVALID_AMOUNT', `「${goods.name}」数量须为 1–${MAX_LINE_QTY}`);
  }
  const selection = { specs: line.specs ?? {}, addOns: line.addOns ?? [] };
  // A key of the specs map must name one of this goods item's groups: anything else is not a
  // choice the item offers but a malformed request, refused with its path.
  for (const groupId of Object.keys(selection.specs)) {
    if (!goods.specs.some((group) => group.id === groupId)) {
      throw new DomainError(
        'INVALID_INPUT',
        `data.lines.${index}.specs.${groupId}: 「${goods.name}」没有这个规格组`,
      );
    }
  }
  const unit = unitPriceFen(goods, selection);
  return {
    goodsId: goods._id,
    name: goods.name,
    image: goods.images[0] ?? '',
    specs: selection.specs,
    addOns: selection.addOns,
    description: describeSelection(goods, selection),
    qty: line.qty,
    unitPriceFen: unit,
    lineTotalFen: multiplyFen(unit, line.qty),
  };
}

/** Throws INVALID_PICKUP_TIME unless `pickup` is asap or a time the store will be open. */
export function assertPickupTime(store: Store, pickup: PickupTime, now: Date): void {
  if ('asap' in pickup) return;
  const at = pickup.at;
  const earliest = now.getTime() + MIN_PICKUP_LEAD_MINUTES * MINUTE;
  const latest = now.getTime() + MAX_PICKUP_AHEAD_HOURS * 60 * MINUTE;
  if (!Number.isSafeInteger(at) || at < earliest || at > latest) {
    throw new DomainError(
      'INVALID_PICKUP_TIME',
      `取餐时间须在 ${MIN_PICKUP_LEAD_MINUTES} 分钟后、${MAX_PICKUP_AHEAD_HOURS} 小时内`,
    );
  }
  if (!isWithinHours(store, new Date(at))) {
    throw new DomainError('INVALID_PICKUP_TIME', '所选取餐时间门店不营业');
  }
}

/** Pickup times the checkout offers: every slot boundary ahead that the store is open at. */
export function pickupSlots(store: Store, now: Date): number[] {
  const slot = PICKUP_SLOT_MINUTES * MINUTE;
  const first = Math.ceil((now.getTime() + MIN_PICKUP_LEAD_MINUTES * MINUTE) / slot) * slot;
  const last = now.getTime() + MAX_PICKUP_AHEAD_HOURS * 60 * MINUTE;
  const slots: number[] = [];
  for (let at = first; at <= last; at += slot) {
    if (isWithinHours(store, new Date(at))) slots.push(at);
  }
  return slots;
}

function assertModeDetails(draft: OrderDraft, store: Store, now: Date): void {
  if (draft.mode === 'dine_in' && !draft.dineIn) {
    throw new DomainError('INVALID_INPUT', '堂食请填写桌号和人数 (dineIn is required)');
  }
  if (draft.mode === 'pickup') {
    if (!draft.pickup)
      throw new DomainError('INVALID_INPUT', '请选择取餐时间 (pickup is required)');
    assertPickupTime(store, draft.pickup, now);
  }
  if (draft.mode === 'delivery') {
    if (!draft.delivery) {
      throw new DomainError('INVALID_INPUT', '请选择收货地址 (delivery is required)');
    }
    if (!store.delivery) throw new DomainError('DELIVERY_UNAVAILABLE', `${store.name}暂不提供外送`);
  }
}

function deliveryTerms(draft: OrderDraft, store: Store, itemsFen: number) {
  if (draft.mode !== 'delivery' || !draft.delivery || !store.delivery) {
    return { deliveryFeeFen: 0, distance: null };
  }
  const terms = store.delivery;
  const distance = distanceMeters(storeLatLng(store), draft.delivery.location);
  if (distance > terms.radiusMeters) {
    throw new DomainError(
      'OUT_OF_DELIVERY_RANGE',
      `地址距门店 ${distance} 米，超出配送范围 ${terms.radiusMeters} 米`,
    );
  }
  if (itemsFen < terms.minOrderFen) {
    throw new DomainError(
      'BELOW_MINIMUM_ORDER',
      `外送起送价 ${formatPrice(terms.minOrderFen)}，还差 ${formatPrice(terms.minOrderFen - itemsFen)}`,
    );
  }
  return { deliveryFeeFen: terms.feeFen, distance };
}

/**
 * The authoritative quote of `draft` at `now`. Throws STORE_CLOSED, NOT_FOUND (unknown, off-shelf
 * or other stores' goods), SOLD_OUT, INVALID_SELECTION, INVALID_AMOUNT, INVALID_PICKUP_TIME,
 * DELIVERY_UNAVAILABLE, OUT_OF_DELIVERY_RANGE or BELOW_MINIMUM_ORDER.
 */
export function priceOrder(draft: OrderDraft, catalog: PricingCatalog, now: Date): Quote {
  const { store } = catalog;
  if (draft.storeId !== store._id) {
    throw new DomainError('NOT_FOUND', `门店不存在 (store "${draft.storeId}")`);
  }
  if (!isOpenAt(store, now)) throw new DomainError('STORE_CLOSED', `${store.name}现在不接单`);
  if (draft.lines.length === 0) throw new DomainError('INVALID_INPUT', '购物车是空的');
  assertModeDetails(draft, store, now);

  const goodsById = new Map(catalog.goods.map((goods) => [goods._id, goods]));
  const lines = draft.lines.map((line, index) => priceLine(goodsById, store._id, line, index));
  const itemCount = lines.reduce((sum, line) => sum + line.qty, 0);
  if (itemCount > MAX_ORDER_ITEMS) {
    throw new DomainError('INVALID_AMOUNT', `一单最多 ${MAX_ORDER_ITEMS} 件`);
  }
  // Lines of one goods item with different specs share its stock.
  for (const hold of stockHolds(lines, catalog.goods)) {
    const goods = goodsById.get(hold.goodsId);
    if (goods && goods.stock !== null && goods.stock < hold.qty) {
      throw new DomainError('SOLD_OUT', `「${goods.name}」库存不足`);
    }
  }
  const itemsFen = sumFen(lines.map((line) => line.lineTotalFen));
  const packagingFeeFen = draft.mode === 'dine_in' ? 0 : (store.packagingFeeFen ?? 0);
  const { deliveryFeeFen, distance } = deliveryTerms(draft, store, itemsFen);
  const totalFen = sumFen([itemsFen, packagingFeeFen, deliveryFeeFen]);
  if (totalFen < 1) throw new DomainError('INVALID_AMOUNT', '订单金额须大于 0');
  return {
    storeId: store._id,
    mode: draft.mode,
    lines,
    amounts: { itemsFen, packagingFeeFen, deliveryFeeFen, totalFen },
    itemCount,
    distanceMeters: distance,
  };
}

/** Quantities to take from limited stock, one per goods item (unlimited goods need none). */
export function stockHolds(
  lines: Pick<PricedLine, 'goodsId' | 'qty'>[],
  goods: Goods[],
): StockHold[] {
  const limited = new Set(goods.filter((item) => item.stock !== null).map((item) => item._id));
  const totals = new Map<string, number>();
  for (const line of lines) {
    if (limited.has(line.goodsId)) {
      totals.set(line.goodsId, (totals.get(line.goodsId) ?? 0) + line.qty);
    }
  }
  return [...totals].map(([goodsId, qty]) => ({ goodsId, qty }));
}
