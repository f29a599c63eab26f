// The cart store's rules, without a page: pricing through the domain, one line per selection,
// persistence per store, and the flags a catalog refresh raises.
import type { GoodsSummary } from '../../miniprogram/domain/api';
import { lineKey } from '../../miniprogram/domain/catalog';
import { CartStore } from '../../miniprogram/stores/cart';

// The slice of the mini program's `wx` the stores use, backed by a Map.
declare global {
  var wx: {
    getStorageSync(key: string): unknown;
    setStorageSync(key: string, value: unknown): void;
    removeStorageSync(key: string): void;
  };
}

const storage = new Map<string, unknown>();
globalThis.wx = {
  getStorageSync: (key) => (storage.has(key) ? JSON.parse(JSON.stringify(storage.get(key))) : ''),
  setStorageSync: (key, value) => void storage.set(key, JSON.parse(JSON.stringify(value))),
  removeStorageSync: (key) => void storage.delete(key),
};

function goods(overrides: Partial<GoodsSummary> = {}): GoodsSummary {
  return {
    _id: 'latte',
    storeId: 's1',
    categoryId: 'coffee',
    name: '拿铁',
    image: '',
    blurb: '',
    priceFen: 2800,
    specs: [
      {
        id: 'size',
        name: '杯型',
        required: true,
        multiple: false,
        defaultOptionId: 'm',
        options: [
          { id: 'm', name: '中杯', priceDeltaFen: 0 },
          { id: 'l', name: '大杯', priceDeltaFen: 300 },
        ],
      },
    ],
    addOns: [{ id: 'oat', name: '燕麦奶', priceFen: 500 }],
    stock: null,
    onShelf: true,
    soldOut: false,
    featured: false,
    sort: 1,
    ...overrides,
  };
}

const LARGE_OAT = { specs: { size: ['l'] }, addOns: ['oat'] };

function openCart(storeId = 's1'): CartStore {
  const cart = new CartStore();
  cart.open(storeId);
  return cart;
}

beforeEach(() => storage.clear());

describe('cart store', () => {
  it('prices lines with the domain function and merges the same choices into one line', () => {
    const cart = openCart();
    cart.add(goods(), LARGE_OAT);
    cart.add(goods(), { addOns: ['oat'], specs: { size: ['l'] } }, 2);
    cart.add(goods(), { specs: { size: ['m'] } });
    expect(cart.lines.map((line) => [line.selectionText, line.unitPriceFen, line.qty])).toEqual([
      ['大杯 + 燕麦奶', 3600, 3],
      ['中杯', 2800, 1],
    ]);
    expect(cart.count).toBe(4);
    expect(cart.totalFen).toBe(3600 * 3 + 2800);
    expect(cart.qtyByGoods).toEqual({ latte: 4 });
  });

  it('refuses sold-out goods and invalid selections', () => {
    const cart = openCart();
    expect(() => cart.add(goods({ soldOut: true }))).toThrow('已售罄');
    expect(() => cart.add(goods(), { specs: { size: ['xl'] } })).toThrow(/没有选项/);
    expect(cart.lines).toEqual([]);
  });

  it('changes quantities, removes at zero and clears', () => {
    const cart = openCart();
    const line = cart.add(goods(), LARGE_OAT);
    cart.setQty(line.key, 5);
    expect(cart.count).toBe(5);
    cart.setQty(line.key, 0);
    expect(cart.lines).toEqual([]);
    cart.add(goods(), { specs: { size: ['m'] } });
    cart.clear();
    expect(cart.count).toBe(0);
  });

  it('keeps one cart per store in storage', () => {
    openCart('s1').add(goods(), LARGE_OAT);
    openCart('s2').add(goods({ storeId: 's2' }), { specs: { size: ['m'] } });
    expect(openCart('s1').totalFen).toBe(3600);
    expect(openCart('s2').totalFen).toBe(2800);
  });

  it('flags lines after a refresh: price change, sold out, removed, options gone', () => {
    const cart = openCart();
    cart.add(goods(), LARGE_OAT);
    cart.add(goods({ _id: 'cake', specs: [], addOns: [], priceFen: 2600 }));
    cart.add(goods({ _id: 'tea', specs: [], addOns: [], priceFen: 1800 }));
    cart.add(goods({ _id: 'mocha', priceFen: 3000 }), LARGE_OAT);

    cart.reconcile([
      goods({ priceFen: 3000 }),
      goods({ _id: 'cake', specs: [], addOns: [], priceFen: 2600, soldOut: true }),
      goods({ _id: 'mocha', priceFen: 3000, addOns: [] }),
    ]);
    expect(cart.lines.map((line) => [line.goodsId, line.issue])).toEqual([
      ['latte', { kind: 'price_changed', previousPriceFen: 3600 }],
      ['cake', { kind: 'sold_out' }],
      ['tea', { kind: 'removed' }],
      ['mocha', { kind: 'options_changed' }],
    ]);
    // Only the line that can still be ordered counts, at its new price.
    expect(cart.totalFen).toBe(3800);
    expect(cart.count).toBe(1);

    // Seeing the change (editing the line) clears its flag; unavailable lines can be dropped.
    cart.setQty(lineKey('latte', LARGE_OAT), 2);
    cart.removeUnavailable();
    expect(cart.lines.map((line) => [line.goodsId, line.issue])).toEqual([['latte', null]]);
  });

  it('drops the flag when goods come back as they were', () => {
    const cart = openCart();
    cart.add(goods(), LARGE_OAT);
    cart.reconcile([goods({ soldOut: true })]);
    expect(cart.lines[0].issue).toEqual({ kind: 'sold_out' });
    cart.reconcile([goods()]);
    expect(cart.lines[0].issue).toBeNull();
    cart.reconcile([goods({ priceFen: 3000 })]);
    cart.reconcile([goods()]);
    expect(cart.lines[0].issue).toBeNull(); // back to the price the customer saw
    expect(openCart().lines[0].unitPriceFen).toBe(3600); // and persisted
  });
});
