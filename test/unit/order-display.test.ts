// How an order reads: one address format, what to do next, and the status as progress.
import {
  addressLine,
  handoverText,
  progressSteps,
  statusTone,
} from '../../miniprogram/domain/order-display';
import type { OrderStatus, StatusLogEntry } from '../../miniprogram/domain/order-status';

function log(...statuses: OrderStatus[]): StatusLogEntry[] {
  return statuses.map((to, i) => ({
    from: i === 0 ? to : statuses[i - 1],
    to,
    at: 1_000 * (i + 1),
    by: 'cron',
    role: 'system',
  }));
}

describe('address', () => {
  it('names a city that is its own province once', () => {
    const shanghai = {
      provinceName: '上海市',
      cityName: '上海市',
      countyName: '徐汇区',
      detailInfo: '漕溪北路 100 号',
    };
    expect(addressLine(shanghai)).toBe('上海市徐汇区漕溪北路 100 号');
    const hangzhou = {
      provinceName: '浙江省',
      cityName: '杭州市',
      countyName: '西湖区',
      detailInfo: '文三路 1 号',
    };
    expect(addressLine(hangzhou)).toBe('浙江省杭州市西湖区文三路 1 号');
  });
});

describe('what to do next', () => {
  it('says it by mode: the counter with the number, the table, or the rider', () => {
    const pickup = { mode: 'pickup' as const, pickupNo: 'A001', dineIn: null };
    expect(handoverText({ ...pickup, status: 'paid' })).toBe('做好后凭取餐号 A001 到柜台取餐');
    expect(handoverText({ ...pickup, status: 'ready' })).toBe('已做好，请凭取餐号 A001 到柜台取餐');
    const table = { mode: 'dine_in' as const, pickupNo: 'A002', dineIn: { tableNo: 'A2' } };
    expect(handoverText({ ...table, status: 'accepted' })).toBe('做好后送到 A2 桌');
    expect(handoverText({ mode: 'delivery', status: 'ready', pickupNo: 'A3' })).toBe('配送中');
    expect(handoverText({ ...pickup, status: 'pending_payment' })).toBe('');
    expect(handoverText({ ...pickup, status: 'completed' })).toBe('');
  });
});

describe('progress', () => {
  const states = (steps: ReturnType<typeof progressSteps>) =>
    steps.map((s) => `${s.title}:${s.state}`);

  it('names past steps as done, the current one by what is happening, later ones to come', () => {
    const accepted = progressSteps({
      mode: 'pickup',
      status: 'accepted',
      statusLog: log('pending_payment', 'paid', 'accepted'),
    });
    expect(states(accepted)).toEqual([
      '已下单:done',
      '已支付:done',
      '已接单:done',
      '制作中:current',
      '已完成:todo',
    ]);
    expect(accepted[1].at).toBe(2_000);
    const ready = progressSteps({
      mode: 'pickup',
      status: 'ready',
      statusLog: log('pending_payment', 'paid', 'accepted', 'ready'),
    });
    expect(states(ready)).toEqual([
      '已下单:done',
      '已支付:done',
      '已接单:done',
      '已出餐:done',
      '待取餐:current',
    ]);
    const unpaid = progressSteps({
      mode: 'delivery',
      status: 'pending_payment',
      statusLog: log('pending_payment'),
    });
    expect(states(unpaid)).toEqual([
      '已下单:done',
      '待支付:current',
      '已接单:todo',
      '已出餐:todo',
      '已完成:todo',
    ]);
  });

  it('ends a cancelled or refunded order where it stopped', () => {
    const cancelled = progressSteps({
      mode: 'pickup',
      status: 'cancelled',
      statusLog: log('pending_payment', 'cancelled'),
    });
    expect(states(cancelled)).toEqual(['已下单:done', '已取消:stopped']);
    const refunded = progressSteps({
      mode: 'pickup',
      status: 'refunded',
      statusLog: log('pending_payment', 'paid', 'refunding', 'refunded'),
    });
    expect(states(refunded)).toEqual(['已下单:done', '已支付:done', '已退款:stopped']);
  });

  it('colours statuses by meaning', () => {
    expect(statusTone('pending_payment')).toBe('warning');
    expect(statusTone('ready')).toBe('success');
    expect(statusTone('refunding')).toBe('danger');
  });
});
