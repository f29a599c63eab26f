import type { Order } from '../../miniprogram/domain/order';
import { toOrderSummary, toOrderView } from '../../server/functions/api/order-views';

const order: Order = {
  _id: '202611231845071234567890',
  orderNo: '202611231845071234567890',
  _openid: 'o-secret',
  storeId: 'xujiahui',
  storeName: '栖木咖啡 · 徐家汇店',
  mode: 'pickup',
  dineIn: null,
  pickup: { asap: true },
  delivery: null,
  lines: [
    {
      goodsId: 'xujiahui-latte',
      name: '拿铁',
      image: 'cloud://demo/goods/latte.jpg',
      specs: {},
      addOns: [],
      description: '',
      qty: 2,
      unitPriceFen: 2800,
      lineTotalFen: 5600,
    },
    {
      goodsId: 'xujiahui-espresso',
      name: '意式浓缩',
      image: '',
      specs: {},
      addOns: [],
      description: '',
      qty: 1,
      unitPriceFen: 1800,
      lineTotalFen: 1800,
    },
  ],
  amounts: { itemsFen: 7400, packagingFeeFen: 100, deliveryFeeFen: 0, totalFen: 7500 },
  remark: '',
  entry: { source: 'oa_menu', scene: 1035 },
  pickupNo: 'A007',
  businessDate: '20261123',
  status: 'paid',
  statusLog: [],
  createdAt: 1,
  expiresAt: 2,
  stockHolds: [{ goodsId: 'xujiahui-latte', qty: 2 }],
  stockReleased: false,
  payment: { transactionId: 't', paidFen: 7500, paidAt: 3, flaggedCallback: { secret: 1 } },
  refund: null,
};

describe('order views', () => {
  it('show the customer their order without openid, stock bookkeeping or raw callbacks', () => {
    const view = toOrderView(order);
    expect(view).toMatchObject({
      status: 'paid',
      paidAt: 3,
      actions: ['cancel'],
      refund: null,
    });
    const text = JSON.stringify(view);
    for (const hidden of ['o-secret', 'stockHolds', 'flaggedCallback', 'transactionId']) {
      expect(text).not.toContain(hidden);
    }
  });

  it('summarise an order for the list', () => {
    expect(toOrderSummary(order)).toMatchObject({
      items: [
        { name: '拿铁', qty: 2 },
        { name: '意式浓缩', qty: 1 },
      ],
      totalFen: 7500,
      image: 'cloud://demo/goods/latte.jpg',
      pickupNo: 'A007',
    });
  });
});
