// Home: open, closed, paused by staff, after a table code, the store list.
import { sleep, tap } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { openPage, scene, whileStore } from './support/scenes';

const demo = scene('customer');
const HOME = 'pages/home/index';

it('open', async () => {
  await demo.shoot(await openPage(demo, HOME), HOME, 'open');
});

it('closed', async () => {
  await whileStore(demo, 'closed', async () => {
    await demo.shoot(await openPage(demo, HOME), HOME, 'closed');
  });
});

it('paused', async () => {
  await whileStore(demo, 'busy', async () => {
    await demo.shoot(await openPage(demo, HOME), HOME, 'paused');
  });
});

it('after a table code', async () => {
  demo.device.setLaunch({ scene: 1011, query: { scene: encodeURIComponent('s=jingan&t=A3') } });
  await demo.shoot(await openPage(demo, HOME), HOME, 'table code');
});

it('store list', async () => {
  demo.device.setLocation({ latitude: 31.2241, longitude: 121.4462 });
  const page = await openPage(demo, HOME);
  await tap(page, '.switch-store', '.t-cell');
  await settle(demo.device, sleep);
  await demo.shoot(page, HOME, 'store list');
});
