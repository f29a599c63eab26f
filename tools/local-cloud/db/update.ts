// Update operators ($set, $inc, $push with $each/$position/$slice/$sort, $pull, ...) are applied
// by mingo's updater on a copy, so a failing update leaves the stored document untouched.
import { CloudError } from '../errors';
import { isPlainObject } from './ejson';
import { update as applyModifier } from './mingo-options';
import type { Doc } from './types';

/**
 * `merge: true` (update) applies operators; a plain object is treated as $set, as the SDK does.
 * `merge: false` (set) replaces the whole document but keeps its _id.
 */
export function applyUpdate(doc: Doc, data: unknown, merge: boolean): Doc {
  if (!isPlainObject(data)) throw new CloudError('INVALID_PARAM', 'update data must be an object');
  if (!merge) {
    if (Object.keys(data).some((key) => key.startsWith('$'))) {
      throw new CloudError('DATABASE_REQUEST_FAILED', 'set() cannot use update operators');
    }
    return { ...structuredClone(data), _id: doc._id };
  }
  const modifier = toModifier(data);
  if (Object.values(modifier).some((fields) => isPlainObject(fields) && '_id' in fields)) {
    throw new CloudError('INVALID_PARAM', 'cannot update _id');
  }
  const next = structuredClone(doc);
  try {
    applyModifier(next, modifier);
  } catch (error) {
    throw new CloudError('DATABASE_INVALID_OPERRATOR', (error as Error).message);
  }
  return next;
}

function toModifier(data: Record<string, unknown>): Record<string, unknown> {
  const operators = Object.keys(data).filter((key) => key.startsWith('$'));
  if (operators.length === 0) return { $set: data };
  if (operators.length !== Object.keys(data).length) {
    throw new CloudError('INVALID_PARAM', 'update mixes operators and plain fields');
  }
  return data;
}

export function sameDocument(a: Doc, b: Doc): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
