// The goods page's list: goods grouped by category in the menu's order, narrowed by a search
// and a category filter. Pure, beside the page that shows it.
import type { StaffGoodsListResponse } from '../../domain/staff';

export const ALL_CATEGORIES = 'all';
const OTHER = '其他';

export interface GoodsGroup<Row> {
  id: string;
  name: string;
  rows: Array<Row & { index: number }>;
}

/** Goods in the menu's order: by category, then by the goods' own sort. */
export function inMenuOrder<G extends { categoryId: string; sort: number }>(
  categories: StaffGoodsListResponse['categories'],
  goods: G[],
): G[] {
  const rank = new Map(categories.map((c, i) => [c._id, i]));
  const rankOf = (g: G) => rank.get(g.categoryId) ?? categories.length;
  return [...goods].sort((a, b) => rankOf(a) - rankOf(b) || a.sort - b.sort);
}

/**
 * The groups to show: `rows` (already in menu order) whose name holds `query` (ignoring case
 * and spaces), in the chosen category or all; each row keeps its index in `rows`.
 */
export function goodsGroups<Row extends { name: string; categoryId: string }>(
  categories: StaffGoodsListResponse['categories'],
  rows: Row[],
  query: string,
  category: string,
): Array<GoodsGroup<Row>> {
  const needle = query.replace(/\s+/g, '').toLowerCase();
  const groups = new Map<string, GoodsGroup<Row>>();
  const names = new Map(categories.map((c) => [c._id, c.name]));
  rows.forEach((row, index) => {
    if (category !== ALL_CATEGORIES && row.categoryId !== category) return;
    if (needle && !row.name.replace(/\s+/g, '').toLowerCase().includes(needle)) return;
    const group = groups.get(row.categoryId) ?? {
      id: row.categoryId,
      name: names.get(row.categoryId) ?? OTHER,
      rows: [],
    };
    group.rows.push({ ...row, index });
    groups.set(row.categoryId, group);
  });
  return [...groups.values()];
}
