// 我的 as a customer and as staff, and the OA article page.
import { openPage, OWNER, scene, withOwner } from './support/scenes';

const demo = scene('customer');
withOwner(demo);
const ME = 'pages/me/index';

it('customer', async () => {
  await demo.shoot(await openPage(demo, ME), ME, 'customer');
});

it('staff', async () => {
  demo.device.storage.set('storefront.devOpenid', OWNER);
  await demo.shoot(await openPage(demo, ME), ME, 'staff');
});
