// Small view models shared by the customer pages: plain data for WXML, texts passed in so each
// page keeps its wording in its own TEXT.
import type { GoodsSummary, StoreView } from '../../domain/api';
import { isOrderable } from '../../domain/catalog';
import { formatPriceCompact } from '../../domain/money';
import { needsPicker } from '../../stores/goods';
import { imageSrc } from '../../services/images';

export interface StateTexts {
  open: string;
  busy: string;
  closed: string;
}

export interface StoreStateView {
  open: boolean;
  stateText: string;
  /** TDesign tag theme */
  stateTheme: 'success' | 'warning' | 'default';
  todayHours: string;
  nextOpenText: string;
}

export function storeStateView(store: StoreView, texts: StateTexts): StoreStateView {
  const { state, open, todayHours, nextOpenText } = store.status;
  const themes = { open: 'success', busy: 'warning', closed: 'default' } as const;
  return { open, stateText: texts[state], stateTheme: themes[state], todayHours, nextOpenText };
}

/**
 * Why the store takes no orders now, with when it opens: staff pausing orders (busy) is not
 * the store being closed. Empty while it is open.
 */
export function notOrderingText(
  store: StoreView | null,
  texts: Pick<StateTexts, 'busy' | 'closed'>,
): string {
  if (!store || store.status.open) return '';
  const { state, nextOpenText } = store.status;
  const reason = state === 'busy' ? texts.busy : texts.closed;
  return nextOpenText ? `${reason}，${nextOpenText}` : reason;
}

export interface GoodsCardView {
  id: string;
  name: string;
  image: string;
  /** "28" or "12.5", shown after a ¥ glyph */
  price: string;
  soldOut: boolean;
  /** Ordered through the spec picker rather than a bare "+" */
  picker: boolean;
}

export function goodsCardView(goods: GoodsSummary): GoodsCardView {
  return {
    id: goods._id,
    name: goods.name,
    image: imageSrc(goods.image),
    price: formatPriceCompact(goods.priceFen),
    soldOut: !isOrderable(goods),
    picker: needsPicker(goods),
  };
}
