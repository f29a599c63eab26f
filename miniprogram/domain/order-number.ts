// Numbers an order carries: its order number (also WeChat Pay's outTradeNo), its refund number
// and the short pickup number staff call out, counted per store per local day.

import { localTimeAt } from './hours';

/** WeChat Pay's outTradeNo: ≤ 32 characters of [0-9A-Za-z_-]. */
export const OUT_TRADE_NO_PATTERN = /^[0-9A-Za-z_-]{1,32}$/;
const RANDOM_DIGITS = 10;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** "20261123" — the store's local calendar day at `epochMs`. */
export function businessDate(epochMs: number, timeZone: string): string {
  const local = localTimeAt(epochMs, timeZone);
  return `${local.year}${pad(local.month)}${pad(local.day)}`;
}

/**
 * "20261123184502" + 10 random digits (24 characters): sortable by time in the store's zone,
 * unique in practice (10^10 per second), and a valid outTradeNo. `random` returns [0, 1).
 */
export function orderNumber(epochMs: number, timeZone: string, random: () => number): string {
  const local = localTimeAt(epochMs, timeZone);
  const seconds = Math.floor(epochMs / 1000) % 60;
  const stamp = `${businessDate(epochMs, timeZone)}${pad(Math.floor(local.minutes / 60))}${pad(local.minutes % 60)}${pad(seconds)}`;
  let digits = '';
  for (let i = 0; i < RANDOM_DIGITS; i += 1) digits += String(Math.floor(random() * 10) % 10);
  return stamp + digits;
}

/** The one refund number of an order: reusing it on a retry can never refund twice. */
export function refundNumber(orderNo: string): string {
  return `R${orderNo}`;
}

/** The counters document holding a store's pickup sequence for one local day. */
export function pickupCounterId(storeId: string, date: string): string {
  return `pickup-${storeId}-${date}`;
}

/** 7 → "A007", 1234 → "A1234": what the screen shows and staff call out. */
export function formatPickupNumber(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`pickup sequence must be a positive integer (got ${sequence})`);
  }
  return `A${pad(sequence, 3)}`;
}
