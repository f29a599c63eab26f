// The menu as the page renders it: one section per category, with its goods cards.
import type { GoodsSummary } from '../../domain/api';
import type { Category } from '../../domain/catalog';
import { goodsCardView, type GoodsCardView } from '../shared/views';

export interface MenuSection {
  id: string;
  name: string;
  /** The scroll-view anchor; ids are prefixed so they are valid element ids. */
  anchor: string;
  goods: GoodsCardView[];
}

export function menuSections(categories: Category[], goods: GoodsSummary[]): MenuSection[] {
  return categories
    .map((category) => ({
      id: category._id,
      name: category.name,
      anchor: `cat-${category._id}`,
      goods: goods.filter((item) => item.categoryId === category._id).map(goodsCardView),
    }))
    .filter((section) => section.goods.length > 0);
}
