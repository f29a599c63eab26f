// Small view models shared by the customer pages: plain data for WXML, texts passed in so each
// page keeps its wording in its own TEXT.
import type { GoodsSummary, StoreView } from '../../domain/api';
import { isOrderable } from '../../domain/catalog';
import { formatPrice } from '../../domain/money';
import { needsPicker } from '../../stores/goods';
import { imageSrc } from '../../services/images';

/** The store's state in one word each, the same on every page: paused by staff is not closed. */
export const STORE_STATE_TEXT = { open: '营业中', busy: '暂停接单', closed: '休息中' } as const;

export interface StoreStateView {
  open: boolean;
  stateText: string;
  /** TDesign tag theme */
  stateTheme: 'success' | 'warning' | 'default';
  /** "全天营业", "周二 08:00 开始接单", "预计 14:30 恢复" (domain/hours storeStatusAt) */
  headline: string;
}

export function storeStateView(store: StoreView): StoreStateView {
  const { state, open, headline } = store.status;
  const themes = { open: 'success', busy: 'warning', closed: 'default' } as const;
  return { open, stateText: STORE_STATE_TEXT[state], stateTheme: themes[state], headline };
}

/**
 * Why the store takes no orders now and until when — "休息中 · 周二 08:00 开始接单",
 * "暂停接单 · 预计 14:30 恢复" — for the menu, the cart and the order button. Empty while open.
 */
export function notOrderingText(store: StoreView | null): string {
  if (!store || store.status.open) return '';
  return `${STORE_STATE_TEXT[store.status.state]} · ${store.status.headline}`;
}

export interface GoodsCardView {
  id: string;
  name: string;
  image: string;
  /** "¥28.00": the app's one price format */
  price: string;
  /** One line about it */
  blurb: string;
  soldOut: boolean;
  /** Ordered through the spec picker rather than a bare "+" */
  picker: boolean;
}

export function goodsCardView(goods: GoodsSummary): GoodsCardView {
  return {
    id: goods._id,
    name: goods.name,
    image: imageSrc(goods.image),
    price: formatPrice(goods.priceFen),
    blurb: goods.blurb ?? '',
    soldOut: !isOrderable(goods),
    picker: needsPicker(goods),
  };
}
