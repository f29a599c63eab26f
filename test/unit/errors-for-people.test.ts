// What a customer or clerk reads of a server message: the Chinese, without the developer detail.
import { forPeople } from '../../miniprogram/domain/errors';

describe('forPeople', () => {
  it('drops the English detail in brackets after a Chinese message', () => {
    expect(forPeople('订单状态已变化，请刷新 (accepted → accepted is not allowed for staff)')).toBe(
      '订单状态已变化，请刷新',
    );
    expect(forPeople('门店不存在 (store "nowhere")')).toBe('门店不存在');
  });

  it('keeps Chinese brackets, numbers and messages that are not Chinese', () => {
    expect(forPeople('「拿铁」已售罄或库存不足')).toBe('「拿铁」已售罄或库存不足');
    expect(forPeople('还差 5.5 元 (起送 30 元)')).toBe('还差 5.5 元 (起送 30 元)');
    expect(forPeople('data.lines: Required')).toBe('data.lines: Required');
  });
});
