import { DomainError } from '../../miniprogram/domain/errors';
import {
  assertFen,
  assertQuantity,
  formatPrice,
  formatPriceCompact,
  formatPriceDelta,
  multiplyFen,
  sumFen,
} from '../../miniprogram/domain/money';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}

describe('formatPrice', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [50, '¥0.50'],
    [1250, '¥12.50'],
    [1200, '¥12.00'],
    [123456789, '¥1234567.89'],
    [-200, '-¥2.00'],
  ])('%i fen → %s', (fen, text) => expect(formatPrice(fen)).toBe(text));

  it('refuses fractions of a fen', () =>
    expect(codeOf(() => formatPrice(12.5))).toBe('INVALID_AMOUNT'));
});

describe('formatPriceCompact', () => {
  it.each([
    [0, '0'],
    [1200, '12'],
    [1250, '12.5'],
    [1205, '12.05'],
    [1299, '12.99'],
    [7, '0.07'],
    [-150, '-1.5'],
  ])('%i fen → %s', (fen, text) => expect(formatPriceCompact(fen)).toBe(text));

  it('round-trips every amount up to ¥20', () => {
    for (let fen = 0; fen <= 2000; fen += 1) {
      expect(Math.round(Number(formatPriceCompact(fen)) * 100)).toBe(fen);
      expect(Math.round(Number(formatPrice(fen).slice(1)) * 100)).toBe(fen);
    }
  });
});

describe('formatPriceDelta', () => {
  it.each([
    [0, ''],
    [300, '+¥3'],
    [250, '+¥2.5'],
    [-200, '-¥2'],
  ])('%i → "%s"', (fen, text) => expect(formatPriceDelta(fen)).toBe(text));
});

describe('sumFen and multiplyFen', () => {
  it('adds integer amounts', () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([100, 250, 1])).toBe(351);
  });

  it('multiplies a unit price by a quantity', () => {
    expect(multiplyFen(2800, 3)).toBe(8400);
    expect(multiplyFen(0, 5)).toBe(0);
  });

  it.each([
    ['negative amount', () => sumFen([100, -1])],
    ['fractional amount', () => sumFen([0.5])],
    ['NaN', () => sumFen([NaN])],
    ['overflowing total', () => sumFen([Number.MAX_SAFE_INTEGER, 1])],
    ['zero quantity', () => multiplyFen(100, 0)],
    ['fractional quantity', () => multiplyFen(100, 1.5)],
    ['negative unit price', () => multiplyFen(-100, 1)],
    ['overflowing line', () => multiplyFen(Number.MAX_SAFE_INTEGER, 2)],
  ])('refuses a %s with INVALID_AMOUNT', (_label, fn) => {
    expect(codeOf(fn)).toBe('INVALID_AMOUNT');
  });
});

describe('assertions', () => {
  it.each([0, 1, 999999])('accepts %p as fen', (value) =>
    expect(codeOf(() => assertFen(value))).toBeUndefined(),
  );

  it.each([-1, 1.1, '100', null, undefined, Infinity])('rejects %p as fen', (value) => {
    expect(codeOf(() => assertFen(value))).toBe('INVALID_AMOUNT');
  });

  it('names the field in the message', () => {
    expect(() => assertFen(-5, 'delivery fee')).toThrow(/delivery fee/);
  });

  it.each([0, -1, 2.5, '2'])('rejects quantity %p', (qty) => {
    expect(codeOf(() => assertQuantity(qty))).toBe('INVALID_AMOUNT');
  });
});
