// The staff printers page (issue 16) as the owner: no printers yet, adding one, the store's
// printers with one offline and the latest jobs (one failed), a ticket opened as it printed;
// and the ticket as the local cloud's Feie emulation draws it on 58 and 80 mm paper.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { callPageMethod, sleep } from '../helpers/mount';
import { settle } from '../helpers/wx-device';
import { goodsNamed } from '../ui/support/order-flow';
import { openPage, orderAt, OWNER, scene, STORE, withOwner } from './support/scenes';

const demo = scene('staff', { as: OWNER });
withOwner(demo);
const PRINTERS = 'packages/staff/pages/printers/index';

const ROOT = path.join(__dirname, '../..');

/** The local cloud's own routes (jsdom has no fetch). */
function call(method: string, urlPath: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${demo.cloud.url}${urlPath}`,
      { method, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text) as unknown));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

it('no printers yet, then the form to add one', async () => {
  const page = await openPage(demo, PRINTERS, { storeId: STORE });
  await demo.shoot(page, PRINTERS, 'no printers');
  callPageMethod(page, 'onAdd');
  callPageMethod(page, 'onRole', { currentTarget: { dataset: { value: 'kitchen' } } });
  await settle(demo.device, sleep);
  await demo.shoot(page, PRINTERS, 'adding a kitchen printer');
});

it('printers with their status, the latest jobs, a ticket as printed', async () => {
  const add = (printer: Record<string, unknown>) =>
    demo.api(OWNER, 'staff.printers.add', { storeId: STORE, key: 'abcd1234', ...printer });
  await add({ sn: '916500001', name: '前台小票机', paperMm: 80, role: 'receipt' });
  await add({ sn: '916500002', name: '吧台', paperMm: 58, role: 'kitchen', station: '吧台' });
  await add({ sn: '916500003', name: '厨房', paperMm: 58, role: 'kitchen', station: '厨房' });
  await demo.api(OWNER, 'staff.printers.settings', {
    storeId: STORE,
    stations: { [`${STORE}-coffee`]: '吧台', [`${STORE}-food`]: '厨房' },
  });
  await call('POST', '/feie/__devices', { sn: '916500003', online: false });
  await orderAt(demo, 'paid');
  // The offline kitchen's job, failed for good (as after the cron's last retry).
  const jobs = (await call('GET', '/console/api/collections/print_jobs')) as Array<{
    _id: string;
    state: string;
  }>;
  for (const job of jobs.filter((j) => j.state === 'queued')) {
    await demo.cloud.update('print_jobs', job._id, {
      state: 'failed',
      attempts: 5,
      failedAt: Date.now(),
    });
  }
  const page = await openPage(demo, PRINTERS, { storeId: STORE });
  await demo.shoot(page, PRINTERS, 'printers and jobs');
  const receipt = (page.instance.data as { jobs: Array<{ id: string; title: string }> }).jobs.find(
    (job) => job.title.includes('顾客小票'),
  );
  callPageMethod(page, 'onJob', { currentTarget: { dataset: { id: receipt?.id } } });
  await settle(demo.device, sleep);
  await demo.shoot(page, PRINTERS, 'receipt opened');
  await call('POST', '/feie/__devices', { sn: '916500003', online: true });
});

it('a table line taken off before it was made: the 退菜 ticket on the 58 mm bar printer', async () => {
  await demo.api(OWNER, 'staff.table.settings', { storeId: STORE, dineInPayment: 'after' });
  const diner = 'o-screens-table-diner';
  const { session } = await demo.api<{ session: { sessionId: string } }>(diner, 'table.join', {
    storeId: STORE,
    tableNo: 'A5',
  });
  const { sessionId } = session;
  await demo.api(diner, 'table.cart.add', {
    sessionId,
    goodsId: goodsNamed('意式浓缩')._id,
    qty: 2,
  });
  const sent = await demo.api<{ session: { rounds: Array<{ lines: Array<{ lineId: string }> }> } }>(
    diner,
    'table.order',
    { sessionId },
  );
  await demo.api(OWNER, 'staff.table.cancelLine', {
    storeId: STORE,
    sessionId,
    lineId: sent.session.rounds[0].lines[0].lineId,
  });
  const tickets = (await call('GET', '/feie/tickets?sn=916500002')) as Array<{
    orderid: string;
    content: string;
  }>;
  const cancel = tickets.find((ticket) => ticket.content.includes('退菜'));
  expect(cancel).toBeDefined();
  const shot = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/screens/url-shot.ts',
      `${demo.cloud.url}/feie/tickets/${cancel!.orderid}.html`,
      path.join(ROOT, 'screens', 'printer-ticket--58mm-cancelled-line.png'),
      'local cloud: Feie printer',
      '58 mm kitchen ticket: a table line taken off (退菜)',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(shot.stderr).toBe('');
  const sizes = JSON.parse(shot.stdout) as { paper: number; widest: number };
  expect(sizes.widest).toBeLessThanOrEqual(sizes.paper);
}, 120_000);

it('the tickets as the Feie emulation prints them, 80 mm receipt and 58 mm kitchen', async () => {
  const tickets = (await call('GET', '/feie/tickets')) as Array<{
    orderid: string;
    paperMm: number;
    lines: Array<{ overflow: boolean }>;
  }>;
  const out = path.join(ROOT, 'screens');
  fs.mkdirSync(out, { recursive: true });
  for (const paperMm of [80, 58]) {
    const ticket = tickets.find((t) => t.paperMm === paperMm);
    expect(ticket).toBeDefined();
    expect(ticket!.lines.filter((line) => line.overflow)).toEqual([]);
    const shot = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'tools/screens/url-shot.ts',
        `${demo.cloud.url}/feie/tickets/${ticket!.orderid}.html`,
        path.join(out, `printer-ticket--${paperMm}mm.png`),
        'local cloud: Feie printer',
        paperMm === 80 ? '80 mm receipt' : '58 mm kitchen ticket',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(shot.stderr).toBe('');
    // Drawn in Chromium: no line wider than the paper.
    const sizes = JSON.parse(shot.stdout) as { paper: number; widest: number };
    expect(sizes.paper).toBe(paperMm === 80 ? 48 * 8 : 32 * 8);
    expect(sizes.widest).toBeLessThanOrEqual(sizes.paper);
  }
}, 120_000);
