// THE role vocabulary, shared by the pages and the server. People's roles form one ladder,
// weakest first: anyone (no WeChat identity) < customer (any caller with an OPENID) < staff <
// manager < owner. The last three are held per store (the `staff` collection). A role may do
// whatever a weaker one may. `system` is the platform acting on its own (the pay and refund
// callbacks, the expiry timer): on no ladder, it appears only in an order's status log.

export const ROLES = ['anyone', 'customer', 'staff', 'manager', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** The roles held in one store, weakest first. */
export const STAFF_ROLES = ['staff', 'manager', 'owner'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who moved an order, as its status log records it: the caller's own role, or the system. */
export type ActorRole = Exclude<Role, 'anyone'> | 'system';

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  staff: '店员',
  manager: '店长',
  owner: '店主',
};

/** True when a caller holding `held` may do what needs `required`. */
export function satisfies(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}
