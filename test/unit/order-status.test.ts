import { DomainError } from '../../miniprogram/domain/errors';
import {
  ORDER_STATUSES,
  ORDER_STATUS_LABELS,
  canTransition,
  isFinalStatus,
  isOrderStatus,
  nextStatuses,
  transition,
  type OrderStatus,
} from '../../miniprogram/domain/order-status';
import { type ActorRole } from '../../miniprogram/domain/roles';

const ROLES: ActorRole[] = ['customer', 'staff', 'manager', 'owner', 'system'];

// The whole machine written out once more, as a reader would expect it: from>to: roles.
const EXPECTED = new Set([
  'pending_payment>paid:system',
  'pending_payment>cancelled:customer',
  'pending_payment>cancelled:staff',
  'pending_payment>cancelled:manager',
  'pending_payment>cancelled:owner',
  'pending_payment>cancelled:system',
  'paid>accepted:staff',
  'paid>accepted:manager',
  'paid>accepted:owner',
  'paid>completed:system',
  'paid>refunding:customer',
  'paid>refunding:staff',
  'paid>refunding:manager',
  'paid>refunding:owner',
  'accepted>ready:staff',
  'accepted>ready:manager',
  'accepted>ready:owner',
  'accepted>refunding:staff',
  'accepted>refunding:manager',
  'accepted>refunding:owner',
  'ready>completed:staff',
  'ready>completed:manager',
  'ready>completed:owner',
  'ready>completed:system',
  'ready>refunding:staff',
  'ready>refunding:manager',
  'ready>refunding:owner',
  'cancelled>refunding:system',
  'refunding>refunded:system',
]);

describe('order status machine', () => {
  it('allows exactly the expected moves, for every status pair and role', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        for (const role of ROLES) {
          const key = `${from}>${to}:${role}`;
          expect([key, canTransition(from, to, role)]).toEqual([key, EXPECTED.has(key)]);
        }
      }
    }
  });

  it('returns the new status and a log entry', () => {
    const at = new Date('2026-11-24T04:00:00Z');
    const result = transition(
      { status: 'paid' },
      'accepted',
      { role: 'staff', id: 'staff-openid' },
      at,
    );
    expect(result).toEqual({
      status: 'accepted',
      log: { from: 'paid', to: 'accepted', by: 'staff-openid', role: 'staff', at: at.getTime() },
    });
  });

  it("logs the caller's own role: a manager's move is logged as the manager's", () => {
    const { log } = transition({ status: 'ready' }, 'refunding', { role: 'manager', id: 'm-1' });
    expect(log).toMatchObject({ by: 'm-1', role: 'manager' });
  });

  it('does not change the order it is given', () => {
    const order = { status: 'pending_payment' as OrderStatus };
    transition(order, 'paid', { role: 'system', id: 'payNotify' });
    expect(order.status).toBe('pending_payment');
  });

  it('refuses an illegal move with ILLEGAL_TRANSITION and a readable message', () => {
    let error: unknown;
    try {
      transition({ status: 'completed' }, 'cancelled', { role: 'customer', id: 'u1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('ILLEGAL_TRANSITION');
    expect((error as DomainError).message).toBe(
      '订单不能从「已完成」变为「已取消」(completed → cancelled is not allowed for customer)',
    );
  });

  it('refuses a customer accepting their own order and staff marking an order paid', () => {
    expect(() =>
      transition({ status: 'paid' }, 'accepted', { role: 'customer', id: 'u1' }),
    ).toThrow(DomainError);
    expect(() =>
      transition({ status: 'pending_payment' }, 'paid', { role: 'staff', id: 's1' }),
    ).toThrow(/ILLEGAL|不能/);
  });

  it('refuses unknown statuses from stored data', () => {
    const bogus = { status: 'shipped' as OrderStatus };
    expect(() => transition(bogus, 'paid', { role: 'system', id: 'x' })).toThrow(/shipped/);
    expect(() =>
      transition({ status: 'paid' }, 'gone' as OrderStatus, { role: 'staff', id: 'x' }),
    ).toThrow(DomainError);
  });

  it('lists the next statuses per role for the UI', () => {
    expect(nextStatuses('paid', 'staff')).toEqual(['accepted', 'refunding']);
    expect(nextStatuses('paid', 'customer')).toEqual(['refunding']);
    expect(nextStatuses('pending_payment', 'customer')).toEqual(['cancelled']);
    expect(nextStatuses('completed', 'owner')).toEqual([]);
  });

  it('knows the final statuses', () => {
    expect(ORDER_STATUSES.filter(isFinalStatus)).toEqual(['completed', 'refunded']);
  });

  it('has a Chinese label for every status and recognises statuses', () => {
    for (const status of ORDER_STATUSES) {
      expect(ORDER_STATUS_LABELS[status]).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(isOrderStatus(status)).toBe(true);
    }
    expect(isOrderStatus('PAID')).toBe(false);
    expect(isOrderStatus(undefined)).toBe(false);
  });

  it('never loses a payment: once paid, an order ends completed or refunded (random walks)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let walk = 0; walk < 500; walk += 1) {
      let status: OrderStatus = 'pending_payment';
      let paid = false;
      while (!isFinalStatus(status) && !(status === 'cancelled' && !paid)) {
        const moves = ROLES.flatMap((role) =>
          nextStatuses(status, role).map((to) => ({ to, role })),
        );
        const move = moves[Math.floor(random() * moves.length)];
        status = transition({ status }, move.to, { role: move.role, id: 'walker' }).status;
        paid ||= status === 'paid';
      }
      expect(paid ? ['completed', 'refunded'] : ['cancelled']).toContain(status);
    }
  });
});
