// The setup plan: the difference between database/*.json and what a target reports. Pure, so a
// dry run and a real run print the same thing, and a second run plans nothing.
// Only adds and corrects what the repo defines: indexes and collections the repo does not know
// are reported and left alone (dropping data or an index someone relies on is a human decision).
import type { CollectionSpec } from '../../seed/database';
import type { ExistingCollection, IndexSpec, SecurityRule } from './target';

export type SetupStep =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: IndexSpec; replacing: boolean }
  | { kind: 'setRules'; collection: string; rules: SecurityRule; previous: SecurityRule | null };

export interface SetupPlan {
  steps: SetupStep[];
  /** What already matches, counted for the summary. */
  unchanged: { collections: number; indexes: number; rules: number };
  /** "collection.index" found on the target but not in database/indexes.json. */
  unmanagedIndexes: string[];
}

export function planSetup(desired: CollectionSpec[], existing: ExistingCollection[]): SetupPlan {
  const byName = new Map(existing.map((collection) => [collection.name, collection]));
  const plan: SetupPlan = {
    steps: [],
    unchanged: { collections: 0, indexes: 0, rules: 0 },
    unmanagedIndexes: [],
  };
  for (const spec of desired) {
    const current = byName.get(spec.name);
    if (current) plan.unchanged.collections++;
    else plan.steps.push({ kind: 'createCollection', collection: spec.name });

    for (const index of spec.indexes) {
      const same = current?.indexes.find((candidate) => candidate.name === index.name);
      if (same && sameIndex(same, index)) plan.unchanged.indexes++;
      else
        plan.steps.push({ kind: 'createIndex', collection: spec.name, index, replacing: !!same });
    }
    for (const index of current?.indexes ?? []) {
      if (!spec.indexes.some((wanted) => wanted.name === index.name) && !isIdIndex(index)) {
        plan.unmanagedIndexes.push(`${spec.name}.${index.name}`);
      }
    }

    const previous = current?.rules ?? null;
    if (previous && sameRules(previous, spec.rules)) plan.unchanged.rules++;
    else plan.steps.push({ kind: 'setRules', collection: spec.name, rules: spec.rules, previous });
  }
  return plan;
}

export function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  return (
    Boolean(a.unique) === Boolean(b.unique) &&
    a.keys.length === b.keys.length &&
    a.keys.every(
      (key, i) =>
        key.field === b.keys[i].field && String(key.direction) === String(b.keys[i].direction),
    )
  );
}

export function sameRules(a: SecurityRule, b: SecurityRule): boolean {
  const norm = (value: boolean | string): string =>
    typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : String(value);
  return norm(a.read) === norm(b.read) && norm(a.write) === norm(b.write);
}

/** Every collection has the built-in `_id` index, which the repo never lists. */
function isIdIndex(index: IndexSpec): boolean {
  return index.name === '_id_' || (index.keys.length === 1 && index.keys[0].field === '_id');
}
