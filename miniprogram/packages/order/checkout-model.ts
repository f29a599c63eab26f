// The checkout's logic without `wx`: the draft sent to order.quote / order.create, today's pickup
// slots and why the server's quote differs from what the cart showed.
import type { StoreView } from '../../domain/api';
import type { Store } from '../../domain/catalog';
import { lineKey } from '../../domain/catalog';
import { localTimeAt } from '../../domain/hours';
import { formatPrice } from '../../domain/money';
import type {
  DeliveryAddress,
  OrderDraft,
  OrderLineInput,
  OrderMode,
  PickupTime,
  Quote,
} from '../../domain/order';
import { pickupSlots } from '../../domain/order-pricing';
import type { CartLine } from '../../stores/cart';

export interface CheckoutChoices {
  mode: OrderMode;
  tableNo: string;
  diners: number;
  /** 0 = as soon as possible, else an epoch ms slot */
  pickupAt: number;
  address: DeliveryAddress | null;
}

export const QUOTE_TEXT = {
  price: (name: string, before: string, after: string) => `「${name}」单价 ${before} → ${after}`,
  packaging: (fee: string) => `打包费 ${fee}`,
  delivery: (fee: string) => `配送费 ${fee}`,
  items: (before: string, after: string) => `商品金额 ${before} → ${after}`,
  missing: (name: string) => `「${name}」未计入`,
};

export const MISSING = {
  table: '请填写桌号',
  address: '请选择收货地址',
} as const;

export function draftLines(lines: CartLine[]): OrderLineInput[] {
  return lines.map((line) => {
    const input: OrderLineInput = { goodsId: line.goodsId, qty: line.qty };
    const specs = line.selection.specs ?? {};
    if (Object.keys(specs).length > 0) input.specs = specs;
    if (line.selection.addOns?.length) input.addOns = line.selection.addOns;
    return input;
  });
}

/** The draft for the server, or what the customer still has to fill in. */
export function buildDraft(
  storeId: string,
  lines: CartLine[],
  choices: CheckoutChoices,
): { draft: OrderDraft } | { missing: string } {
  const draft: OrderDraft = { storeId, mode: choices.mode, lines: draftLines(lines) };
  if (choices.mode === 'dine_in') {
    const tableNo = choices.tableNo.trim();
    if (!tableNo) return { missing: MISSING.table };
    draft.dineIn = { tableNo, diners: choices.diners };
  } else if (choices.mode === 'pickup') {
    const pickup: PickupTime = choices.pickupAt ? { at: choices.pickupAt } : { asap: true };
    draft.pickup = pickup;
  } else {
    if (!choices.address) return { missing: MISSING.address };
    draft.delivery = choices.address;
  }
  return { draft };
}

/** Pickup slots left today (the store's local day) within its opening hours. */
export function pickupSlotsToday(store: StoreView, now: Date): number[] {
  const today = localTimeAt(now.getTime(), store.timeZone);
  // pickupSlots reads only the hours fields, which a StoreView carries.
  return pickupSlots(store as unknown as Store, now).filter((at) => {
    const t = localTimeAt(at, store.timeZone);
    return t.year === today.year && t.month === today.month && t.day === today.day;
  });
}

/**
 * Why the server priced the same items differently from the cart: changed unit prices, items not
 * counted. Empty when the items cost what the cart said (fees are ordinary lines, not a change).
 */
export function explainQuote(lines: CartLine[], quote: Quote, cartTotalFen: number): string[] {
  const reasons: string[] = [];
  const byKey = new Map(lines.map((line) => [line.key, line]));
  const quoted = new Set<string>();
  for (const priced of quote.lines) {
    const key = lineKey(priced.goodsId, { specs: priced.specs, addOns: priced.addOns });
    quoted.add(key);
    const line = byKey.get(key);
    if (line && line.unitPriceFen !== priced.unitPriceFen) {
      reasons.push(
        QUOTE_TEXT.price(
          priced.name,
          formatPrice(line.unitPriceFen),
          formatPrice(priced.unitPriceFen),
        ),
      );
    }
  }
  for (const line of lines) {
    if (!quoted.has(line.key)) reasons.push(QUOTE_TEXT.missing(line.name));
  }
  if (reasons.length === 0 && quote.amounts.itemsFen !== cartTotalFen) {
    reasons.push(QUOTE_TEXT.items(formatPrice(cartTotalFen), formatPrice(quote.amounts.itemsFen)));
  }
  return reasons;
}
