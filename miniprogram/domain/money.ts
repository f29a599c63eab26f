// Money is an integer number of fen (1/100 yuan) everywhere: storage, wire and pricing.
// Only display code turns fen into yuan text, through the formatters below.

import { DomainError } from './errors';

/** Throws INVALID_AMOUNT unless `value` is a non-negative safe integer (an amount in fen). */
export function assertFen(value: unknown, label = 'amount'): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `${label} 必须是以分为单位的非负整数 (got ${String(value)})`,
    );
  }
}

/** Throws INVALID_AMOUNT unless `value` is a safe integer (a signed adjustment in fen). */
export function assertFenDelta(value: unknown, label = 'price delta'): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `${label} 必须是以分为单位的整数 (got ${String(value)})`,
    );
  }
}

/** Throws INVALID_AMOUNT unless `qty` is a whole number of items, at least 1. */
export function assertQuantity(qty: unknown, label = 'quantity'): asserts qty is number {
  if (typeof qty !== 'number' || !Number.isSafeInteger(qty) || qty < 1) {
    throw new DomainError('INVALID_AMOUNT', `${label} 必须是正整数 (got ${String(qty)})`);
  }
}

/** 1250 → "¥12.50"; negative amounts → "-¥2.00". For totals and receipts. */
export function formatPrice(fen: number): string {
  assertFenDelta(fen, 'amount');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** 1250 → "12.5", 1200 → "12", 1205 → "12.05". For menu prices next to a ¥ glyph. */
export function formatPriceCompact(fen: number): string {
  assertFenDelta(fen, 'amount');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  if (cents === 0) return `${sign}${yuan}`;
  const decimals = cents % 10 === 0 ? String(cents / 10) : String(cents).padStart(2, '0');
  return `${sign}${yuan}.${decimals}`;
}

/** Price delta label for an option: 300 → "+¥3", -200 → "-¥2", 0 → "". */
export function formatPriceDelta(fen: number): string {
  if (fen === 0) return '';
  return `${fen > 0 ? '+' : '-'}¥${formatPriceCompact(Math.abs(fen))}`;
}

/** Sum of non-negative fen amounts; throws on anything that is not one. */
export function sumFen(amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) {
    assertFen(amount);
    total += amount;
  }
  assertFen(total, 'total');
  return total;
}

/** Line total: unit price × quantity, both checked. */
export function multiplyFen(unitFen: number, qty: number): number {
  assertFen(unitFen, 'unit price');
  assertQuantity(qty);
  const total = unitFen * qty;
  assertFen(total, 'line total');
  return total;
}
