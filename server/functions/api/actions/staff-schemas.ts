// Input schemas of the staff actions. Strict objects: unknown fields (an `openid` claiming to be
// someone, a `role`) are refused, not ignored.

import * as z from 'zod';
import { BOARD_TABS } from '../../../../miniprogram/domain/staff';
import { docId } from '../../../lib/schemas';

const storeRef = { storeId: docId };
const code = z
  .string()
  .trim()
  .min(4)
  .max(32)
  .regex(/^[A-Za-z0-9\s-]+$/, 'must be a code');
const tableNo = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, 'must be a table number');
const clock = z.string().regex(/^\d{2}:\d{2}$/, 'must be HH:MM');

export const emptyInput = z.strictObject({});
export const codeInput = z.strictObject({ code });
export const joinInput = z.strictObject({ code, name: z.string().trim().max(20).optional() });
export const storeInput = z.strictObject(storeRef);
export const inviteInput = z.strictObject({ ...storeRef, role: z.enum(['staff', 'manager']) });
export const removeInput = z.strictObject({
  ...storeRef,
  openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an openid'),
});

export const boardInput = z.strictObject({
  ...storeRef,
  tab: z.enum(Object.keys(BOARD_TABS) as [keyof typeof BOARD_TABS]),
  limit: z.number().int().min(1).max(100).optional(),
});
export const orderInput = z.strictObject({ ...storeRef, orderId: docId });
export const rejectInput = z.strictObject({
  ...storeRef,
  orderId: docId,
  reason: z.string().max(100).optional(),
});

export const goodsUpdateInput = z
  .strictObject({
    ...storeRef,
    goodsId: docId,
    soldOut: z.boolean().optional(),
    stock: z.number().int().min(0).max(1_000_000).nullable().optional(),
    priceFen: z.number().int().min(0).max(10_000_000).optional(),
    onShelf: z.boolean().optional(),
  })
  .refine(
    (input) => ['soldOut', 'stock', 'priceFen', 'onShelf'].some((key) => key in input),
    'nothing to change: give soldOut, stock, priceFen or onShelf',
  );

export const storeUpdateInput = z
  .strictObject({
    ...storeRef,
    statusOverride: z
      .strictObject({
        status: z.enum(['open', 'busy', 'closed']),
        until: z.number().int().positive().nullable().optional(),
      })
      .nullable()
      .optional(),
    notice: z.string().trim().max(200).optional(),
    hours: z
      .array(z.array(z.strictObject({ open: clock, close: clock })).max(6))
      .length(7)
      .optional(),
  })
  .refine(
    (input) => ['statusOverride', 'notice', 'hours'].some((key) => key in input),
    'nothing to change: give statusOverride, notice or hours',
  );

export const tableAddInput = z.strictObject({
  ...storeRef,
  tableNo,
  name: z.string().trim().min(1).max(20).optional(),
  seats: z.number().int().min(1).max(50).optional(),
});
export const tableRefInput = z.strictObject({ ...storeRef, tableNo });
