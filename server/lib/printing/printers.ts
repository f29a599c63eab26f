// A store's printers (`printers`) and print settings (`print_config`), and the staff actions'
// work on them. The printer's own key (识别码) goes to the vendor when it is added and is never
// stored; vendor account credentials are function environment variables (feie.ts).

import type {
  PrinterRole,
  PrinterStatus,
  PrinterVendor,
  PrinterView,
  PrintSettings,
  StaffPrinterAddRequest,
  StaffPrintSettingsRequest,
} from '../../../miniprogram/domain/printing';
import { DomainError } from '../../../miniprogram/domain/errors';
import type { Database } from '../cloud';
import { fetchDocs, findById } from '../db';
import { PrintError } from './driver';
import { driverFor } from './drivers';
import { COLLECTIONS } from '../collections';

/** A stored printer: what staff see of it, less the vendor's live status, plus who added it. */
export type PrinterDoc = Omit<PrinterView, 'status'> & { addedBy: string };

export async function loadSettings(db: Database, storeId: string): Promise<PrintSettings> {
  const doc = await findById<PrintSettings>(db, COLLECTIONS.printConfig, storeId);
  return { trigger: doc?.trigger ?? 'paid', stations: doc?.stations ?? {} };
}

export async function loadPrinters(db: Database, storeId: string): Promise<PrinterDoc[]> {
  return fetchDocs<PrinterDoc>(
    db.collection(COLLECTIONS.printers).where({ storeId }).orderBy('createdAt', 'asc').limit(50),
  );
}

export async function loadPrinter(db: Database, storeId: string, printerId: string) {
  const printer = await findById<PrinterDoc>(db, COLLECTIONS.printers, printerId);
  if (!printer || printer.storeId !== storeId) {
    throw new DomainError('NOT_FOUND', `打印机不存在 (printer "${printerId}")`);
  }
  return printer;
}

/** A vendor refusal as the error staff see. */
function printerError(error: unknown): never {
  if (error instanceof PrintError) throw new DomainError('PRINTER_FAILED', error.message);
  throw error;
}

async function statusOf(printer: PrinterDoc): Promise<PrinterStatus> {
  try {
    return await driverFor(printer.vendor).status(printer.sn);
  } catch (error) {
    return { state: 'unknown', text: (error as Error).message.slice(0, 200) };
  }
}

export async function printerViews(db: Database, storeId: string): Promise<PrinterView[]> {
  const printers = await loadPrinters(db, storeId);
  const statuses = await Promise.all(printers.map(statusOf));
  return printers.map((p, i) => ({
    _id: p._id,
    storeId: p.storeId,
    vendor: p.vendor,
    sn: p.sn,
    name: p.name,
    paperMm: p.paperMm,
    role: p.role,
    station: p.station,
    createdAt: p.createdAt,
    status: statuses[i],
  }));
}

function roleKey(p: { role: PrinterRole; station: string }): string {
  return p.role === 'kitchen' ? `kitchen:${p.station}` : p.role;
}

/**
 * Registers the printer with the vendor, then stores it. One printer per role (per station for
 * kitchen printers) and per serial number in a store; a vendor refusal stores nothing.
 */
export async function addPrinter(
  db: Database,
  input: StaffPrinterAddRequest,
  by: string,
  now: number = Date.now(),
): Promise<void> {
  const station = input.role === 'kitchen' ? (input.station ?? '').trim() : '';
  const printers = await loadPrinters(db, input.storeId);
  if (printers.some((p) => p.sn === input.sn)) {
    throw new DomainError('INVALID_INPUT', `这台打印机已添加 (sn ${input.sn} exists)`);
  }
  const key = roleKey({ role: input.role, station });
  const taken = printers.find((p) => roleKey(p) === key);
  if (taken) {
    throw new DomainError(
      'INVALID_INPUT',
      `「${taken.name}」已负责这个用途，请先删除它 (role ${key} taken)`,
    );
  }
  const vendor: PrinterVendor = input.vendor ?? 'feie';
  try {
    await driverFor(vendor).register({ sn: input.sn, key: input.key, name: input.name });
  } catch (error) {
    printerError(error);
  }
  const doc: PrinterDoc = {
    _id: `${input.storeId}-${input.sn}`,
    storeId: input.storeId,
    vendor,
    sn: input.sn,
    name: input.name,
    paperMm: input.paperMm,
    role: input.role,
    station,
    createdAt: now,
    addedBy: by,
  };
  await db
    .collection(COLLECTIONS.printers)
    .doc(doc._id)
    .set({ data: stripId(doc) });
}

function stripId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}

export async function removePrinter(db: Database, storeId: string, printerId: string) {
  await loadPrinter(db, storeId, printerId);
  await db.collection(COLLECTIONS.printers).doc(printerId).remove();
}

/** Trigger and category → station; categories must be the store's. */
export async function updateSettings(db: Database, input: StaffPrintSettingsRequest) {
  const current = await loadSettings(db, input.storeId);
  if (input.stations) {
    const ids = Object.keys(input.stations);
    const _ = db.command;
    const found = ids.length
      ? await fetchDocs<{ _id: string }>(
          db
            .collection(COLLECTIONS.categories)
            .where({ _id: _.in(ids), storeId: input.storeId })
            .field({ _id: true }),
        )
      : [];
    const missing = ids.filter((id) => !found.some((c) => c._id === id));
    if (missing.length) {
      throw new DomainError('INVALID_INPUT', `分类不存在 (data.stations.${missing[0]})`);
    }
  }
  const next: PrintSettings = {
    trigger: input.trigger ?? current.trigger,
    stations: input.stations ?? current.stations,
  };
  await db
    .collection(COLLECTIONS.printConfig)
    .doc(input.storeId)
    .set({ data: { ...next, storeId: input.storeId, updatedAt: Date.now() } });
}
