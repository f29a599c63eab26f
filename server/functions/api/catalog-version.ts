// The catalog version: a hash of what the menu shows, so any edit to the store, a category or a
// goods item changes it without every writer having to remember to bump a counter. Live data
// is left out — the open state (it changes with the clock) and exact stock counts (they change
// with every order) — but running out of stock is in, because it changes what can be ordered.

import { createHash } from 'crypto';
import type { GoodsSummary, StoreView } from '../../../miniprogram/domain/api';
import type { Category } from '../../../miniprogram/domain/catalog';

/** JSON with object keys sorted (undefined ones dropped), so equal data hashes the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function catalogVersion(input: {
  store: StoreView;
  catalogCounter: number;
  categories: Category[];
  goods: GoodsSummary[];
}): string {
  const store = { ...input.store, status: undefined, distanceMeters: undefined };
  const goods = input.goods.map(({ stock, ...rest }) => ({
    ...rest,
    stock: stock === null ? 'unlimited' : stock > 0 ? 'in_stock' : 'none',
  }));
  const digest = createHash('sha1')
    .update(
      stableJson({ store, counter: input.catalogCounter, categories: input.categories, goods }),
    )
    .digest('hex');
  return digest.slice(0, 16);
}
