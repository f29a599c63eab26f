// Input schemas of the table actions (issue 15). Strict objects: an `openid`, a `seat`, a price
// or a status in the request is refused, not ignored. Quantities and selections are checked
// again by the domain pricing when a line is added and when a round is sent.

import * as z from 'zod';
import { MAX_LINE_QTY } from '../../../../miniprogram/domain/order-pricing';
import { DINE_IN_PAYMENTS, MAX_SPLIT_PARTS } from '../../../../miniprogram/domain/tables';
import { docId, idRecord } from '../../../lib/schemas';

const tableNo = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, 'must be a table number');
const optionId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be an option id');
const SPEC_GROUP_ID = 'must be a spec group id';
const specGroupId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, SPEC_GROUP_ID);

const lineShape = {
  goodsId: docId,
  qty: z.number().int().min(1).max(MAX_LINE_QTY),
  specs: idRecord(specGroupId, z.array(optionId).max(10), SPEC_GROUP_ID).optional(),
  addOns: z.array(optionId).max(20).optional(),
};

const sessionRef = { sessionId: docId };
const staffRef = { storeId: docId, sessionId: docId };

export const joinInput = z.strictObject({ storeId: docId, tableNo });
export const sessionInput = z.strictObject(sessionRef);
export const getInput = z.strictObject({
  ...sessionRef,
  version: z.number().int().min(0).optional(),
});
export const cartAddInput = z.strictObject({ ...sessionRef, ...lineShape });
export const splitInput = z.strictObject({
  ...sessionRef,
  parts: z.number().int().min(2).max(MAX_SPLIT_PARTS),
});
export const cartRemoveInput = z.strictObject({ ...sessionRef, lineId: docId });

export const boardInput = z.strictObject({ storeId: docId });
export const staffSessionInput = z.strictObject(staffRef);
export const staffRoundInput = z.strictObject({
  ...staffRef,
  lines: z.array(z.strictObject(lineShape)).min(1).max(50),
});
export const cancelLineInput = z.strictObject({ ...staffRef, lineId: docId });
export const roundRefInput = z.strictObject({ ...staffRef, roundId: docId });
export const moveInput = z.strictObject({ ...staffRef, toTableNo: tableNo });
export const markPaidInput = z.strictObject({
  ...staffRef,
  method: z.enum(['cash', 'card', 'other']),
  note: z.string().trim().max(100).optional(),
});
export const closeInput = z.strictObject({
  ...staffRef,
  reason: z.string().trim().max(100).optional(),
});
export const settingsInput = z.strictObject({
  storeId: docId,
  dineInPayment: z.enum(DINE_IN_PAYMENTS).optional(),
  tableIdleMinutes: z
    .number()
    .int()
    .min(10)
    .max(24 * 60)
    .optional(),
});
