// Small helpers over the database client: typed reads that return plain documents, and paging
// past the per-request limit.

import type { Database } from './cloud';
import type { CollectionName } from './collections';

/** A collection or a filtered query over one. */
type Query = ReturnType<ReturnType<Database['collection']>['where']>;

/** The server may read up to 1000 per request; older environments cap at 100, so page by 100. */
const PAGE_SIZE = 100;

/**
 * The documents one request returns. The SDK types get() as `Promise | void | string` for its
 * callback form; the promise form always resolves to `{ data }`.
 */
export async function fetchDocs<T>(query: Query): Promise<T[]> {
  const result = (await query.get()) as unknown as { data: T[] };
  return result.data;
}

/** Every document `query` matches, read page by page. */
export async function readAll<T>(query: Query): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; ; skip += PAGE_SIZE) {
    const page = await fetchDocs<T>(query.skip(skip).limit(PAGE_SIZE));
    all.push(...page);
    if (page.length < PAGE_SIZE) return all;
  }
}

/**
 * The document with `_id`, or null. A where() query instead of doc().get(), because the latter
 * throws on a missing id and that would look like a server failure.
 */
export async function findById<T>(
  db: Database,
  collection: CollectionName,
  id: string,
): Promise<T | null> {
  const [doc] = await fetchDocs<T>(db.collection(collection).where({ _id: id }).limit(1));
  return doc ?? null;
}

/** The first document matching `condition`, or null. */
export async function findOne<T>(
  db: Database,
  collection: CollectionName,
  condition: Record<string, unknown>,
): Promise<T | null> {
  const [doc] = await fetchDocs<T>(db.collection(collection).where(condition).limit(1));
  return doc ?? null;
}

interface ReturningQuery {
  updateAndReturn?(data: Record<string, unknown>): Promise<{
    code?: string;
    message?: string;
    doc?: unknown;
  }>;
}

/** The @cloudbase/node-sdk database that wx-server-sdk's `database()` wraps (its `_db`). */
interface NodeSdkDatabase {
  collection(name: string): { where(condition: Record<string, unknown>): ReturningQuery };
}

export type UpdateAndReturn = <T>(
  collection: CollectionName,
  condition: Record<string, unknown>,
  data: Record<string, unknown>,
) => Promise<T | null>;

/**
 * A find-and-modify in one operation: `where(condition).updateAndReturn(data)` updates the first
 * document matching `condition` and answers it as now stored (null when none matches) — the
 * backend's database.modifyAndReturnDoc, which @cloudbase/node-sdk has had since 2.3.0.
 * wx-server-sdk's own query does not pass updateAndReturn through, so it is called on the
 * node-sdk database under it; null when that is not there (callers then read and write apart).
 * Takes the same update commands (`db.command`, which is node-sdk's) as update().
 */
export function updateAndReturn(db: Database): UpdateAndReturn | null {
  const raw = (db as unknown as { _db?: NodeSdkDatabase })._db;
  if (typeof raw?.collection !== 'function') return null;
  if (typeof raw.collection('_').where({}).updateAndReturn !== 'function') return null;
  return async <T>(
    collection: CollectionName,
    condition: Record<string, unknown>,
    data: Record<string, unknown>,
  ) => {
    const result = await raw.collection(collection).where(condition).updateAndReturn!(data);
    if (result.code) throw new Error(`updateAndReturn: ${result.code} ${result.message ?? ''}`);
    return (result.doc ?? null) as T | null;
  };
}
