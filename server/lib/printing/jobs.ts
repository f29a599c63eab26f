// Print jobs: one per printer role per order, stored in `print_jobs` and moved
//   queued → sent → printed | failed
// by the code here (docs/PRINTING.md). The job's _id is derived from the order and the role
// (`<orderId>-receipt`, `<orderId>-label`, `<orderId>-k<station hash>`), so however many times a
// paid order reaches queueOrderJobs (the pay callback's winner, the cron's sweep), each role gets
// one job: a second insert of the same id fails and is skipped. Reprints and test prints get ids
// of their own. A job is claimed by a conditional update on its attempts, so the immediate send
// and the cron never both send it. Failed sends wait 30 s × 2^(n-1) (at most 10 min) for the
// cron; after 5 attempts, or when a sent ticket has not come out after 3 minutes, the job is
// failed and the store's staff are told (messages `print_failed`).

import { createHash, randomBytes } from 'node:crypto';
import type { Order } from '../../../miniprogram/domain/order';
import { PAGES } from '../../../miniprogram/domain/routes';
import type {
  PrinterRole,
  PrintJobKind,
  PrintJobState,
  PrintJobView,
  PrintSettings,
  PrintTrigger,
} from '../../../miniprogram/domain/printing';
import { generatedServerConfig } from '../../config.generated';
import type { Database } from '../cloud';
import { fetchDocs, findById } from '../db';
import { deliverQueuedForOrder } from '../notify';
import { queueStaffMessage } from '../orders/messages';
import { PrintError } from './driver';
import { driverFor } from './drivers';
import {
  kitchenTicket,
  labelTicket,
  previewLines,
  receiptTicket,
  type Ticket,
  testTicket,
} from './layout';
import { loadPrinters, loadSettings, type PrinterDoc } from './printers';
import { COLLECTIONS } from '../collections';

interface PrintJobDoc {
  _id: string;
  storeId: string;
  kind: PrintJobKind;
  orderId: string;
  pickupNo: string;
  printerId: string;
  printerName: string;
  vendor: PrinterDoc['vendor'];
  sn: string;
  role: PrinterRole;
  station: string;
  ticket: Ticket;
  state: PrintJobState;
  attempts: number;
  /** Attempts allowed before the job fails (test prints: 1). */
  maxAttempts: number;
  retryAt: number;
  vendorJobIds: string[];
  sentAt: number | null;
  printedAt: number | null;
  failedAt: number | null;
  lastError: string;
  /** Who asked (reprint, test); "system" for an order's own tickets. */
  by: string;
  createdAt: number;
  updatedAt: number;
  /** A table's round (issue 15; `orderId` is then the round's key): what staff are told of. */
  sessionId?: string;
  roundId?: string;
}

const MAX_ATTEMPTS = 5;
const BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 10 * 60_000;
/** A claimed send holds the job this long; a sender that died frees it for the cron after. */
const LEASE_MS = 60_000;
/** A ticket the vendor took but the printer has not printed in this long is failed. */
const SENT_DEADLINE_MS = 3 * 60_000;
const BATCH = 20;
/** The cron's share of its run for printing; what is left waits for the next run. */
const CRON_BUDGET_MS = 6_000;

function printRetryDelayMs(attempts: number): number {
  return Math.min(BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** The QR code on the receipt: WeChat's plain-text URL Scheme for the order's page. */
function orderQrData(orderId: string): string {
  const query = encodeURIComponent(`id=${orderId}`);
  return `weixin://dl/business/?appid=${generatedServerConfig.appid}&path=${PAGES.orderDetail}&query=${query}`;
}

function roleSlug(printer: PrinterDoc): string {
  if (printer.role !== 'kitchen') return printer.role;
  return `k${createHash('sha1').update(printer.station).digest('hex').slice(0, 8)}`;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

function isDuplicate(error: unknown): boolean {
  return /duplicate|exist/i.test(errorText(error));
}

interface Planned {
  printer: PrinterDoc;
  ticket: Ticket;
}

/** Which printer prints what for this order: one ticket per printer role. */
async function plan(
  db: Database,
  order: Order,
  printers: PrinterDoc[],
  settings: PrintSettings,
  kind: Exclude<PrintJobKind, 'test'>,
  now: number,
): Promise<Planned[]> {
  const planned: Planned[] = [];
  const kitchens = printers.filter((p) => p.role === 'kitchen');
  const byStation = new Map<string, Order['lines']>();
  if (kitchens.length) {
    const _ = db.command;
    const goodsIds = [...new Set(order.lines.map((line) => line.goodsId))];
    const goods = await fetchDocs<{ _id: string; categoryId: string }>(
      db
        .collection(COLLECTIONS.goods)
        .where({ _id: _.in(goodsIds) })
        .field({ categoryId: true }),
    );
    const category = new Map(goods.map((g) => [g._id, g.categoryId]));
    const known = new Set(kitchens.map((p) => p.station));
    for (const line of order.lines) {
      const wanted = settings.stations[category.get(line.goodsId) ?? ''] ?? '';
      // A station without a printer of its own prints on the first kitchen printer.
      const station = known.has(wanted) ? wanted : kitchens[0].station;
      byStation.set(station, [...(byStation.get(station) ?? []), line]);
    }
  }
  for (const printer of printers) {
    const opts = {
      paperMm: printer.paperMm,
      station: printer.station,
      now,
      reprint: kind === 'reprint',
      cancelled: kind === 'cancel',
    };
    if (printer.role === 'receipt') {
      planned.push({
        printer,
        ticket: receiptTicket(order, { ...opts, qrData: orderQrData(order._id) }),
      });
    } else if (printer.role === 'label') {
      planned.push({ printer, ticket: labelTicket(order, order.lines, opts) });
    } else {
      const lines = byStation.get(printer.station);
      // Two printers on one station: the first one prints it.
      if (lines?.length && kitchens.find((p) => p.station === printer.station) === printer) {
        planned.push({ printer, ticket: kitchenTicket(order, lines, opts) });
      }
    }
  }
  return planned;
}

function newJob(
  id: string,
  kind: PrintJobKind,
  { printer, ticket }: Planned,
  order: Pick<Order, '_id' | 'pickupNo'> | null,
  by: string,
  now: number,
): PrintJobDoc {
  return {
    _id: id,
    storeId: printer.storeId,
    kind,
    orderId: order?._id ?? '',
    pickupNo: order?.pickupNo ?? '',
    printerId: printer._id,
    printerName: printer.name,
    vendor: printer.vendor,
    sn: printer.sn,
    role: printer.role,
    station: printer.station,
    ticket,
    state: 'queued',
    attempts: 0,
    maxAttempts: kind === 'test' ? 1 : MAX_ATTEMPTS,
    retryAt: now,
    vendorJobIds: [],
    sentAt: null,
    printedAt: null,
    failedAt: null,
    lastError: '',
    by,
    createdAt: now,
    updatedAt: now,
  };
}

/** Inserts the job; false when one with its id exists (the role already printed this order). */
async function insertJob(db: Database, job: PrintJobDoc): Promise<boolean> {
  try {
    await db.collection(COLLECTIONS.printJobs).add({ data: job });
    return true;
  } catch (error) {
    if (isDuplicate(error)) return false;
    throw error;
  }
}

/** The order's jobs, one per printer role, named `<order>-<role><suffix>` (not yet stored). */
async function orderJobs(
  db: Database,
  order: Order,
  printers: PrinterDoc[],
  settings: PrintSettings,
  kind: Exclude<PrintJobKind, 'test'>,
  by: string,
  now: number,
  suffix = '',
): Promise<PrintJobDoc[]> {
  const items = await plan(db, order, printers, settings, kind, now);
  return items.map((item) =>
    newJob(`${order._id}-${roleSlug(item.printer)}${suffix}`, kind, item, order, by, now),
  );
}

/**
 * An order's tickets, when `trigger` is the store's print trigger: one job per printer role,
 * sent at once. Called by the writer that moved the order to paid (and the cron's sweep for
 * payers that died), and by staff.accept. Never throws: printing must not undo a payment.
 */
export async function queueOrderJobs(
  db: Database,
  order: Order,
  trigger: PrintTrigger,
  now: number = Date.now(),
): Promise<number> {
  try {
    // Printers first: a store without any costs the payment one read.
    const printers = await loadPrinters(db, order.storeId);
    if (!printers.length) return 0;
    const settings = await loadSettings(db, order.storeId);
    if (settings.trigger !== trigger) return 0;
    const created: PrintJobDoc[] = [];
    for (const job of await orderJobs(db, order, printers, settings, 'order', 'system', now)) {
      if (await insertJob(db, job)) created.push(job);
    }
    // In parallel: the pay callback waits for this, and each send is a few vendor calls.
    await Promise.all(created.map((job) => sendJob(db, job, now)));
    return created.length;
  } catch (error) {
    console.error(`[print] queueing ${order._id}`, error);
    return 0;
  }
}

/**
 * A round sent at a table (issue 15; `round` is the round read as an order): its kitchen tickets
 * and labels at once, whatever the store's trigger — the kitchen starts on a round before the
 * bill is paid. No receipt: the bill is printed by nobody until it is paid. With `cancel`, a
 * line taken off before it was made: a 退菜 ticket for its kitchen station. Never throws.
 */
export async function queueRoundJobs(
  db: Database,
  round: Order,
  table: { sessionId: string; roundId: string },
  now: number = Date.now(),
  kind: 'order' | 'cancel' = 'order',
): Promise<number> {
  try {
    // A cancelled line goes to the kitchen only: its cup label was printed with the round.
    const printers = (await loadPrinters(db, round.storeId)).filter((p) =>
      kind === 'cancel' ? p.role === 'kitchen' : p.role !== 'receipt',
    );
    if (!printers.length) return 0;
    const settings = await loadSettings(db, round.storeId);
    const created: PrintJobDoc[] = [];
    for (const job of await orderJobs(db, round, printers, settings, kind, 'system', now)) {
      const tableJob = { ...job, ...table };
      if (await insertJob(db, tableJob)) created.push(tableJob);
    }
    await Promise.all(created.map((job) => sendJob(db, job, now)));
    return created.length;
  } catch (error) {
    console.error(`[print] queueing round ${round._id}`, error);
    return 0;
  }
}

/** Staff's reprint: one more job per role (or for one printer), sent at once. */
export async function reprintOrder(
  db: Database,
  order: Order,
  by: string,
  printerId: string | undefined,
  now: number = Date.now(),
): Promise<PrintJobDoc[]> {
  const settings = await loadSettings(db, order.storeId);
  const printers = (await loadPrinters(db, order.storeId)).filter(
    (p) => !printerId || p._id === printerId,
  );
  const suffix = `-r${now.toString(36)}${randomBytes(3).toString('hex')}`;
  const jobs: PrintJobDoc[] = [];
  for (const job of await orderJobs(db, order, printers, settings, 'reprint', by, now, suffix)) {
    await insertJob(db, job);
    jobs.push(await sendJob(db, job, now));
  }
  return jobs;
}

/** A test page on one printer, tried once. */
export async function testPrint(
  db: Database,
  printer: PrinterDoc,
  by: string,
  now: number = Date.now(),
): Promise<PrintJobDoc> {
  const id = `test-${printer._id}-${now.toString(36)}${randomBytes(3).toString('hex')}`.slice(
    0,
    64,
  );
  const job = newJob(id, 'test', { printer, ticket: testTicket(printer, now) }, null, by, now);
  await insertJob(db, job);
  return sendJob(db, job, now);
}

async function update(db: Database, id: string, fields: Partial<PrintJobDoc>): Promise<void> {
  await db.collection(COLLECTIONS.printJobs).doc(id).update({ data: fields });
}

/** The last attempt failed: tell the store's staff (fanned out like order_paid). */
async function tellStaff(db: Database, job: PrintJobDoc, now: number): Promise<void> {
  if (!job.orderId) return;
  try {
    const about = {
      storeId: job.storeId,
      orderId: job.orderId,
      jobId: job._id,
      // A table's ticket: the message reads its round, as a round's own message does.
      ...(job.sessionId ? { sessionId: job.sessionId, roundId: job.roundId } : {}),
    };
    await queueStaffMessage(db, 'print_failed', about, new Date(now));
    await deliverQueuedForOrder(db, job.orderId, now);
  } catch (error) {
    console.error(`[print] telling staff of ${job._id}`, error);
  }
}

async function fail(db: Database, job: PrintJobDoc, reason: string, now: number) {
  const failed = {
    ...job,
    state: 'failed' as const,
    failedAt: now,
    lastError: reason,
    updatedAt: now,
  };
  await update(db, job._id, { state: 'failed', failedAt: now, lastError: reason, updatedAt: now });
  await tellStaff(db, failed, now);
  return failed;
}

/**
 * One send attempt of a queued job: claim it, check the printer is online, hand the ticket to the
 * vendor, ask once whether it came out. Returns the job as it now is. Never throws.
 */
async function sendJob(
  db: Database,
  job: PrintJobDoc,
  now: number = Date.now(),
): Promise<PrintJobDoc> {
  const attempts = job.attempts + 1;
  try {
    const claimed = (await db
      .collection(COLLECTIONS.printJobs)
      .where({ _id: job._id, state: 'queued', attempts: job.attempts })
      .update({ data: { attempts, retryAt: now + LEASE_MS, updatedAt: now } })) as {
      stats: { updated: number };
    };
    if (claimed.stats.updated !== 1) return job;
  } catch (error) {
    console.error(`[print] claiming ${job._id}`, error);
    return job;
  }
  const current = { ...job, attempts };
  try {
    const printer = await findById<PrinterDoc>(db, COLLECTIONS.printers, job.printerId);
    if (!printer) return await fail(db, current, '打印机已被删除 (printer removed)', now);
    const driver = driverFor(printer.vendor);
    const status = await driver.status(printer.sn);
    // Not sent to a printer that cannot print now: Feie would queue the ticket and print it
    // whenever the printer is back, perhaps after staff reprinted it. The cron sends it then.
    if (status.state === 'offline') {
      throw new PrintError('offline', `打印机离线：${printer.name} (${status.text})`);
    }
    if (status.state === 'abnormal') {
      throw new PrintError(
        'offline',
        `打印机异常，请检查纸张和纸仓盖：${printer.name} (${status.text})`,
      );
    }
    const vendorJobIds = await driver.print(printer.sn, job.ticket);
    let printed = false;
    try {
      printed = await driver.printed(vendorJobIds);
    } catch {
      // Sent is sent: the cron asks again.
    }
    const fields: Partial<PrintJobDoc> = {
      state: printed ? 'printed' : 'sent',
      vendorJobIds,
      sentAt: now,
      printedAt: printed ? now : null,
      lastError: '',
      updatedAt: now,
    };
    await update(db, job._id, fields);
    return { ...current, ...fields };
  } catch (error) {
    const reason = errorText(error);
    console.warn(`[print] ${job._id} attempt ${attempts}: ${reason}`);
    try {
      if (attempts >= job.maxAttempts) return await fail(db, current, reason, now);
      const fields = {
        retryAt: now + printRetryDelayMs(attempts),
        lastError: reason,
        updatedAt: now,
      };
      await update(db, job._id, fields);
      return { ...current, ...fields };
    } catch (recordError) {
      console.error(`[print] recording ${job._id}`, recordError);
      return { ...current, lastError: reason };
    }
  }
}

/** A sent job: printed now? Failed once past the deadline. */
async function checkSent(db: Database, job: PrintJobDoc, now: number): Promise<PrintJobState> {
  try {
    if (await driverFor(job.vendor).printed(job.vendorJobIds)) {
      await update(db, job._id, { state: 'printed', printedAt: now, updatedAt: now });
      return 'printed';
    }
  } catch (error) {
    console.warn(`[print] asking about ${job._id}: ${errorText(error)}`);
  }
  if (now - (job.sentAt ?? now) < SENT_DEADLINE_MS) return 'sent';
  await fail(db, job, '已发送但打印机未打出，请检查打印机后补打 (not printed in time)', now);
  return 'failed';
}

/** The cron's part: due queued jobs are sent again, sent ones asked about. */
export async function retryPrintJobs(db: Database, now: number = Date.now()) {
  const _ = db.command;
  const jobs = db.collection(COLLECTIONS.printJobs);
  const due = await fetchDocs<PrintJobDoc>(
    jobs
      .where({ state: 'queued', retryAt: _.lte(now) })
      .orderBy('retryAt', 'asc')
      .limit(BATCH),
  );
  const result = { sent: 0, printed: 0, failed: 0 };
  const started = Date.now();
  const inBudget = () => Date.now() - started < CRON_BUDGET_MS;
  for (const job of due) {
    if (!inBudget()) break;
    const after = await sendJob(db, job, now);
    if (after.state === 'sent') result.sent += 1;
    if (after.state === 'printed') result.printed += 1;
    if (after.state === 'failed') result.failed += 1;
  }
  const sent = await fetchDocs<PrintJobDoc>(
    jobs.where({ state: 'sent' }).orderBy('sentAt', 'asc').limit(BATCH),
  );
  for (const job of sent) {
    if (!inBudget()) break;
    const state = await checkSent(db, job, now);
    if (state === 'printed') result.printed += 1;
    if (state === 'failed') result.failed += 1;
  }
  return result;
}

export function toJobView(job: PrintJobDoc): PrintJobView {
  return {
    _id: job._id,
    kind: job.kind,
    orderId: job.orderId,
    pickupNo: job.pickupNo,
    printerId: job.printerId,
    printerName: job.printerName,
    role: job.role,
    station: job.station,
    state: job.state,
    attempts: job.attempts,
    lastError: job.lastError,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    preview: previewLines(job.ticket),
    paperMm: job.ticket.paperMm,
  };
}

export async function latestJobs(
  db: Database,
  storeId: string,
  limit = 20,
): Promise<PrintJobDoc[]> {
  return fetchDocs<PrintJobDoc>(
    db
      .collection(COLLECTIONS.printJobs)
      .where({ storeId })
      .orderBy('createdAt', 'desc')
      .limit(limit),
  );
}
