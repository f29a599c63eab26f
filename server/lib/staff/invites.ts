// Staff invites: an owner creates a short-lived one-time code (and a QR code of it); whoever
// sends it with `staff.join` becomes staff (or manager) of that store. Stored by the code's hash.

import { DomainError } from '../../../miniprogram/domain/errors';
import { satisfies, type StaffRole } from '../../../miniprogram/domain/roles';
import type { Database } from '../cloud';
import { findById } from '../db';
import { updatedCount } from '../orders/updates';
import { generateCode, hashCode } from './codes';
import { membershipsOf, putMember } from './members';
import { COLLECTIONS } from '../collections';

const INVITE_TTL_MINUTES = 30;
// Invite codes are short-lived and random; one fixed salt keeps them out of the database.
const INVITE_SALT = 'storefront-staff-invite';

interface InviteRecord {
  _id: string;
  storeId: string;
  role: 'staff' | 'manager';
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string;
}

export async function createInvite(
  db: Database,
  invite: { storeId: string; role: 'staff' | 'manager'; createdBy: string },
  now: Date = new Date(),
): Promise<{ code: string; expiresAt: number }> {
  const code = generateCode();
  const expiresAt = now.getTime() + INVITE_TTL_MINUTES * 60_000;
  await db
    .collection(COLLECTIONS.staffInvites)
    .doc(hashCode(code, INVITE_SALT))
    .set({ data: { ...invite, createdAt: now.getTime(), expiresAt, usedBy: '' } });
  return { code, expiresAt };
}

const invalidInvite = () =>
  new DomainError('INVALID_CODE', '邀请码无效、已过期或已被使用 (invite code not accepted)');

/** Uses an invite once; a member who already holds a stronger role there keeps it. */
export async function joinWithInvite(
  db: Database,
  who: { openid: string; name?: string },
  code: string,
  now: Date = new Date(),
): Promise<{ storeId: string; role: StaffRole }> {
  const id = hashCode(code, INVITE_SALT);
  const invite = await findById<InviteRecord>(db, COLLECTIONS.staffInvites, id);
  if (!invite || invite.usedBy || invite.expiresAt <= now.getTime()) throw invalidInvite();
  const used = await db
    .collection(COLLECTIONS.staffInvites)
    .where({ _id: id, usedBy: '' })
    .update({ data: { usedBy: who.openid, usedAt: now.getTime() } });
  if (updatedCount(used) !== 1) throw invalidInvite();
  const current = (await membershipsOf(db, who.openid)).find((m) => m.storeId === invite.storeId);
  if (current && satisfies(current.role, invite.role)) {
    return { storeId: invite.storeId, role: current.role };
  }
  await putMember(
    db,
    {
      storeId: invite.storeId,
      openid: who.openid,
      role: invite.role,
      name: who.name ?? '',
      addedBy: invite.createdBy,
    },
    now,
  );
  return { storeId: invite.storeId, role: invite.role };
}
