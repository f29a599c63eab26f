// What an import would do: each document added, replaced or unchanged (compared by _id with
// what the target holds), and the catalogVersion of every store whose catalog changes, so the
// customers' cached menus refresh. Pure: the target's documents are passed in.
// A document already there keeps every field the file leaves out — live stock, sold-out
// switches, a store's notice and pause — so importing an edited file again changes only what it
// says. A new goods item gets GOODS_DEFAULTS for what it leaves out.
import {
  CATALOG_COLLECTIONS,
  type CatalogCollection,
  type Doc,
  GOODS_DEFAULTS,
  type StoreData,
} from './validate';

export type Change = 'added' | 'replaced' | 'unchanged';

export interface PlannedDoc {
  collection: CatalogCollection;
  _id: string;
  change: Change;
  /** What `doc(_id).set` writes (the document without _id). */
  data: Record<string, unknown>;
}

export interface VersionBump {
  storeId: string;
  from: number;
  to: number;
  /** The store document is not in the file or unchanged: only its catalogVersion is updated. */
  updateOnly: boolean;
}

export interface ImportPlan {
  docs: PlannedDoc[];
  bumps: VersionBump[];
}

/** Documents the target holds, by collection and _id. */
export type Existing = Record<CatalogCollection, ReadonlyMap<string, Doc>>;

export function planImport(data: StoreData, existing: Existing): ImportPlan {
  const docs: PlannedDoc[] = [];
  const touched = new Set<string>();
  for (const collection of CATALOG_COLLECTIONS) {
    for (const doc of data[collection]) {
      const { _id, ...given } = doc;
      const before = existing[collection].get(_id);
      const fields = before
        ? { ...withoutId(before), ...given }
        : collection === 'goods'
          ? { ...structuredClone(GOODS_DEFAULTS), ...given }
          : given;
      const change = compare(collection, fields, before);
      docs.push({ collection, _id, change, data: fields });
      if (change !== 'unchanged') {
        touched.add(collection === 'stores' ? _id : String(doc.storeId));
        // A goods item or table moved to another store changes the old store's catalog too.
        if (collection !== 'stores' && before && typeof before.storeId === 'string') {
          touched.add(before.storeId);
        }
      }
    }
  }

  const bumps: VersionBump[] = [];
  for (const storeId of touched) {
    const planned = docs.find((doc) => doc.collection === 'stores' && doc._id === storeId);
    const current = existing.stores.get(storeId);
    if (!current) {
      // A new store starts at the file's version (or 1); there is no cached menu to refresh.
      if (planned) planned.data.catalogVersion = versionOf(planned.data) || 1;
      continue;
    }
    const from = versionOf(current);
    const to = Math.max(from, planned ? versionOf(planned.data) : 0) + 1;
    bumps.push({ storeId, from, to, updateOnly: !planned || planned.change === 'unchanged' });
    if (planned) planned.data.catalogVersion = to;
  }
  return { docs, bumps };
}

export function countChanges(plan: ImportPlan): Record<CatalogCollection, Record<Change, number>> {
  const counts = Object.fromEntries(
    CATALOG_COLLECTIONS.map((c) => [c, { added: 0, replaced: 0, unchanged: 0 }]),
  ) as Record<CatalogCollection, Record<Change, number>>;
  for (const doc of plan.docs) counts[doc.collection][doc.change] += 1;
  return counts;
}

function versionOf(doc: Record<string, unknown>): number {
  return Number.isSafeInteger(doc.catalogVersion) ? (doc.catalogVersion as number) : 0;
}

function withoutId(doc: Doc): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => key !== '_id'));
}

function compare(
  collection: CatalogCollection,
  fields: Record<string, unknown>,
  before: Doc | undefined,
): Change {
  if (!before) return 'added';
  // A store's catalogVersion is ours to bump, not part of what the owner edits.
  const ignored = collection === 'stores' ? ['_id', 'catalogVersion'] : ['_id'];
  const strip = (doc: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(doc).filter(([key]) => !ignored.includes(key)));
  return sameValue(strip(fields), strip(before)) ? 'unchanged' : 'replaced';
}

/** Deep equality of JSON values; key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  a = plain(a);
  b = plain(b);
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameValue(item, b[i]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** SDK values (a Geo point read back) as the JSON they stand for. */
function plain(value: unknown): unknown {
  if (
    value &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return (value as { toJSON(): unknown }).toJSON();
  }
  return value;
}
