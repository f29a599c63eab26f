// The server names every collection once (server/lib/collections.ts); database/ must list exactly
// those, with indexes and security rules only for known collections and rules for every one.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { COLLECTIONS } from '../../server/lib/collections';
import { DATABASE_DIR } from '../../tools/seed/database';

const named = Object.values(COLLECTIONS).sort();
const readJson = (file: string) => JSON.parse(readFileSync(join(DATABASE_DIR, file), 'utf8'));

it('names each collection once', () => {
  expect(new Set(named).size).toBe(named.length);
});

it('matches database/collections.json', () => {
  const listed = (readJson('collections.json').collections as Array<{ name: string }>)
    .map((c) => c.name)
    .sort();
  expect(listed).toEqual(named);
});

it('indexes.json indexes only known collections', () => {
  const indexed = Object.keys(readJson('indexes.json')).filter((key) => !key.startsWith('$'));
  expect(indexed.filter((name) => !named.includes(name as never))).toEqual([]);
});

it('every collection has rules, and rules/ holds no others', () => {
  const ruled = readdirSync(join(DATABASE_DIR, 'rules'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''))
    .sort();
  expect(ruled).toEqual(named);
});
