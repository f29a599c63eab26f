import {
  OUT_TRADE_NO_PATTERN,
  businessDate,
  formatPickupNumber,
  orderNumber,
  pickupCounterId,
  refundNumber,
} from '../../miniprogram/domain/order-number';

const AT = Date.parse('2026-11-23T18:45:07+08:00');

describe('order numbers', () => {
  it('are the store-local time plus 10 random digits, a valid outTradeNo', () => {
    const no = orderNumber(AT, 'Asia/Shanghai', () => 0.5);
    expect(no).toBe('20261123184507' + '5555555555');
    expect(no).toMatch(OUT_TRADE_NO_PATTERN);
    expect(no.length).toBeLessThanOrEqual(32);
  });

  it('differ with the random source and never exceed 32 characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const no = orderNumber(AT + i * 7, 'Asia/Shanghai', Math.random);
      expect(no).toMatch(OUT_TRADE_NO_PATTERN);
      seen.add(no);
    }
    expect(seen.size).toBe(2000);
  });

  it('keep digits even when the random source returns its edge values', () => {
    expect(orderNumber(AT, 'UTC', () => 0)).toBe('20261123104507' + '0'.repeat(10));
    expect(orderNumber(AT, 'UTC', () => 0.9999999)).toMatch(/^\d{14}9{10}$/);
  });

  it('refund numbers are stable per order and fit out_refund_no (≤ 64)', () => {
    const no = orderNumber(AT, 'Asia/Shanghai', () => 0.1);
    expect(refundNumber(no)).toBe(`R${no}`);
    expect(refundNumber(no)).toBe(refundNumber(no));
    expect(refundNumber(no).length).toBeLessThanOrEqual(64);
  });
});

describe('pickup numbers', () => {
  it('count per store per local day', () => {
    // 23:30 UTC is already the next day in Shanghai.
    expect(businessDate(Date.parse('2026-11-23T23:30:00Z'), 'Asia/Shanghai')).toBe('20261124');
    expect(businessDate(Date.parse('2026-11-23T23:30:00Z'), 'UTC')).toBe('20261123');
    expect(pickupCounterId('xujiahui', '20261124')).toBe('pickup-xujiahui-20261124');
  });

  it('format as A + at least three digits', () => {
    expect(formatPickupNumber(1)).toBe('A001');
    expect(formatPickupNumber(42)).toBe('A042');
    expect(formatPickupNumber(1234)).toBe('A1234');
    expect(() => formatPickupNumber(0)).toThrow(RangeError);
    expect(() => formatPickupNumber(1.5)).toThrow(RangeError);
  });
});
