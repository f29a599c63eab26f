// Who is staff: the caller's own stores, the first owner's claim, invites, joining, removal.

import { DomainError } from '../../../../miniprogram/domain/errors';
import { PAGES } from '../../../../miniprogram/domain/routes';
import {
  type CodeRequest,
  type StaffInviteRequest,
  type StaffInviteResponse,
  type StaffJoinRequest,
  type StaffListResponse,
  type StaffMeResponse,
  type StaffRemoveRequest,
  type StoreRef,
} from '../../../../miniprogram/domain/staff';
import { getDb, type Database } from '../../../lib/cloud';
import { findById } from '../../../lib/db';
import type { ActionSpec } from '../../../lib/dispatch';
import { createInvite, joinWithInvite } from '../../../lib/staff/invites';
import { listMembers, membershipsOf, removeMember } from '../../../lib/staff/members';
import { claimOwner } from '../../../lib/staff/setup';
import { miniProgramCode } from '../../../lib/staff/wxacode';
import { storeAction } from './staff-access';
import {
  codeInput,
  emptyInput,
  inviteInput,
  joinInput,
  removeInput,
  storeInput,
} from './staff-schemas';
import { COLLECTIONS } from '../../../lib/collections';

async function myStores(db: Database, openid: string): Promise<StaffMeResponse> {
  const memberships = await membershipsOf(db, openid);
  const stores = await Promise.all(
    memberships.map(async ({ storeId, role }) => {
      const store = await findById<{ name: string }>(db, COLLECTIONS.stores, storeId);
      return { storeId, storeName: store?.name ?? storeId, role };
    }),
  );
  return { stores: stores.sort((a, b) => (a.storeId < b.storeId ? -1 : 1)) };
}

export const staffMe: ActionSpec<Record<string, never>, StaffMeResponse> = {
  input: emptyInput,
  role: 'customer',
  handler: (_input, caller) => myStores(getDb(), caller.openid),
};

export const staffClaimOwner: ActionSpec<CodeRequest, StaffMeResponse> = {
  input: codeInput,
  role: 'customer',
  async handler({ code }, caller) {
    const db = getDb();
    await claimOwner(db, caller.openid, code);
    return myStores(db, caller.openid);
  },
};

export const staffInvite = storeAction<StaffInviteRequest, StaffInviteResponse>({
  input: inviteInput,
  role: 'owner',
  async handler({ storeId, role }, { db, caller }) {
    const invite = await createInvite(db, { storeId, role, createdBy: caller.openid });
    // The code is the scene: scanning it opens the join page with the code filled in.
    return { ...invite, qrcode: await miniProgramCode(invite.code, PAGES.staffJoin) };
  },
});

export const staffJoin: ActionSpec<StaffJoinRequest, StaffMeResponse> = {
  input: joinInput,
  role: 'customer',
  async handler({ code, name }, caller) {
    const db = getDb();
    await joinWithInvite(db, { openid: caller.openid, name }, code);
    return myStores(db, caller.openid);
  },
};

export const staffList = storeAction<StoreRef, StaffListResponse>({
  input: storeInput,
  role: 'manager',
  async handler({ storeId }, { db }) {
    return { members: await listMembers(db, storeId) };
  },
});

export const staffRemove = storeAction<StaffRemoveRequest, StaffListResponse>({
  input: removeInput,
  role: 'owner',
  async handler({ storeId, openid }, { db, caller }) {
    // An owner cannot remove themselves: a store must never be left without one.
    if (openid === caller.openid) {
      throw new DomainError('INVALID_INPUT', '不能移除自己 (an owner cannot remove themselves)');
    }
    if (!(await removeMember(db, storeId, openid))) {
      throw new DomainError('NOT_FOUND', `该门店没有这位店员 (staff "${openid}")`);
    }
    return { members: await listMembers(db, storeId) };
  },
});
