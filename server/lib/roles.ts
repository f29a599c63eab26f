// Roles, weakest first. A caller holding a role may run any action that needs that role or a
// weaker one: an owner may do what a manager may, a manager what staff may, staff what
// customers may. Staff roles are per store and live in the `staff` collection; the role always
// comes from the database by the caller's OPENID, never from request data.

import { DomainError } from '../../miniprogram/domain/errors';
import type { StaffRole } from '../../miniprogram/domain/staff';
import { getDb } from './cloud';
import type { Identity } from './identity';
import { membershipsOf } from './staff/members';

export const ROLES = ['anyone', 'customer', 'staff', 'manager', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function satisfies(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}

function strongest(roles: Role[]): Role {
  return roles.reduce<Role>((best, role) => (satisfies(role, best) ? role : best), 'customer');
}

/**
 * The caller's strongest role in any store: the dispatcher's first gate. Each staff action then
 * checks the role in the store it acts on (`requireStoreRole`).
 */
export async function lookupRole(identity: Identity): Promise<Role> {
  if (!identity.openid) return 'anyone';
  const memberships = await membershipsOf(getDb(), identity.openid);
  return strongest(memberships.map((membership) => membership.role));
}

/** The caller's role in `storeId`: 'customer' when they are not staff there. */
export async function storeRole(openid: string, storeId: string): Promise<Role> {
  if (!openid) return 'anyone';
  const memberships = await membershipsOf(getDb(), openid);
  return strongest(memberships.filter((m) => m.storeId === storeId).map((m) => m.role));
}

const ROLE_NAMES: Partial<Record<Role, string>> = { staff: '店员', manager: '店长', owner: '店主' };

/** Throws FORBIDDEN unless the caller holds `required` (or stronger) in `storeId`. */
export async function requireStoreRole(
  openid: string,
  storeId: string,
  required: StaffRole,
): Promise<StaffRole> {
  const role = await storeRole(openid, storeId);
  if (!satisfies(role, required)) {
    throw new DomainError(
      'FORBIDDEN',
      `需要该门店的${ROLE_NAMES[required]}权限 (store "${storeId}" needs ${required})`,
    );
  }
  return role as StaffRole;
}
