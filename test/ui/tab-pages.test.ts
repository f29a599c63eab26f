import { mount, tap, texts, textOf, wxApi } from '../helpers/mount';

describe('tab pages render with real TDesign', () => {
  it('orders shows one TDesign tab per order state', () => {
    const page = mount('pages/orders/index');
    const labels = texts(page, 't-tabs__item-inner');
    expect(labels).toEqual(['全部', '待支付', '进行中', '已完成', '取消/退款']);
  });

  it('me links to the orders tab (a tab page: switchTab, never navigateTo)', async () => {
    const page = mount('pages/me/index');
    expect(textOf(page, '.me')).toContain('我的订单');
    const switchTab = jest.spyOn(wxApi(), 'switchTab');
    const navigateTo = jest.spyOn(wxApi(), 'navigateTo');
    await tap(page, '.me__orders', '.t-cell');
    expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/orders/index' }));
    expect(navigateTo).not.toHaveBeenCalled();
  });

  // Pages with store data are tested against the local cloud in home/menu/cart tests.
  it('menu says it is loading before categories arrive', () => {
    const page = mount('pages/menu/index');
    expect(textOf(page, '.menu__goods')).toContain('菜单加载中');
  });
});
