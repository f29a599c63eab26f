// Setup / invite codes, staff role order, and the console's hours and price parsing.
import {
  DAY_NAMES,
  parseDayText,
  parseYuan,
  dayText,
} from '../../miniprogram/packages/staff/hours-text';
import { satisfies } from '../../miniprogram/domain/roles';
import { generateCode, hashCode, normalizeCode, sameHash } from '../../server/lib/staff/codes';

describe('codes', () => {
  it('are 8 unambiguous characters, hashed with a salt, typed in any case with spaces', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const [code] = codes;
    const hash = hashCode(code, 'salt');
    expect(hash).not.toContain(code);
    expect(
      sameHash(hashCode(` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `, 'salt'), hash),
    ).toBe(true);
    expect(sameHash(hashCode(code, 'other salt'), hash)).toBe(false);
    expect(normalizeCode('ab cd-ef')).toBe('ABCDEF');
  });
});

describe('roles', () => {
  it('order anyone < customer < staff < manager < owner', () => {
    expect(satisfies('owner', 'manager')).toBe(true);
    expect(satisfies('manager', 'staff')).toBe(true);
    expect(satisfies('staff', 'manager')).toBe(false);
    expect(satisfies('customer', 'staff')).toBe(false);
    expect(satisfies('anyone', 'customer')).toBe(false);
  });
});

describe('hours text', () => {
  it('parses days as staff type them and prints them back', () => {
    expect(parseDayText('8:00-20:00')).toEqual([{ open: '08:00', close: '20:00' }]);
    expect(parseDayText('07:30-11:00，17:00-02:00')).toEqual([
      { open: '07:30', close: '11:00' },
      { open: '17:00', close: '02:00' },
    ]);
    expect(parseDayText('休息')).toEqual([]);
    expect(parseDayText('早上八点')).toBeNull();
    expect(dayText([{ open: '08:00', close: '20:00' }])).toBe('08:00-20:00');
    expect(dayText([])).toBe('休息');
    expect(DAY_NAMES).toHaveLength(7);
  });

  it('reads prices in yuan as integer fen', () => {
    expect(parseYuan('18')).toBe(1800);
    expect(parseYuan('18.5')).toBe(1850);
    expect(parseYuan('0.05')).toBe(5);
    for (const bad of ['-1', '1.234', 'abc', '']) expect(parseYuan(bad)).toBeNull();
  });
});
