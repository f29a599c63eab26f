// The board's pure parts: which buttons a status shows to which role (from the status machine),
// cards, tab labels and when the new-order alert rings.
import type { Order } from '../../miniprogram/domain/order';
import { ORDER_STATUSES } from '../../miniprogram/domain/order-status';
import type { BoardOrder } from '../../miniprogram/domain/staff';
import {
  FIRST_SEEN_MEMORY,
  markSeen,
  noticeArrivals,
  shouldRing,
  tabLabels,
  toCard,
} from '../../miniprogram/packages/staff/board-model';
import { boardActions, toBoardOrder } from '../../server/lib/staff/board-view';

describe('board actions', () => {
  it('follow the status machine; refunds after acceptance only for managers and owners', () => {
    expect(boardActions('paid', 'staff')).toEqual(['accept', 'reject']);
    expect(boardActions('accepted', 'staff')).toEqual(['ready']);
    expect(boardActions('accepted', 'manager')).toEqual(['ready', 'refund']);
    expect(boardActions('ready', 'owner')).toEqual(['complete', 'refund']);
    for (const status of ['pending_payment', 'completed', 'cancelled', 'refunding', 'refunded']) {
      expect(boardActions(status as (typeof ORDER_STATUSES)[number], 'owner')).toEqual([]);
    }
  });
});

const order = {
  _id: 'o1',
  orderNo: 'o1',
  _openid: 'customer',
  storeId: 's',
  storeName: 'S',
  mode: 'dine_in',
  dineIn: { tableNo: 'A2', diners: 3 },
  pickup: null,
  delivery: null,
  lines: [
    {
      goodsId: 'g',
      name: '拿铁',
      image: '',
      specs: {},
      addOns: [],
      description: '大杯 / 少糖',
      qty: 2,
      unitPriceFen: 3100,
      lineTotalFen: 6200,
    },
  ],
  amounts: { itemsFen: 6200, packagingFeeFen: 0, deliveryFeeFen: 0, totalFen: 6200 },
  remark: '去冰',
  entry: { source: 'table_qr', scene: 1011 },
  pickupNo: 'A007',
  businessDate: '20260101',
  status: 'paid',
  statusLog: [],
  createdAt: 0,
  expiresAt: 0,
  stockHolds: [],
  stockReleased: false,
  payment: { paidAt: 60_000, paidFen: 6200 },
  refund: null,
} as unknown as Order;

describe('board cards', () => {
  it('show pickup number, table, items with specs, remark and time waiting since payment', () => {
    const view: BoardOrder = toBoardOrder(order, 'staff', 60_000 + 7 * 60_000 + 5_000);
    expect(view).toMatchObject({
      waitingMinutes: 7,
      mode: 'dine_in',
      actions: ['accept', 'reject'],
    });
    expect(view).not.toHaveProperty('_openid');
    expect(toCard(view)).toMatchObject({
      pickupNo: 'A007',
      modeLabel: '堂食',
      where: 'A2 号桌 · 3 人',
      lines: [{ name: '拿铁', qty: '×2', spec: '大杯 / 少糖' }],
      remark: '去冰',
      waiting: '已等 7 分钟',
      actions: [
        { action: 'reject', label: '拒单退款', theme: 'danger', variant: 'outline' },
        { action: 'accept', label: '接单', theme: 'primary', variant: 'base' },
      ],
    });
  });

  it('label tabs with their counts', () => {
    expect(tabLabels({ new: 2, accepted: 0 }).map((t) => t.label)).toEqual([
      '新订单 2',
      '制作中',
      '待取餐',
      '已完成',
      '退款',
    ]);
  });

  it('highlight an order that arrived while open until it is touched or leaves the new tab', () => {
    let memory = noticeArrivals(FIRST_SEEN_MEMORY, 'new', ['a']);
    expect(memory.unseen).toEqual([]); // there on opening
    memory = noticeArrivals(memory, 'accepted', ['x']); // other tabs add nothing
    memory = noticeArrivals(memory, 'new', ['a', 'b', 'c']);
    expect(memory.unseen).toEqual(['b', 'c']);
    memory = markSeen(memory, 'b');
    expect(memory.unseen).toEqual(['c']);
    memory = noticeArrivals(memory, 'new', ['a', 'b']); // c accepted on another phone
    expect(memory.unseen).toEqual([]);
    expect(noticeArrivals(memory, 'new', ['a', 'b', 'c']).unseen).toEqual([]); // known
  });

  it('ring only when new orders grew after the first answer', () => {
    expect(shouldRing(null, 3)).toBe(false);
    expect(shouldRing(1, 2)).toBe(true);
    expect(shouldRing(2, 2)).toBe(false);
    expect(shouldRing(2, 1)).toBe(false);
  });
});
