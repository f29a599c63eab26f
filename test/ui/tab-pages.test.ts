import { mount, texts, textOf } from '../helpers/mount';

describe('tab pages render with real TDesign', () => {
  it('orders shows one TDesign tab per order state', () => {
    const page = mount('pages/orders/index');
    const labels = texts(page, 't-tabs__item-inner');
    expect(labels).toEqual(['全部', '进行中', '已完成', '退款']);
  });

  it('me links to the orders tab', () => {
    const page = mount('pages/me/index');
    expect(textOf(page, '.me')).toContain('我的订单');
  });

  // Pages with store data are tested against the local cloud in home/menu/cart tests.
  it('menu says it is loading before categories arrive', () => {
    const page = mount('pages/menu/index');
    expect(textOf(page, '.menu__goods')).toContain('菜单加载中');
  });
});
