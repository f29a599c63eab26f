// Who may do what. The roles are miniprogram/domain/roles.ts (one ladder, weakest first: anyone <
// customer < staff < manager < owner); the role each action needs is the action table
// (server/functions/api/actions/index.ts), the order moves each role may make the status
// machine (miniprogram/domain/order-status.ts). Store roles live in the `staff` collection and
// always come from the database by the caller's OPENID, never from request data: the dispatcher
// reads them once per call and hands them to the action in its caller.

import { DomainError } from '../../miniprogram/domain/errors';
import {
  satisfies,
  STAFF_ROLE_LABELS,
  type Role,
  type StaffRole,
} from '../../miniprogram/domain/roles';
import { getDb } from './cloud';
import type { Identity } from './identity';
import { membershipsOf } from './staff/members';

/** The caller's role in each store they work in (none for customers). */
export type StoreRoles = ReadonlyMap<string, StaffRole>;

/** One read of the caller's memberships, for an action that needs staff or more. */
export async function lookupStoreRoles(identity: Identity): Promise<StoreRoles> {
  if (!identity.openid) return new Map();
  const memberships = await membershipsOf(getDb(), identity.openid);
  return new Map(memberships.map((membership) => [membership.storeId, membership.role]));
}

/**
 * The caller's strongest role in any store, 'customer' when none: the dispatcher's first gate.
 * Each staff action then checks the role in the store it acts on (`requireStoreRole`).
 */
export function strongestRole(storeRoles: StoreRoles): Role {
  let best: Role = 'customer';
  for (const role of storeRoles.values()) if (satisfies(role, best)) best = role;
  return best;
}

/** The caller's role in `storeId`; FORBIDDEN unless it is `required` or stronger. */
export function requireStoreRole(
  storeRoles: StoreRoles,
  storeId: string,
  required: StaffRole,
): StaffRole {
  const role = storeRoles.get(storeId);
  if (!role || !satisfies(role, required)) {
    throw new DomainError(
      'FORBIDDEN',
      `需要该门店的${STAFF_ROLE_LABELS[required]}权限 (store "${storeId}" needs ${required})`,
    );
  }
  return role;
}
