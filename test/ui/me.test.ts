// 我的 against the demo cloud: the customer's orders, a call to the store, following the
// official account, and the way into the staff console.
import { callPageMethod, mount, sleep, tap, textOf, wxApi } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { demoPhone } from './support/demo-phone';

const demo = demoPhone();

async function openMe() {
  mount('pages/home/index'); // the store the customer is at, as the app has it after home
  await settle(demo.device, sleep);
  const page = mount('pages/me/index');
  callPageMethod(page, 'onShow');
  await settle(demo.device, sleep);
  return page;
}

it('calls the store the customer is at', async () => {
  const page = await openMe();
  const cell = page.querySelector('.me__contact')?.querySelector('.t-cell');
  expect(cell?.dom?.textContent).toContain('栖木咖啡 · 徐家汇店');
  const call = jest.spyOn(wxApi(), 'makePhoneCall');
  await tap(page, '.me__contact', '.t-cell');
  expect(call).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '021-64281234' }));
});

it('follows the official account through its latest article, or says how without one', async () => {
  const page = await openMe();
  const toast = jest.spyOn(wxApi(), 'showToast');
  await tap(page, '.me__follow', '.t-cell');
  await settle(demo.device, sleep);
  expect(demo.device.calls()).toContain('articles.latest');
  // The demo account has no articles synced yet: the customer is told how to follow.
  expect(toast).toHaveBeenCalledWith(
    expect.objectContaining({ title: '在微信里搜索门店的公众号即可关注' }),
  );
});

it('offers a customer the staff join, not the console', async () => {
  const page = await openMe();
  expect(page.querySelector('.staff-entry')).toBeUndefined();
  expect(textOf(page, '.staff-join')).toBe('我是店员 · 输入邀请码');
});
