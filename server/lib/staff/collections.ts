// Collection names of the staff console (see docs/DATA.md).

export const STAFF_COLLECTIONS = {
  staff: 'staff',
  setup: 'setup',
  invites: 'staffInvites',
} as const;
