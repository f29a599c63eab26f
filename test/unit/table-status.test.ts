import { DomainError } from '../../miniprogram/domain/errors';
import type { ActorRole } from '../../miniprogram/domain/roles';
import {
  billFen,
  splitFen,
  canTransitionSession,
  SESSION_STATUSES,
  transitionSession,
} from '../../miniprogram/domain/tables';

const ROLES: ActorRole[] = ['customer', 'staff', 'manager', 'owner', 'system'];

// The whole session machine written out once more: from>to: roles.
const EXPECTED = new Set([
  'open>paying:customer',
  'open>paying:staff',
  'open>paying:manager',
  'open>paying:owner',
  'open>paid:staff',
  'open>paid:manager',
  'open>paid:owner',
  'open>closed:manager',
  'open>closed:owner',
  'open>expired:system',
  'paying>open:customer',
  'paying>open:staff',
  'paying>open:manager',
  'paying>open:owner',
  'paying>open:system',
  'paying>paid:staff',
  'paying>paid:manager',
  'paying>paid:owner',
  'paying>paid:system',
  'paying>closed:manager',
  'paying>closed:owner',
  'paying>expired:system',
  'paid>closed:staff',
  'paid>closed:manager',
  'paid>closed:owner',
  'paid>closed:system',
]);

describe('table session status machine', () => {
  it('allows exactly the expected moves, for every status pair and role', () => {
    for (const from of SESSION_STATUSES) {
      for (const to of SESSION_STATUSES) {
        for (const role of ROLES) {
          const key = `${from}>${to}:${role}`;
          expect([key, canTransitionSession(from, to, role)]).toEqual([key, EXPECTED.has(key)]);
        }
      }
    }
  });

  it('returns the log entry, with the note when given', () => {
    const at = new Date(1_700_000_000_000);
    expect(
      transitionSession({ status: 'open' }, 'closed', { role: 'manager', id: 'm1' }, at, '走单'),
    ).toEqual({
      status: 'closed',
      log: {
        from: 'open',
        to: 'closed',
        by: 'm1',
        role: 'manager',
        at: at.getTime(),
        note: '走单',
      },
    });
  });

  it('refuses a move it does not allow with ILLEGAL_TRANSITION', () => {
    const move = () => transitionSession({ status: 'open' }, 'closed', { role: 'staff', id: 's' });
    expect(move).toThrow(DomainError);
    expect(move).toThrow(/open → closed is not allowed for staff/);
  });

  it('bills every round less what was cancelled', () => {
    const line = (lineTotalFen: number, status: 'sent' | 'cancelled') => ({ lineTotalFen, status });
    expect(
      billFen([
        { lines: [line(1800, 'sent'), line(3600, 'cancelled')] },
        { lines: [line(2500, 'sent')] },
      ] as never),
    ).toBe(4300);
  });

  it('splits a bill in integer fen shares that add up, the larger first', () => {
    expect(splitFen(100, 3)).toEqual([34, 33, 33]);
    expect(splitFen(5400, 3)).toEqual([1800, 1800, 1800]);
    expect(splitFen(7, 4)).toEqual([2, 2, 2, 1]);
    for (const [total, parts] of [
      [1, 1],
      [99_999, 7],
      [2, 2],
    ]) {
      const shares = splitFen(total, parts);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    }
  });
});
