// Template values are cut to WeChat's per-type limits, and the local cloud's validator (the
// documented rules) accepts whatever the cutting produces.

import { amountText, fitValue, templateData, timeText } from '../../server/lib/notify/fields';
import { validateSubscribeMessage } from '../../tools/local-cloud/openapi/subscribe-message';

const accepted = (data: Record<string, { value: string }>) =>
  validateSubscribeMessage({ touser: 'o', template_id: 't', data }, undefined);

describe('fitValue', () => {
  it('cuts thing to 20 characters (not bytes), marking the cut', () => {
    const long = '超级无敌巨无霸豪华版双倍芝士牛肉汉堡套餐加大杯可乐';
    const cut = fitValue('thing2', long);
    expect([...cut]).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(fitValue('thing1', '拿铁×2')).toBe('拿铁×2');
    expect(fitValue('thing1', '')).toBe('-');
    // Astral characters count as one each.
    expect([...fitValue('thing3', '😀'.repeat(30))]).toHaveLength(20);
  });

  it('keeps character_string printable ASCII ≤ 32, phrase ≤ 5 Chinese, name ≤ 10 / 20', () => {
    expect(fitValue('character_string1', 'A001 取餐号')).toBe('A001');
    expect(fitValue('character_string1', 'x'.repeat(40))).toHaveLength(32);
    expect(fitValue('phrase3', '待取餐 ready')).toBe('待取餐');
    expect(fitValue('phrase3', '一二三四五六七')).toBe('一二三四五');
    expect(fitValue('name1', '张'.repeat(12))).toBe('张'.repeat(10));
    expect(fitValue('name1', 'a'.repeat(30))).toHaveLength(20);
  });

  it('formats amount and time the way the types require', () => {
    expect(amountText(1800)).toBe('¥18.00');
    expect(amountText(5)).toBe('¥0.05');
    expect(timeText(Date.UTC(2026, 4, 1, 4, 30))).toBe('2026-05-01 12:30');
  });

  it('produces data the documented validator accepts, for hostile inputs too', () => {
    const data = templateData({
      thing1: '很长的门店名称'.repeat(10),
      character_string2: '订单号：2026050112300012345678901234567890',
      amount3: amountText(123456),
      time4: timeText(0),
      phrase5: 'ready!!!',
      number6: '共 12 件',
    });
    expect(accepted(data)).toBeUndefined();
    expect(accepted({ thing1: { value: 'x'.repeat(21) } })).toMatchObject({ errcode: 47003 });
  });
});
