// The stores the caller works at (staff.me), for the me tab's console entry and the console's
// pages (what only a manager may change is hidden from plain staff; the server decides).
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { Membership } from '../domain/staff';
import { satisfies, type StaffRole } from '../domain/roles';
import { myStaffStores } from '../services/memberships';

export class MembershipStore {
  stores: Membership[] = [];

  constructor() {
    makeAutoObservable(this);
  }

  /** Asks again; a failure keeps what was known (not knowing is the same as not being staff). */
  async load(): Promise<void> {
    try {
      const stores = await myStaffStores();
      runInAction(() => (this.stores = stores));
    } catch {
      // The entry stays as it was; the server still refuses what the caller may not do.
    }
  }

  /** Joined or claimed a store just now: the answer lists the caller's stores. */
  set(stores: Membership[]): void {
    this.stores = stores;
  }

  roleAt(storeId: string): StaffRole | null {
    return this.stores.find((store) => store.storeId === storeId)?.role ?? null;
  }

  /** Whether the caller manages `storeId` (manager or owner); plain staff see less. */
  manages(storeId: string): boolean {
    const role = this.roleAt(storeId);
    return role !== null && satisfies(role, 'manager');
  }
}

export const memberships = new MembershipStore();
