// The caller's own stores (staff.me), asked from the main package (the me tab's console entry).
// Everything else the console calls is in the staff subpackage (packages/staff/services).
import type { Membership } from '../domain/staff';
import { callApi } from './api';

/** The caller's stores and roles; empty for everybody who is not staff. */
export async function myStaffStores(): Promise<Membership[]> {
  return (await callApi('staff.me', {})).stores;
}
