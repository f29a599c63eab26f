// Typed access to database/*.json (collections, indexes, security rules), for the deploy step
// and the local cloud: they create the collections, indexes and rules from the same files.

import { readFileSync } from 'fs';
import { join } from 'path';

export interface IndexKey {
  field: string;
  direction: 1 | -1 | '2dsphere';
}

export interface IndexSpec {
  name: string;
  keys: IndexKey[];
  unique?: boolean;
}

/** CloudBase security rule: `true`/`false` or an expression over auth, doc and get(). */
export interface SecurityRule {
  read: boolean | string;
  write: boolean | string;
}

export interface CollectionSpec {
  name: string;
  description: string;
  indexes: IndexSpec[];
  rules: SecurityRule;
}

export const DATABASE_DIR = join(__dirname, '..', '..', 'database');

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Every collection with its indexes and rules; throws when a collection has no rules file. */
export function loadDatabaseSpec(dir: string = DATABASE_DIR): CollectionSpec[] {
  const { collections } = readJson<{ collections: Array<{ name: string; description: string }> }>(
    join(dir, 'collections.json'),
  );
  const indexes = readJson<Record<string, IndexSpec[]>>(join(dir, 'indexes.json'));
  return collections.map(({ name, description }) => ({
    name,
    description,
    indexes: indexes[name] ?? [],
    rules: readJson<SecurityRule>(join(dir, 'rules', `${name}.json`)),
  }));
}
