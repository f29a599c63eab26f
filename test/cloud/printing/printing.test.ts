// Cloud printing (issue 16), through the real SDK against the local cloud's Feie emulation: a
// paid order prints one ticket per kitchen station and one receipt; a replayed callback prints
// nothing more; an offline printer's job is retried, then failed and staff are told; a reprint
// is exactly one more job; a wrong UKEY gives staff a clear error and loses nothing.

import { createHash } from 'node:crypto';
import type { OrderDraft } from '../../../miniprogram/domain/order';
import type { PrintJobView } from '../../../miniprogram/domain/printing';
import { dataOf, ESPRESSO, type StaffCloud, startStaffCloud, STORE } from '../staff/staff-cloud';

jest.setTimeout(120_000);

const MANAGER = 'o-print-manager';
const COUNTER = 'o-print-counter';
const CROISSANT = 'xujiahui-croissant';
const BAR = { sn: '916500002', name: '吧台', station: '吧台' };
const KITCHEN = { sn: '916500003', name: '厨房', station: '厨房' };
const RECEIPT = { sn: '916500001', name: '前台小票' };

interface Ticket {
  orderid: string;
  sn: string;
  content: string;
  paperMm: number;
  printedAt: string | null;
  lines: Array<{ kind: string; text: string; overflow: boolean }>;
}

let cloud: StaffCloud;

async function tickets(sn?: string): Promise<Ticket[]> {
  const answer = await cloud.cloud.http('GET', `/feie/tickets${sn ? `?sn=${sn}` : ''}`);
  return answer.json as Ticket[];
}
const textOf = (ticket: Ticket) => ticket.lines.map((line) => line.text).join('\n');

async function jobsOf(orderId: string): Promise<Array<Record<string, unknown>>> {
  return (await cloud.db.collection('print_jobs').where({ orderId }).get()).data;
}

async function paid(customer: string, draft: OrderDraft): Promise<string> {
  const { order } = dataOf(await cloud.as(customer, 'order.create', draft));
  dataOf(await cloud.as(customer, 'order.pay', { orderId: order._id }));
  expect((await cloud.cloud.pay(order._id, 'succeed')).status).toBe(200);
  return order._id;
}

const barAndKitchen: OrderDraft = {
  storeId: STORE,
  mode: 'pickup',
  pickup: { asap: true },
  lines: [
    { goodsId: ESPRESSO, qty: 2 },
    { goodsId: CROISSANT, qty: 1, specs: { warm: ['warm'] } },
  ],
};

beforeAll(async () => {
  cloud = await startStaffCloud();
  await cloud.grant(MANAGER, STORE, 'manager');
  await cloud.grant(COUNTER, STORE, 'staff');
  await cloud.setStock(ESPRESSO, 100);
  await cloud.setStock(CROISSANT, 100);
  const add = (printer: Record<string, unknown>) =>
    cloud.as(MANAGER, 'staff.printers.add', { storeId: STORE, key: 'abcd1234', ...printer });
  dataOf(await add({ ...RECEIPT, paperMm: 80, role: 'receipt' }));
  dataOf(await add({ ...BAR, paperMm: 58, role: 'kitchen' }));
  dataOf(await add({ ...KITCHEN, paperMm: 58, role: 'kitchen' }));
  dataOf(
    await cloud.as(MANAGER, 'staff.printers.settings', {
      storeId: STORE,
      stations: { 'xujiahui-coffee': '吧台', 'xujiahui-food': '厨房' },
    }),
  );
}, 60_000);
afterAll(() => cloud?.cloud.stop());

it('lists the printers with their status, and refuses a second printer for a role', async () => {
  const page = dataOf(await cloud.as(COUNTER, 'staff.printers.list', { storeId: STORE }));
  expect(page.printers.map((p) => [p.name, p.role, p.station, p.paperMm, p.status.state])).toEqual([
    ['前台小票', 'receipt', '', 80, 'online'],
    ['吧台', 'kitchen', '吧台', 58, 'online'],
    ['厨房', 'kitchen', '厨房', 58, 'online'],
  ]);
  expect(page.settings).toEqual({
    trigger: 'paid',
    stations: { 'xujiahui-coffee': '吧台', 'xujiahui-food': '厨房' },
  });
  const again = await cloud.as(MANAGER, 'staff.printers.add', {
    storeId: STORE,
    sn: '916500004',
    key: 'abcd1234',
    name: '第二台小票机',
    paperMm: 58,
    role: 'receipt',
  });
  expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  const wrongKey = await cloud.as(MANAGER, 'staff.printers.add', {
    storeId: STORE,
    sn: '916500004',
    key: 'wrongkey',
    name: '杯贴',
    paperMm: 58,
    role: 'label',
  });
  expect(wrongKey).toMatchObject({ ok: false, error: { code: 'PRINTER_FAILED' } });
  expect(!wrongKey.ok && wrongKey.error.message).toContain('识别码不正确');
  expect(await cloud.count('printers', { storeId: STORE })).toBe(3);
});

it('a paid order prints one ticket per kitchen station and one receipt, with the right lines', async () => {
  await cloud.cloud.http('DELETE', '/feie/tickets');
  const orderId = await paid('o-print-1', barAndKitchen);
  const order = await cloud.order(orderId);
  const jobs = await jobsOf(orderId);
  expect(jobs.map((j) => [j.role, j.station, j.state]).sort()).toEqual([
    ['kitchen', '厨房', 'printed'],
    ['kitchen', '吧台', 'printed'],
    ['receipt', '', 'printed'],
  ]);
  const [bar] = await tickets(BAR.sn);
  const [kitchen] = await tickets(KITCHEN.sn);
  const [receipt] = await tickets(RECEIPT.sn);
  expect([bar, kitchen, receipt].map((t) => t && t.paperMm)).toEqual([58, 58, 80]);
  // Each station gets only its own lines, with the pickup number large.
  expect(textOf(bar)).toContain('意式浓缩');
  expect(textOf(bar)).toContain('x2');
  expect(textOf(bar)).not.toContain('牛角可颂');
  expect(bar.content).toContain(`<CB>自取 ${order.pickupNo}</CB>`);
  expect(textOf(kitchen)).toContain('牛角可颂');
  expect(textOf(kitchen)).toContain('加热');
  expect(textOf(kitchen)).not.toContain('意式浓缩');
  // The receipt: every line, the total, a QR code to the order.
  expect(textOf(receipt)).toContain('意式浓缩 x2');
  expect(textOf(receipt)).toContain('牛角可颂 x1');
  expect(textOf(receipt)).toMatch(/实付\s+¥53\.00/);
  expect(receipt.content).toContain('<QR>weixin://dl/business/?appid=');
  expect(receipt.content).toContain(encodeURIComponent(`id=${orderId}`));
  expect(receipt.content).toMatch(/<CUT>$/);
  for (const t of [bar, kitchen, receipt]) {
    expect(t.lines.filter((line) => line.overflow)).toEqual([]);
  }
});

it('a pay callback delivered 10 times prints nothing more', async () => {
  await cloud.cloud.http('DELETE', '/feie/tickets');
  const orderId = await paid('o-print-2', barAndKitchen);
  for (let i = 0; i < 9; i += 1)
    expect((await cloud.cloud.pay(orderId, 'replay')).status).toBe(200);
  expect(await jobsOf(orderId)).toHaveLength(3);
  expect(await tickets()).toHaveLength(3);
});

it('a reprint from the board makes exactly one more job, marked as a reprint', async () => {
  const orderId = await paid('o-print-3', barAndKitchen);
  await cloud.cloud.http('DELETE', '/feie/tickets');
  const before = await jobsOf(orderId);
  const receiptPrinter = `${STORE}-${RECEIPT.sn}`;
  const answer = dataOf(
    await cloud.as(COUNTER, 'staff.orders.reprint', {
      storeId: STORE,
      orderId,
      printerId: receiptPrinter,
    }),
  );
  expect(answer.jobs.map((j: PrintJobView) => [j.kind, j.role, j.state])).toEqual([
    ['reprint', 'receipt', 'printed'],
  ]);
  expect(await jobsOf(orderId)).toHaveLength(before.length + 1);
  const printed = await tickets();
  expect(printed).toHaveLength(1);
  expect(textOf(printed[0])).toContain('【补打】');
  // Another store's staff, or an unknown order: nothing.
  const missing = await cloud.as(COUNTER, 'staff.orders.reprint', {
    storeId: STORE,
    orderId: '20260101000000nosuchorder',
  });
  expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await cloud.count('print_jobs', { orderId })).toBe(before.length + 1);
});

it("an offline printer's job is retried with backoff, then failed, and staff are told", async () => {
  await cloud.cloud.http('POST', '/feie/__devices', { sn: KITCHEN.sn, online: false });
  try {
    const orderId = await paid('o-print-4', barAndKitchen);
    const jobId = (await jobsOf(orderId)).find((j) => j.station === '厨房')?._id as string;
    let job = (await cloud.db.collection('print_jobs').doc(jobId).get()).data;
    expect(job).toMatchObject({ state: 'queued', attempts: 1 });
    expect(job.lastError).toContain('离线');
    // Backoff: 30 s after the first failure, then 60, 120, 240.
    expect(job.retryAt - job.updatedAt).toBe(30_000);
    for (let attempt = 2; attempt <= 5; attempt += 1) {
      await cloud.db
        .collection('print_jobs')
        .doc(jobId)
        .update({ data: { retryAt: 0 } });
      expect((await cloud.cloud.fireTimer('cron', 'every-minute')).status).toBe(200);
      job = (await cloud.db.collection('print_jobs').doc(jobId).get()).data;
      expect(job.attempts).toBe(attempt);
      if (attempt < 5) {
        expect(job.state).toBe('queued');
        expect(job.retryAt - job.updatedAt).toBe(30_000 * 2 ** (attempt - 1));
      }
    }
    expect(job).toMatchObject({ state: 'failed', failedAt: expect.any(Number) });
    const told = await cloud.messages({ kind: 'print_failed', orderId });
    expect(told.length).toBeGreaterThan(0);
    expect(told[0]).toMatchObject({ to: 'staff', storeId: STORE, jobId });
    // The failed job is on the printers page, with why.
    const page = dataOf(await cloud.as(COUNTER, 'staff.printers.list', { storeId: STORE }));
    expect(page.printers.find((p) => p.sn === KITCHEN.sn)?.status.state).toBe('offline');
    expect(page.jobs.find((j) => j._id === jobId)).toMatchObject({ state: 'failed' });
    // The other roles printed.
    expect((await jobsOf(orderId)).filter((j) => j.state === 'printed')).toHaveLength(2);
  } finally {
    await cloud.cloud.http('POST', '/feie/__devices', { sn: KITCHEN.sn, online: true });
  }
});

it('a wrong UKEY gives staff a clear error and loses nothing: the tickets print once it is fixed', async () => {
  await cloud.cloud.http('POST', '/feie/__account', { ukey: 'ResetInConsole01' });
  let orderId = '';
  try {
    const test = await cloud.as(COUNTER, 'staff.printers.test', {
      storeId: STORE,
      printerId: `${STORE}-${RECEIPT.sn}`,
    });
    expect(test).toMatchObject({ ok: false, error: { code: 'PRINTER_FAILED' } });
    expect(!test.ok && test.error.message).toMatch(/UKEY 有误.*签名错误/);
    // The payment goes through; its jobs wait with the reason.
    orderId = await paid('o-print-5', barAndKitchen);
    expect((await cloud.order(orderId)).status).toBe('paid');
    const jobs = await jobsOf(orderId);
    expect(jobs).toHaveLength(3);
    for (const job of jobs) {
      expect(job).toMatchObject({ state: 'queued', attempts: 1 });
      expect(job.lastError).toContain('ret -3');
    }
  } finally {
    await cloud.cloud.http('POST', '/feie/__account', { ukey: 'LocalUkey0000001' });
  }
  await cloud.cloud.http('DELETE', '/feie/tickets');
  await cloud.db
    .collection('print_jobs')
    .where({ orderId })
    .update({ data: { retryAt: 0 } });
  expect((await cloud.cloud.fireTimer('cron', 'every-minute')).status).toBe(200);
  const after = await jobsOf(orderId);
  expect(after.map((j) => j.state)).toEqual(['printed', 'printed', 'printed']);
  expect(await tickets()).toHaveLength(3);
});

it('a store that prints on accept prints when staff accept, not when paid', async () => {
  dataOf(
    await cloud.as(MANAGER, 'staff.printers.settings', { storeId: STORE, trigger: 'accepted' }),
  );
  try {
    const orderId = await paid('o-print-6', barAndKitchen);
    expect(await jobsOf(orderId)).toHaveLength(0);
    dataOf(await cloud.as(COUNTER, 'staff.accept', { storeId: STORE, orderId }));
    expect(await jobsOf(orderId)).toHaveLength(3);
  } finally {
    dataOf(await cloud.as(MANAGER, 'staff.printers.settings', { storeId: STORE, trigger: 'paid' }));
  }
});

it('bad input changes nothing', async () => {
  const before = await cloud.count('printers');
  const bad = await cloud.as(MANAGER, 'staff.printers.add', {
    storeId: STORE,
    sn: '9165',
    key: 'abcd1234',
    name: 'x',
    paperMm: 76,
    role: 'kitchen',
  });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  const badStations = await cloud.as(MANAGER, 'staff.printers.settings', {
    storeId: STORE,
    stations: { 'no-such-category': '吧台' },
  });
  expect(badStations).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  const badVendor = await cloud.as(MANAGER, 'staff.printers.add', {
    storeId: STORE,
    vendor: 'acme',
    sn: '916500004',
    key: 'abcd1234',
    name: 'x',
    paperMm: 58,
    role: 'label',
  });
  expect(badVendor).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(await cloud.count('printers')).toBe(before);
});

it('a label printer prints one label per cup; a removed printer prints no more', async () => {
  const LABEL = '916500004';
  dataOf(
    await cloud.as(MANAGER, 'staff.printers.add', {
      storeId: STORE,
      sn: LABEL,
      key: 'abcd1234',
      name: '杯贴机',
      paperMm: 58,
      role: 'label',
    }),
  );
  await cloud.cloud.http('DELETE', '/feie/tickets');
  const orderId = await paid('o-print-7', barAndKitchen);
  const { pickupNo } = await cloud.order(orderId);
  const labels = (await tickets(LABEL)) as Array<Ticket & { apiname: string }>;
  expect(labels.map((t) => t.apiname)).toEqual(Array(3).fill('Open_printLabelMsg'));
  expect(labels.map((t) => textOf(t).split('\n')[0])).toEqual([
    `${pickupNo} 1/3`,
    `${pickupNo} 2/3`,
    `${pickupNo} 3/3`,
  ]);
  expect(textOf(labels[2])).toContain('牛角可颂');
  const label = (await jobsOf(orderId)).find((j) => j.role === 'label');
  expect(label).toMatchObject({ state: 'printed', vendorJobIds: expect.any(Array) });
  expect((label?.vendorJobIds as string[]).length).toBe(3);

  const page = dataOf(
    await cloud.as(MANAGER, 'staff.printers.remove', {
      storeId: STORE,
      printerId: `${STORE}-${LABEL}`,
    }),
  );
  expect(page.printers.map((p) => p.sn)).not.toContain(LABEL);
  await cloud.cloud.http('DELETE', '/feie/tickets');
  await paid('o-print-8', barAndKitchen);
  expect(await tickets(LABEL)).toEqual([]);
  expect(await tickets()).toHaveLength(3);
});

it('an out-of-paper printer gets nothing until it can print; a sent ticket not printed in 3 minutes fails and staff are told', async () => {
  await cloud.cloud.http('DELETE', '/feie/tickets');
  await cloud.cloud.http('POST', '/feie/__devices', { sn: BAR.sn, paperOut: true });
  try {
    const orderId = await paid('o-print-9', barAndKitchen);
    const bar = (await jobsOf(orderId)).find((j) => j.station === '吧台');
    expect(bar).toMatchObject({ state: 'queued', attempts: 1 });
    expect(bar?.lastError).toContain('打印机异常');
    expect(await tickets(BAR.sn)).toHaveLength(0);
  } finally {
    await cloud.cloud.http('POST', '/feie/__devices', { sn: BAR.sn, paperOut: false });
  }

  // A ticket the vendor took but that never came out (here: queued at Feie for an offline printer).
  await cloud.cloud.http('POST', '/feie/__devices', { sn: KITCHEN.sn, online: false });
  try {
    const stime = String(Math.floor(Date.now() / 1000));
    const form = new URLSearchParams({
      user: 'storefront@local.test',
      stime,
      sig: createHash('sha1').update(`storefront@local.testLocalUkey0000001${stime}`).digest('hex'),
      apiname: 'Open_printMsg',
      sn: KITCHEN.sn,
      content: '<CB>TEST</CB><BR>',
      times: '1',
    });
    const queued = await fetch(`${cloud.cloud.url}/feie/Api/Open/`, { method: 'POST', body: form });
    const vendorJobId = ((await queued.json()) as { data: string }).data;
    const orderId = await paid('o-print-10', {
      ...barAndKitchen,
      lines: [{ goodsId: ESPRESSO, qty: 1 }],
    });
    const jobId = (await jobsOf(orderId)).find((j) => j.role === 'receipt')?._id as string;
    const jobs = cloud.db.collection('print_jobs');
    // Sent 2 minutes ago: still waiting, asked again; 4 minutes ago: failed.
    await jobs.doc(jobId).update({
      data: { state: 'sent', vendorJobIds: [vendorJobId], sentAt: Date.now() - 120_000 },
    });
    await cloud.cloud.fireTimer('cron', 'every-minute');
    expect((await jobs.doc(jobId).get()).data.state).toBe('sent');
    await jobs.doc(jobId).update({ data: { sentAt: Date.now() - 240_000 } });
    await cloud.cloud.fireTimer('cron', 'every-minute');
    const job = (await jobs.doc(jobId).get()).data;
    expect(job).toMatchObject({ state: 'failed' });
    expect(job.lastError).toContain('未打出');
    expect(await cloud.messages({ kind: 'print_failed', orderId })).not.toEqual([]);
  } finally {
    await cloud.cloud.http('POST', '/feie/__devices', { sn: KITCHEN.sn, online: true });
  }
});

describe("the local cloud's Feie", () => {
  const USER = 'storefront@local.test';
  async function feie(params: Record<string, string>, ukey = 'LocalUkey0000001') {
    const stime = String(Math.floor(Date.now() / 1000));
    const sig = createHash('sha1')
      .update(`${params.user ?? USER}${ukey}${stime}`)
      .digest('hex');
    const answer = await fetch(`${cloud.cloud.url}/feie/Api/Open/`, {
      method: 'POST',
      body: new URLSearchParams({ user: USER, stime, sig, ...params }),
    });
    return answer.json() as Promise<{ msg: string; ret: number; data: unknown }>;
  }

  it("answers in Feie's shapes: bad signature, unknown account, a printer not on the account", async () => {
    expect(await feie({ apiname: 'Open_queryPrinterStatus', sn: BAR.sn }, 'WrongUkey')).toEqual({
      msg: '验证失败 : 签名错误.',
      ret: -3,
      data: null,
      serverExecutedTime: expect.any(Number),
    });
    expect(
      await feie({ apiname: 'Open_queryPrinterStatus', sn: BAR.sn, user: 'nobody' }),
    ).toMatchObject({
      ret: -2,
      msg: '参数错误 : 该帐号未注册.',
      data: null,
    });
    expect(
      await feie({ apiname: 'Open_printMsg', sn: '916599999', content: 'x', times: '1' }),
    ).toMatchObject({
      ret: 1002,
      msg: '验证失败 : 打印机编号和用户不匹配.',
    });
    expect(await feie({ apiname: 'Open_queryPrinterStatus', sn: BAR.sn })).toMatchObject({
      ret: 0,
      msg: 'ok',
      data: '在线，工作状态正常',
    });
  });

  it('a printer the vendor does not know gives staff a clear error on a test print', async () => {
    await cloud.db
      .collection('printers')
      .doc(`${STORE}-916599999`)
      .set({
        data: {
          storeId: STORE,
          vendor: 'feie',
          sn: '916599999',
          name: '未添加的打印机',
          paperMm: 58,
          role: 'label',
          station: '',
          createdAt: Date.now(),
          addedBy: 'test',
        },
      });
    try {
      const test = await cloud.as(COUNTER, 'staff.printers.test', {
        storeId: STORE,
        printerId: `${STORE}-916599999`,
      });
      expect(test).toMatchObject({ ok: false, error: { code: 'PRINTER_FAILED' } });
      expect(!test.ok && test.error.message).toMatch(/打印机未添加到打印平台账号.*ret 1002/);
    } finally {
      await cloud.db.collection('printers').doc(`${STORE}-916599999`).remove();
    }
  });

  it("the console's Printer view draws each ticket on its paper", async () => {
    const home = await cloud.cloud.http('GET', '/');
    expect(home.text).toContain('data-view="printer"');
    const drawn = (await cloud.cloud.http('GET', '/feie/tickets?html=1')).json as Array<{
      paperMm: number;
      html: string;
    }>;
    expect(drawn.length).toBeGreaterThan(0);
    for (const ticket of drawn) expect(ticket.html).toContain(`class="paper p${ticket.paperMm}"`);
  });
});
