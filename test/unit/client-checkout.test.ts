// The checkout's logic without a page: the draft it sends, today's pickup slots, and how a quote
// that differs from the cart is explained.
import type { StoreView } from '../../miniprogram/domain/api';
import { lineKey } from '../../miniprogram/domain/catalog';
import type { Quote } from '../../miniprogram/domain/order';
import {
  buildDraft,
  explainQuote,
  pickupSlotsToday,
  type CheckoutChoices,
} from '../../miniprogram/packages/order/checkout-model';
import type { CartLine } from '../../miniprogram/stores/cart';

function line(goodsId: string, unitPriceFen: number, qty = 1, specs = {}): CartLine {
  const selection = Object.keys(specs).length ? { specs } : {};
  return {
    key: lineKey(goodsId, selection),
    goodsId,
    name: goodsId === 'latte' ? '拿铁' : '美式',
    image: '',
    selection,
    selectionText: '',
    unitPriceFen,
    qty,
    issue: null,
  };
}

const choices = (overrides: Partial<CheckoutChoices> = {}): CheckoutChoices => ({
  mode: 'dine_in',
  tableNo: 'A1',
  diners: 2,
  pickupAt: 0,
  address: null,
  ...overrides,
});

function quoteOf(lines: CartLine[], prices: Record<string, number>, fees = {}): Quote {
  const priced = lines.map((l) => ({
    goodsId: l.goodsId,
    name: l.name,
    image: '',
    specs: l.selection.specs ?? {},
    addOns: l.selection.addOns ?? [],
    description: '',
    qty: l.qty,
    unitPriceFen: prices[l.goodsId] ?? l.unitPriceFen,
    lineTotalFen: (prices[l.goodsId] ?? l.unitPriceFen) * l.qty,
  }));
  const itemsFen = priced.reduce((s, l) => s + l.lineTotalFen, 0);
  const amounts = { itemsFen, packagingFeeFen: 0, deliveryFeeFen: 0, ...fees, totalFen: 0 };
  amounts.totalFen = amounts.itemsFen + amounts.packagingFeeFen + amounts.deliveryFeeFen;
  return {
    storeId: 's1',
    mode: 'pickup',
    lines: priced,
    amounts,
    itemCount: priced.length,
    distanceMeters: null,
  };
}

describe('buildDraft', () => {
  const lines = [line('latte', 2800, 2, { size: ['l'] }), line('americano', 2000)];

  it('sends goods, quantities and choices, and the block of the chosen mode only', () => {
    expect(buildDraft('s1', lines, choices())).toEqual({
      draft: {
        storeId: 's1',
        mode: 'dine_in',
        lines: [
          { goodsId: 'latte', qty: 2, specs: { size: ['l'] } },
          { goodsId: 'americano', qty: 1 },
        ],
        dineIn: { tableNo: 'A1', diners: 2 },
      },
    });
    const pickup = buildDraft('s1', lines, choices({ mode: 'pickup', pickupAt: 123 }));
    expect(pickup).toMatchObject({ draft: { pickup: { at: 123 } } });
    expect(buildDraft('s1', lines, choices({ mode: 'pickup' }))).toMatchObject({
      draft: { pickup: { asap: true } },
    });
  });

  it('says what is missing instead of asking the server', () => {
    expect(buildDraft('s1', lines, choices({ tableNo: '  ' }))).toEqual({ missing: '请填写桌号' });
    expect(buildDraft('s1', lines, choices({ mode: 'delivery' }))).toEqual({
      missing: '请选择收货地址',
    });
  });
});

describe('explainQuote', () => {
  it('names each changed unit price; fees are ordinary lines, not a change', () => {
    const lines = [line('latte', 2800, 2), line('americano', 2000)];
    const quote = quoteOf(lines, { latte: 3000 }, { packagingFeeFen: 100 });
    expect(explainQuote(lines, quote, 7600)).toEqual(['「拿铁」单价 ¥28.00 → ¥30.00']);
    const unchanged = quoteOf(lines, {}, { packagingFeeFen: 100, deliveryFeeFen: 500 });
    expect(explainQuote(lines, unchanged, 7600)).toEqual([]);
  });

  it('matches lines by goods and selection, and names lines the server did not price', () => {
    const lines = [line('latte', 2800, 1, { size: ['l'] }), line('americano', 2000)];
    const quote = quoteOf([lines[0]], {}, { deliveryFeeFen: 500 });
    expect(explainQuote(lines, quote, 4800)).toEqual(['「美式」未计入']);
  });

  it('falls back to the items total when no line explains it', () => {
    const lines = [line('latte', 2800)];
    const quote = quoteOf(lines, {});
    expect(explainQuote(lines, quote, 2500)).toEqual(['商品金额 ¥25.00 → ¥28.00']);
    expect(explainQuote(lines, quote, 2800)).toEqual([]);
  });
});

describe('pickupSlotsToday', () => {
  const store = {
    timeZone: 'Asia/Shanghai',
    hours: Array.from({ length: 7 }, () => [{ open: '08:00', close: '22:00' }]),
    statusOverride: null,
  } as unknown as StoreView;

  it('offers 15-minute slots from 10 minutes ahead until today’s closing time', () => {
    // 2026-11-23 20:00 in Shanghai
    const now = new Date('2026-11-23T12:00:00Z');
    const slots = pickupSlotsToday(store, now);
    expect(slots[0]).toBe(Date.parse('2026-11-23T12:15:00Z'));
    expect(slots.at(-1)).toBe(Date.parse('2026-11-23T13:45:00Z')); // 21:45, the last before 22:00
    expect(slots).toHaveLength(7);
  });

  it('offers nothing after closing time', () => {
    expect(pickupSlotsToday(store, new Date('2026-11-23T14:30:00Z'))).toEqual([]);
  });
});
