// Shapes stored documents into what the client receives (api.ts types). Pure functions.

import { BLURB_LENGTH, type GoodsSummary, type StoreView } from '../../../miniprogram/domain/api';
import {
  bySortThenName,
  type Category,
  type Goods,
  type Store,
} from '../../../miniprogram/domain/catalog';
import { distanceMeters, type LatLng } from '../../../miniprogram/domain/geo';
import { storeStatusAt } from '../../../miniprogram/domain/hours';

/**
 * The SDK hands geo fields back as its own Point objects ({longitude, latitude}); raw GeoJSON
 * ({coordinates: [lng, lat]}) appears when documents come from elsewhere. Accept both.
 */
export function readLocation(value: unknown): LatLng {
  const point = (value ?? {}) as {
    coordinates?: unknown;
    longitude?: unknown;
    latitude?: unknown;
  };
  if (Array.isArray(point.coordinates)) {
    return { lng: Number(point.coordinates[0]), lat: Number(point.coordinates[1]) };
  }
  return { lng: Number(point.longitude), lat: Number(point.latitude) };
}

export function toStoreView(store: Store, now: Date, from?: LatLng): StoreView {
  const location = readLocation(store.location);
  return {
    _id: store._id,
    name: store.name,
    logo: store.logo,
    cover: store.cover ?? '',
    address: store.address,
    phone: store.phone,
    notice: store.notice,
    location,
    isDefault: store.isDefault === true,
    timeZone: store.timeZone,
    hours: store.hours,
    statusOverride: store.statusOverride ?? null,
    status: storeStatusAt(store, now),
    distanceMeters: from ? distanceMeters(from, location) : null,
    delivery: store.delivery ?? null,
    packagingFeeFen: store.packagingFeeFen ?? 0,
    dineInPayment: store.dineInPayment ?? 'first',
  };
}

export function toGoodsSummary(goods: Goods): GoodsSummary {
  return {
    _id: goods._id,
    storeId: goods.storeId,
    categoryId: goods.categoryId,
    name: goods.name,
    image: goods.images[0] ?? '',
    blurb: Array.from((goods.description ?? '').split('\n')[0].trim())
      .slice(0, BLURB_LENGTH)
      .join(''),
    priceFen: goods.priceFen,
    specs: goods.specs,
    addOns: goods.addOns,
    stock: goods.stock,
    onShelf: goods.onShelf,
    soldOut: goods.soldOut,
    featured: goods.featured === true,
    sort: goods.sort,
  };
}

/**
 * The menu as the side bar shows it: categories in order, only those holding goods, and goods
 * grouped by category in the same order, so the list scrolls in step with the side bar.
 */
export function arrangeMenu(
  categories: Category[],
  goods: Goods[],
): { categories: Category[]; goods: GoodsSummary[] } {
  const orderedCategories = [...categories].sort(bySortThenName);
  const position = new Map(orderedCategories.map((category, index) => [category._id, index]));
  const placed = goods.filter((item) => position.has(item.categoryId));
  placed.sort(
    (a, b) =>
      (position.get(a.categoryId) ?? 0) - (position.get(b.categoryId) ?? 0) || bySortThenName(a, b),
  );
  const used = new Set(placed.map((item) => item.categoryId));
  return {
    categories: orderedCategories.filter((category) => used.has(category._id)),
    goods: placed.map(toGoodsSummary),
  };
}
