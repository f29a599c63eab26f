// Staff records: one document per (store, openid), `_id` = `<storeId>:<openid>`, so adding the
// same person twice rewrites one record instead of making a second one.

import type { StaffMember } from '../../../miniprogram/domain/staff';
import type { StaffRole } from '../../../miniprogram/domain/roles';
import type { Database } from '../cloud';
import { fetchDocs } from '../db';
import { COLLECTIONS } from '../collections';

interface StaffRecord {
  _id: string;
  storeId: string;
  openid: string;
  role: StaffRole;
  name?: string;
  createdAt: number;
  addedBy: string;
}

/** A person is staff of at most a handful of stores; 100 is far above any real chain. */
const MAX_MEMBERSHIPS = 100;

const memberId = (storeId: string, openid: string): string => `${storeId}:${openid}`;

export function membershipsOf(db: Database, openid: string): Promise<StaffRecord[]> {
  return fetchDocs<StaffRecord>(
    db.collection(COLLECTIONS.staff).where({ openid }).limit(MAX_MEMBERSHIPS),
  );
}

export async function listMembers(db: Database, storeId: string): Promise<StaffMember[]> {
  const records = await fetchDocs<StaffRecord>(
    db.collection(COLLECTIONS.staff).where({ storeId }).orderBy('createdAt', 'asc').limit(1000),
  );
  return records.map(({ openid, role, name, createdAt }) => ({
    openid,
    role,
    name: name ?? '',
    createdAt,
  }));
}

/** Adds (or re-roles) a member. `set` on the fixed id keeps one record per person per store. */
export async function putMember(
  db: Database,
  member: Omit<StaffRecord, '_id' | 'createdAt'>,
  now: Date = new Date(),
): Promise<void> {
  const { storeId, openid, role, addedBy } = member;
  await db
    .collection(COLLECTIONS.staff)
    .doc(memberId(storeId, openid))
    .set({
      data: { storeId, openid, role, name: member.name ?? '', addedBy, createdAt: now.getTime() },
    });
}

export async function removeMember(
  db: Database,
  storeId: string,
  openid: string,
): Promise<boolean> {
  const result = (await db
    .collection(COLLECTIONS.staff)
    .where({ _id: memberId(storeId, openid) })
    .remove()) as unknown as { stats?: { removed?: number } };
  return (result.stats?.removed ?? 0) > 0;
}
