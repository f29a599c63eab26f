// Input schemas of the printer actions (issue 16). Strict: unknown fields are refused.

import * as z from 'zod';
import { PRINTER_VENDORS } from '../../../../miniprogram/domain/printing';
import { docId, idRecord } from '../../../lib/schemas';

type PrinterVendorName = (typeof PRINTER_VENDORS)[number];

const storeRef = { storeId: docId };
const station = z.string().trim().min(1).max(10);

export const printersInput = z.strictObject(storeRef);

export const printerAddInput = z
  .strictObject({
    ...storeRef,
    vendor: z.enum(PRINTER_VENDORS as [PrinterVendorName]).optional(),
    sn: z.string().regex(/^[0-9A-Za-z]{6,20}$/, 'must be the serial number (SN) on the printer'),
    key: z.string().regex(/^[0-9A-Za-z]{4,32}$/, 'must be the key (识别码) on the printer'),
    name: z.string().trim().min(1).max(20),
    paperMm: z.union([z.literal(58), z.literal(80)]),
    role: z.enum(['receipt', 'kitchen', 'label']),
    station: station.optional(),
  })
  .refine((input) => input.role !== 'kitchen' || !!input.station, {
    message: 'a kitchen printer needs its station, e.g. 吧台',
    path: ['station'],
  })
  .refine((input) => input.role === 'kitchen' || input.station === undefined, {
    message: 'only kitchen printers have a station',
    path: ['station'],
  });

export const printerRefInput = z.strictObject({ ...storeRef, printerId: docId });

export const printSettingsInput = z
  .strictObject({
    ...storeRef,
    trigger: z.enum(['paid', 'accepted']).optional(),
    stations: idRecord(
      z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
      station,
      'must be a category id',
    ).optional(),
  })
  .refine(
    (input) => input.trigger !== undefined || input.stations !== undefined,
    'nothing to change: give trigger or stations',
  );

export const reprintInput = z.strictObject({
  ...storeRef,
  orderId: docId,
  printerId: docId.optional(),
});
