import type { Goods, Store } from '../../miniprogram/domain/catalog';
import { DomainError } from '../../miniprogram/domain/errors';
import { customerActions, type OrderDraft } from '../../miniprogram/domain/order';
import {
  MAX_ORDER_ITEMS,
  pickupSlots,
  priceOrder,
  stockHolds,
} from '../../miniprogram/domain/order-pricing';
import { initialStatus } from '../../miniprogram/domain/order-status';
import { DEMO_STORES, demoData } from '../../tools/seed/demo';

const [xujiahui, jingan] = DEMO_STORES;
const goods = demoData.goods as unknown as Goods[];
const catalog = { store: xujiahui, goods };
const NOW = new Date('2026-11-24T12:00:00+08:00');
const NIGHT = new Date('2026-11-24T03:00:00+08:00');
const NEAR = { lat: 31.1949, lng: 121.4368 };

const latte = {
  goodsId: 'xujiahui-latte',
  qty: 2,
  specs: { size: ['large'], sugar: ['less'], temp: ['hot'] },
  addOns: ['oat'],
};
const espresso = { goodsId: 'xujiahui-espresso', qty: 1 };

const pickup = (lines: OrderDraft['lines'], extra: Partial<OrderDraft> = {}): OrderDraft => ({
  storeId: 'xujiahui',
  mode: 'pickup',
  pickup: { asap: true },
  lines,
  ...extra,
});

const address = (location = NEAR) => ({
  userName: '张三',
  telNumber: '13800000000',
  provinceName: '上海市',
  cityName: '上海市',
  countyName: '徐汇区',
  detailInfo: '漕溪北路 1 号',
  location,
});

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('priceOrder', () => {
  it('prices lines with specs and add-ons, adds packaging for takeaway', () => {
    const quote = priceOrder(pickup([latte, espresso]), catalog, NOW);
    expect(quote.lines.map((line) => [line.unitPriceFen, line.lineTotalFen])).toEqual([
      [3600, 7200],
      [1800, 1800],
    ]);
    expect(quote.lines[0].description).toBe('大杯 / 少糖 / 热 + 换燕麦奶');
    expect(quote.amounts).toEqual({
      itemsFen: 9000,
      packagingFeeFen: 100,
      deliveryFeeFen: 0,
      totalFen: 9100,
    });
    expect(quote.itemCount).toBe(3);
  });

  it('charges no packaging for dine-in and a delivery fee within range', () => {
    const dineIn = priceOrder(
      { ...pickup([espresso]), mode: 'dine_in', dineIn: { tableNo: 'A1', diners: 2 } },
      catalog,
      NOW,
    );
    expect(dineIn.amounts.totalFen).toBe(1800);
    const delivery = priceOrder(
      { ...pickup([latte]), mode: 'delivery', delivery: address() },
      catalog,
      NOW,
    );
    expect(delivery.amounts).toMatchObject({ deliveryFeeFen: 500, totalFen: 7800 });
    expect(delivery.distanceMeters).toBeGreaterThan(0);
    expect(delivery.distanceMeters).toBeLessThan(1000);
  });

  it.each<[string, OrderDraft, Store, Date, string]>([
    ['closed store', { ...pickup([espresso]), storeId: 'jingan' }, jingan, NIGHT, 'STORE_CLOSED'],
    ['wrong store', pickup([espresso]), jingan, NOW, 'NOT_FOUND'],
    ['empty', pickup([]), xujiahui, NOW, 'INVALID_INPUT'],
    ['unknown goods', pickup([{ goodsId: 'nope', qty: 1 }]), xujiahui, NOW, 'NOT_FOUND'],
    [
      'other store goods',
      pickup([{ goodsId: 'jingan-latte', qty: 1 }]),
      xujiahui,
      NOW,
      'NOT_FOUND',
    ],
    ['off shelf', pickup([{ goodsId: 'xujiahui-cold_brew', qty: 1 }]), xujiahui, NOW, 'NOT_FOUND'],
    ['sold out', pickup([{ goodsId: 'xujiahui-tiramisu', qty: 1 }]), xujiahui, NOW, 'SOLD_OUT'],
    ['qty 0', pickup([{ ...espresso, qty: 0 }]), xujiahui, NOW, 'INVALID_AMOUNT'],
    ['qty 1e6', pickup([{ ...espresso, qty: 1e6 }]), xujiahui, NOW, 'INVALID_AMOUNT'],
    [
      'bad spec',
      pickup([{ ...latte, specs: { size: ['huge'] } }]),
      xujiahui,
      NOW,
      'INVALID_SELECTION',
    ],
    ['no dine-in info', { ...pickup([espresso]), mode: 'dine_in' }, xujiahui, NOW, 'INVALID_INPUT'],
    [
      'no pickup time',
      { ...pickup([espresso]), pickup: undefined },
      xujiahui,
      NOW,
      'INVALID_INPUT',
    ],
    ['no address', { ...pickup([latte]), mode: 'delivery' }, xujiahui, NOW, 'INVALID_INPUT'],
    [
      'no delivery at jingan',
      {
        ...pickup([{ goodsId: 'jingan-latte', qty: 2 }]),
        storeId: 'jingan',
        mode: 'delivery',
        delivery: address(),
      },
      jingan,
      NOW,
      'DELIVERY_UNAVAILABLE',
    ],
    [
      'too far',
      { ...pickup([latte]), mode: 'delivery', delivery: address({ lat: 31.2304, lng: 121.4737 }) },
      xujiahui,
      NOW,
      'OUT_OF_DELIVERY_RANGE',
    ],
    [
      'below minimum',
      { ...pickup([espresso]), mode: 'delivery', delivery: address() },
      xujiahui,
      NOW,
      'BELOW_MINIMUM_ORDER',
    ],
  ])('refuses %s', (_label, draft, store, now, code) => {
    expect(codeOf(() => priceOrder(draft, { store, goods }, now))).toBe(code);
  });

  it('checks limited stock across lines of the same goods', () => {
    const limited = goods.map((item) =>
      item._id === 'xujiahui-latte' ? { ...item, stock: 3 } : item,
    );
    const twoLines = pickup([
      latte,
      { ...latte, specs: { size: ['medium'], sugar: ['less'], temp: ['hot'] } },
    ]);
    expect(codeOf(() => priceOrder(twoLines, { store: xujiahui, goods: limited }, NOW))).toBe(
      'SOLD_OUT',
    );
    const holds = stockHolds(
      priceOrder(pickup([latte, espresso]), { store: xujiahui, goods: limited }, NOW).lines,
      limited,
    );
    expect(holds).toEqual([{ goodsId: 'xujiahui-latte', qty: 2 }]);
  });

  it('caps the items in one order', () => {
    const many = pickup(Array.from({ length: 3 }, () => ({ ...espresso, qty: 99 })));
    expect(3 * 99).toBeGreaterThan(MAX_ORDER_ITEMS);
    expect(codeOf(() => priceOrder(many, catalog, NOW))).toBe('INVALID_AMOUNT');
  });
});

describe('pickup times', () => {
  const at = (iso: string) => pickup([espresso], { pickup: { at: Date.parse(iso) } });

  it('accepts a slot ahead within hours and refuses past, too soon, too far or closed', () => {
    expect(codeOf(() => priceOrder(at('2026-11-24T12:30:00+08:00'), catalog, NOW))).toBe(
      'no error',
    );
    expect(codeOf(() => priceOrder(at('2026-11-24T11:00:00+08:00'), catalog, NOW))).toBe(
      'INVALID_PICKUP_TIME',
    );
    expect(codeOf(() => priceOrder(at('2026-11-24T12:05:00+08:00'), catalog, NOW))).toBe(
      'INVALID_PICKUP_TIME',
    );
    expect(codeOf(() => priceOrder(at('2026-11-26T12:00:00+08:00'), catalog, NOW))).toBe(
      'INVALID_PICKUP_TIME',
    );
    const jinganAt = {
      ...at('2026-11-24T23:00:00+08:00'),
      storeId: 'jingan',
      lines: [{ goodsId: 'jingan-espresso', qty: 1 }],
    };
    expect(codeOf(() => priceOrder(jinganAt, { store: jingan, goods }, NOW))).toBe(
      'INVALID_PICKUP_TIME',
    );
  });

  it('offers 15-minute slots only while the store is open', () => {
    const slots = pickupSlots(jingan, NOW);
    expect(slots[0]).toBe(Date.parse('2026-11-24T12:15:00+08:00'));
    expect(slots.every((slot) => slot % (15 * 60_000) === 0)).toBe(true);
    expect(slots).not.toContain(Date.parse('2026-11-24T23:00:00+08:00'));
    expect(slots).toContain(Date.parse('2026-11-25T08:00:00+08:00'));
  });
});

describe('order actions and the first log entry', () => {
  it('customers may pay and cancel unpaid orders, cancel paid ones, nothing after', () => {
    expect(customerActions('pending_payment')).toEqual(['pay', 'cancel']);
    expect(customerActions('paid')).toEqual(['cancel']);
    for (const status of [
      'accepted',
      'ready',
      'completed',
      'cancelled',
      'refunding',
      'refunded',
    ] as const) {
      expect(customerActions(status)).toEqual([]);
    }
  });

  it('a new order starts at pending_payment, logged with who and when', () => {
    const at = new Date('2026-11-24T12:00:00Z');
    expect(initialStatus({ role: 'customer', id: 'o-1' }, at)).toEqual({
      status: 'pending_payment',
      log: {
        from: 'pending_payment',
        to: 'pending_payment',
        by: 'o-1',
        role: 'customer',
        at: at.getTime(),
      },
    });
  });
});
