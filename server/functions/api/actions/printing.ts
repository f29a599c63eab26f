// The printers page and the board's reprint (issue 16): printers of a store with their status,
// the latest jobs, adding and removing printers, the print trigger and stations, a test print.

import type {
  StaffPrintersRequest,
  StaffPrintersResponse,
  StaffPrinterAddRequest,
  StaffPrinterRefRequest,
  StaffPrintJobsResponse,
  StaffPrintSettingsRequest,
  StaffReprintRequest,
} from '../../../../miniprogram/domain/printing';
import { DomainError } from '../../../../miniprogram/domain/errors';
import type { Database } from '../../../lib/cloud';
import { fetchDocs } from '../../../lib/db';
import { loadOrder } from '../../../lib/orders/order-store';
import { latestJobs, reprintOrder, testPrint, toJobView } from '../../../lib/printing/jobs';
import {
  addPrinter,
  loadPrinter,
  loadSettings,
  printerViews,
  removePrinter,
  updateSettings,
} from '../../../lib/printing/printers';
import { storeAction } from './staff-access';
import {
  printerAddInput,
  printerRefInput,
  printersInput,
  printSettingsInput,
  reprintInput,
} from './print-schemas';
import { COLLECTIONS } from '../../../lib/collections';

async function page(db: Database, storeId: string): Promise<StaffPrintersResponse> {
  const [printers, settings, jobs, categories] = await Promise.all([
    printerViews(db, storeId),
    loadSettings(db, storeId),
    latestJobs(db, storeId),
    fetchDocs<{ _id: string; name: string; sort: number }>(
      db.collection(COLLECTIONS.categories).where({ storeId }).orderBy('sort', 'asc').limit(100),
    ),
  ]);
  return {
    printers,
    settings,
    categories: categories.map(({ _id, name }) => ({ _id, name })),
    jobs: jobs.map(toJobView),
  };
}

export const staffPrintersList = storeAction<StaffPrintersRequest, StaffPrintersResponse>({
  input: printersInput,
  role: 'staff',
  handler: ({ storeId }, { db }) => page(db, storeId),
});

export const staffPrintersAdd = storeAction<StaffPrinterAddRequest, StaffPrintersResponse>({
  input: printerAddInput,
  role: 'manager',
  async handler(input, { db, caller }) {
    await addPrinter(db, input, caller.openid);
    return page(db, input.storeId);
  },
});

export const staffPrintersRemove = storeAction<StaffPrinterRefRequest, StaffPrintersResponse>({
  input: printerRefInput,
  role: 'manager',
  async handler({ storeId, printerId }, { db }) {
    await removePrinter(db, storeId, printerId);
    return page(db, storeId);
  },
});

export const staffPrintersSettings = storeAction<StaffPrintSettingsRequest, StaffPrintersResponse>({
  input: printSettingsInput,
  role: 'manager',
  async handler(input, { db }) {
    await updateSettings(db, input);
    return page(db, input.storeId);
  },
});

export const staffPrintersTest = storeAction<StaffPrinterRefRequest, StaffPrintJobsResponse>({
  input: printerRefInput,
  role: 'staff',
  async handler({ storeId, printerId }, { db, caller }) {
    const job = await testPrint(db, await loadPrinter(db, storeId, printerId), caller.openid);
    // Staff asked and wait for the answer: a refusal is an error they can act on.
    if (job.state === 'failed') throw new DomainError('PRINTER_FAILED', job.lastError);
    return { jobs: [toJobView(job)] };
  },
});

export const staffOrdersReprint = storeAction<StaffReprintRequest, StaffPrintJobsResponse>({
  input: reprintInput,
  role: 'staff',
  async handler({ storeId, orderId, printerId }, { db, caller }) {
    const order = await loadOrder(db, orderId);
    if (!order || order.storeId !== storeId) {
      throw new DomainError('NOT_FOUND', `订单不存在 (order "${orderId}")`);
    }
    if (!order.payment || order.status === 'pending_payment' || order.status === 'cancelled') {
      throw new DomainError('ILLEGAL_TRANSITION', '未支付的订单不能打印 (order not paid)');
    }
    if (printerId) await loadPrinter(db, storeId, printerId);
    const jobs = await reprintOrder(db, order, caller.openid, printerId);
    if (!jobs.length) throw new DomainError('NOT_FOUND', '门店还没有打印机 (no printers)');
    return { jobs: jobs.map(toJobView) };
  },
});
