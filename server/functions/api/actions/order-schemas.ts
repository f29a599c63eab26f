// Input schemas of the order actions. Strict objects throughout: unknown fields (an `openid`,
// a `price`) are refused, not ignored. Business rules (stock, hours, distance) are checked by
// the domain pricing, not here.

import * as z from 'zod';
import { MAX_LINE_QTY } from '../../../../miniprogram/domain/order-pricing';
import { ORDER_MODES, ORDER_TABS } from '../../../../miniprogram/domain/order';
import { docId, idRecord, latLng } from '../../../lib/schemas';

const ENTRY_SOURCES = [
  'table_qr',
  'poster_qr',
  'nearby',
  'oa_menu',
  'oa_article',
  'oa_template',
  'share',
  'search',
  'other',
] as const;

const optionId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be an option id');
const SPEC_GROUP_ID = 'must be a spec group id';
const specGroupId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, SPEC_GROUP_ID);
const shortText = (max: number) => z.string().trim().min(1).max(max);
const fen = z.number().int().min(0).max(100_000_000);

const line = z.strictObject({
  goodsId: docId,
  qty: z.number().int().min(1).max(MAX_LINE_QTY),
  specs: idRecord(specGroupId, z.array(optionId).max(10), SPEC_GROUP_ID).optional(),
  addOns: z.array(optionId).max(20).optional(),
});

const draftShape = {
  storeId: docId,
  mode: z.enum(ORDER_MODES),
  lines: z.array(line).min(1).max(50),
  dineIn: z
    .strictObject({
      tableNo: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, 'must be a table number'),
      diners: z.number().int().min(1).max(50),
    })
    .optional(),
  pickup: z
    .union([
      z.strictObject({ asap: z.literal(true) }),
      z.strictObject({ at: z.number().int().positive() }),
    ])
    .optional(),
  delivery: z
    .strictObject({
      userName: shortText(32),
      telNumber: z.string().regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number'),
      provinceName: shortText(32),
      cityName: shortText(32),
      countyName: z.string().trim().max(32),
      detailInfo: shortText(128),
      postalCode: z.string().max(16).optional(),
      nationalCode: z.string().max(16).optional(),
      location: latLng,
    })
    .optional(),
  expectedTotalFen: fen.optional(),
};

export const quoteInput = z.strictObject(draftShape);

export const createInput = z.strictObject({
  ...draftShape,
  remark: z.string().max(200).optional(),
  entry: z
    .strictObject({
      source: z.enum(ENTRY_SOURCES),
      scene: z.number().int().min(0).max(99_999),
    })
    .optional(),
});

export const orderRef = z.strictObject({ orderId: docId });

export const cancelInput = z.strictObject({
  orderId: docId,
  reason: z.string().max(200).optional(),
});

export const listInput = z.strictObject({
  tab: z.enum(Object.keys(ORDER_TABS) as [keyof typeof ORDER_TABS]).optional(),
  offset: z.number().int().min(0).max(10_000).optional(),
  limit: z.number().int().min(1).max(20).optional(),
});
