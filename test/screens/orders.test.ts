// The pay result, the orders tab and an order's detail in every status.
import { callPageMethod, mount } from '../helpers/mount';
import { until } from '../ui/support/order-flow';
import { openPage, orderAt, scene, withOwner } from './support/scenes';

const TABLE_CODE = { scene: 1011, query: { scene: encodeURIComponent('s=xujiahui&t=A2') } };
const demo = scene('customer', { launch: TABLE_CODE });
withOwner(demo);
const RESULT = 'packages/order/pages/result/index';
const ORDERS = 'pages/orders/index';
const DETAIL = 'packages/order/pages/detail/index';

async function result(orderId: string) {
  const page = mount(RESULT);
  callPageMethod(page, 'onLoad', { id: encodeURIComponent(orderId) });
  await until(demo.device, () => page.data.phase !== 'checking');
  return page;
}

it('pay result: paid, with the pickup number', async () => {
  const page = await result(await orderAt(demo, 'paid'));
  expect(page.data.phase).toBe('paid');
  await demo.shoot(page, RESULT, 'paid');
  callPageMethod(page, 'onUnload');
});

it('pay result: still waiting for the payment', async () => {
  const page = await result(await orderAt(demo, 'pending'));
  expect(page.data.phase).toBe('waiting');
  await demo.shoot(page, RESULT, 'waiting');
  callPageMethod(page, 'onUnload');
});

it('orders: empty', async () => {
  await demo.shoot(await openPage(demo, ORDERS), ORDERS, 'empty');
});

it('orders: offline', async () => {
  demo.device.setOffline(true);
  await demo.shoot(await openPage(demo, ORDERS), ORDERS, 'offline');
});

it('orders: a list, and each status in detail', async () => {
  const dineIn = { mode: 'dine_in', dineIn: { tableNo: 'A2', diners: 2 }, pickup: undefined };
  const ids = {
    pending: await orderAt(demo, 'pending'),
    paid: await orderAt(demo, 'paid', dineIn),
    accepted: await orderAt(demo, 'accepted'),
    ready: await orderAt(demo, 'ready'),
    completed: await orderAt(demo, 'completed'),
    cancelled: await orderAt(demo, 'cancelled'),
    refunded: await orderAt(demo, 'refunded'),
  };
  await demo.shoot(await openPage(demo, ORDERS), ORDERS, 'list');
  for (const [status, id] of Object.entries(ids)) {
    const page = await openPage(demo, DETAIL, { id: encodeURIComponent(id) });
    await demo.shoot(page, DETAIL, status);
  }
});
