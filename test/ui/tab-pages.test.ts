import { mount, tap, texts, textOf, wxApi } from '../helpers/mount';

describe('tab pages render with real TDesign', () => {
  it('home shows the welcome and its TDesign button takes the customer to the menu tab', async () => {
    const page = mount('pages/home/index');
    expect(textOf(page, '.welcome__title')).toBe('欢迎光临');
    // The button is TDesign's, rendered from its packed build, not a stand-in.
    expect(page.querySelector('.order-now')?.querySelector('.t-button')).toBeTruthy();

    const switchTab = jest.spyOn(wxApi(), 'switchTab');
    await tap(page, '.order-now', '.t-button');
    expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/menu/index' }));
  });

  it('orders shows one TDesign tab per order state', () => {
    const page = mount('pages/orders/index');
    const labels = texts(page, 't-tabs__item-inner');
    expect(labels).toEqual(['全部', '进行中', '已完成', '退款']);
  });

  it('me links to the orders tab', () => {
    const page = mount('pages/me/index');
    expect(textOf(page, '.me')).toContain('我的订单');
  });

  it('menu says it is loading before categories arrive', () => {
    const page = mount('pages/menu/index');
    expect(textOf(page, '.menu__goods')).toContain('菜单加载中');
  });
});
