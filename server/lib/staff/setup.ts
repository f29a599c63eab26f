// The first owner. At deploy time `tools/staff/owner-code.ts` writes a one-time setup code
// (hashed) into `setup`; the first person to send it with `staff.claimOwner` becomes owner of
// the stores it names. The claim is a conditional update, so of two racing claims one wins.
// Wrong codes are counted per caller (`failuresBy`): a caller with MAX_SETUP_ATTEMPTS wrong
// tries is locked out, everyone else (the real owner) is not. A global count would let anyone
// lock the owner out with 10 junk codes.

import { createHash, randomBytes } from 'crypto';
import { DomainError } from '../../../miniprogram/domain/errors';
import type { Database } from '../cloud';
import { findById } from '../db';
import { updatedCount } from '../orders/updates';
import { generateCode, hashCode, sameHash } from './codes';
import { putMember } from './members';
import { COLLECTIONS } from '../collections';

const SETUP_DOC_ID = 'first-owner';
/** Wrong guesses after which the code stops working for that caller (others may still use it). */
const MAX_SETUP_ATTEMPTS = 10;
const DEFAULT_TTL_HOURS = 72;

interface SetupRecord {
  _id: string;
  codeHash: string;
  salt: string;
  storeIds: string[];
  createdAt: number;
  expiresAt: number;
  /** Wrong tries by everyone (information only; the lockout is per caller). */
  failedAttempts: number;
  /** Wrong tries per caller: key = failureKey(openid). Missing on records made before it. */
  failuresBy?: Record<string, number>;
  claimedBy: string;
  claimedAt?: number;
}

interface SetupCodeOptions {
  storeIds: string[];
  /** Chosen by the caller (tests); random otherwise. */
  code?: string;
  ttlHours?: number;
  /** Replace a code that was already claimed (a new first owner). */
  force?: boolean;
  now?: Date;
}

export async function createSetupCode(
  db: Database,
  options: SetupCodeOptions,
): Promise<{ code: string; expiresAt: number; storeIds: string[] }> {
  if (options.storeIds.length === 0) throw new Error('no stores to hand to the first owner');
  const existing = await findById<SetupRecord>(db, COLLECTIONS.setup, SETUP_DOC_ID);
  if (existing?.claimedBy && !options.force) {
    throw new Error(`the first owner was already claimed (${existing.claimedBy}); use --force`);
  }
  const now = (options.now ?? new Date()).getTime();
  const code = options.code ?? generateCode();
  const salt = randomBytes(16).toString('hex');
  const expiresAt = now + (options.ttlHours ?? DEFAULT_TTL_HOURS) * 3_600_000;
  const record: Omit<SetupRecord, '_id'> = {
    codeHash: hashCode(code, salt),
    salt,
    storeIds: options.storeIds,
    createdAt: now,
    expiresAt,
    failedAttempts: 0,
    failuresBy: {},
    claimedBy: '',
  };
  await db.collection(COLLECTIONS.setup).doc(SETUP_DOC_ID).set({ data: record });
  return { code, expiresAt, storeIds: options.storeIds };
}

/** A field-name-safe key for a caller (openids are not guaranteed free of '.' or '$'). */
function failureKey(openid: string): string {
  return createHash('sha256').update(openid).digest('hex').slice(0, 32);
}

const invalidCode = () =>
  new DomainError('INVALID_CODE', '设置码无效、已过期或已被使用 (setup code not accepted)');

/** Makes `openid` owner of the setup code's stores; INVALID_CODE for any refusal. */
export async function claimOwner(
  db: Database,
  openid: string,
  code: string,
  now: Date = new Date(),
): Promise<string[]> {
  const setup = await findById<SetupRecord>(db, COLLECTIONS.setup, SETUP_DOC_ID);
  const key = failureKey(openid);
  const usable =
    setup &&
    !setup.claimedBy &&
    setup.expiresAt > now.getTime() &&
    (setup.failuresBy?.[key] ?? 0) < MAX_SETUP_ATTEMPTS; // only this caller's failures count
  if (!usable) throw invalidCode();
  const _ = db.command;
  if (!sameHash(hashCode(code, setup.salt), setup.codeHash)) {
    await db
      .collection(COLLECTIONS.setup)
      .doc(SETUP_DOC_ID)
      .update({ data: { failedAttempts: _.inc(1), [`failuresBy.${key}`]: _.inc(1) } });
    throw invalidCode();
  }
  const claimed = await db
    .collection(COLLECTIONS.setup)
    .where({ _id: SETUP_DOC_ID, claimedBy: '', codeHash: setup.codeHash })
    .update({ data: { claimedBy: openid, claimedAt: now.getTime() } });
  if (updatedCount(claimed) !== 1) throw invalidCode();
  for (const storeId of setup.storeIds) {
    await putMember(db, { storeId, openid, role: 'owner', name: '', addedBy: 'setup' }, now);
  }
  return setup.storeIds;
}
