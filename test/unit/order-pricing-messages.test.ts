// What a customer reads when a quote is refused: amounts in ¥ with cents, as the rest of the app
// shows money (domain/money formatPrice), under the same error codes.
import type { Goods, Store } from '../../miniprogram/domain/catalog';
import { DomainError } from '../../miniprogram/domain/errors';
import { priceOrder } from '../../miniprogram/domain/order-pricing';
import { DEMO_STORES, demoData } from '../../tools/seed/demo';

const xujiahui = DEMO_STORES[0]; // delivers, from ¥30.00
const goods = demoData.goods as unknown as Goods[];
const NOW = new Date('2026-11-24T12:00:00+08:00');

function refusal(store: Store, lines: Array<{ goodsId: string; qty: number }>): DomainError {
  try {
    priceOrder(
      {
        storeId: store._id,
        mode: 'delivery',
        lines,
        delivery: {
          userName: '张三',
          telNumber: '13800000000',
          provinceName: '上海市',
          cityName: '上海市',
          countyName: '徐汇区',
          detailInfo: '漕溪北路 1 号',
          location: { lat: 31.1949, lng: 121.4368 },
        },
      },
      { store, goods },
      NOW,
    );
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('quoted');
}

describe('delivery minimum message', () => {
  it('names the minimum and what is missing as prices: ¥30.00, ¥12.00', () => {
    const error = refusal(xujiahui, [{ goodsId: 'xujiahui-espresso', qty: 1 }]); // ¥18
    expect(error.code).toBe('BELOW_MINIMUM_ORDER');
    expect(error.message).toBe('外送起送价 ¥30.00，还差 ¥12.00');
  });

  it('keeps the cents of an odd amount: ¥5.50, not 5.5 元', () => {
    const store = { ...xujiahui, delivery: { ...xujiahui.delivery!, minOrderFen: 2350 } };
    const error = refusal(store, [{ goodsId: 'xujiahui-espresso', qty: 1 }]);
    expect(error.message).toBe('外送起送价 ¥23.50，还差 ¥5.50');
  });
});
