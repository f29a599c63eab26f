// The receipt text sent to WeChat Pay as `body`: at most 128 UTF-8 bytes, never a split character.
import { paymentBody } from '../../server/lib/orders/pay';

const line = (name: string, qty = 1) => ({ name, qty }) as never;

describe('paymentBody', () => {
  it('names the store, the first item and the item count', () => {
    const body = paymentBody({
      storeName: '栖木咖啡 · 徐家汇店',
      lines: [line('拿铁', 2), line('可颂')],
    });
    expect(body).toBe('栖木咖啡 · 徐家汇店 - 拿铁等3件');
  });

  it('cuts a long Chinese name to 128 bytes on a character boundary', () => {
    const body = paymentBody({ storeName: '栖木咖啡', lines: [line('超长的季节限定'.repeat(10))] });
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(128);
    expect(Buffer.byteLength(body, 'utf8')).toBeGreaterThan(125);
    expect(body.startsWith('栖木咖啡 - 超长的季节限定')).toBe(true);
    expect(body).not.toContain('\uFFFD');
  });
});
