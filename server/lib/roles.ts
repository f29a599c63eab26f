// Roles, weakest first. A caller holding a role may run any action that needs that role or a
// weaker one: an owner may do what staff may, staff what customers may.

import type { Identity } from './identity';

export const ROLES = ['anyone', 'customer', 'staff', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function satisfies(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}

/**
 * The strongest role of a caller. Any WeChat user with an openid is a customer; staff and owner
 * come from the staff records that the staff-console issue adds (it replaces this lookup).
 */
export async function lookupRole(identity: Identity): Promise<Role> {
  return identity.openid ? 'customer' : 'anyone';
}
