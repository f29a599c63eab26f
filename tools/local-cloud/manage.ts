// The management API of the local cloud: what the CloudBase console / manager API does for a real
// environment (create collections, indexes, security rules), so `npm run setup -- --target local`
// applies database/*.json here exactly as it does in the cloud.
//
//   GET  /manage/collections                      [{name}]  (registered or holding documents)
//   POST /manage/collections           {name}     create; {created:false} when it already exists
//   GET  /manage/collections/<name>/indexes       [{name, keys:[{field, direction}], unique}]
//   POST /manage/collections/<name>/indexes  spec create, or replace the index of that name
//   GET  /manage/collections/<name>/rules         {read, write} or null when never set
//   POST /manage/collections/<name>/rules {read, write}
//
// The definitions are bookkeeping: queries do not use indexes (mingo scans) and rules are not
// enforced (cloud functions bypass them anyway). They live in the internal collection
// `__local_manage`, one document per collection, so they are as durable as any write.
// Reading or writing data in a collection nobody created still works (missing = empty), as before.
import type { Database } from './db/database';
import { CloudError } from './errors';

export const MANAGE_COLLECTION = '__local_manage';
const INTERNAL_PREFIX = '__local_';
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

export type IndexDirection = 1 | -1 | '2dsphere';

export interface ManagedIndex {
  name: string;
  keys: Array<{ field: string; direction: IndexDirection }>;
  unique: boolean;
}

export interface ManagedRules {
  read: boolean | string;
  write: boolean | string;
}

interface ManageRecord {
  _id: string;
  createdAt: Date;
  indexes: ManagedIndex[];
  rules: ManagedRules | null;
}

export class CollectionManager {
  constructor(private readonly db: Database) {}

  listCollections(): Array<{ name: string }> {
    const registered = this.records().map((record) => record._id);
    const withDocuments = this.db
      .collectionNames()
      .filter((name) => !name.startsWith(INTERNAL_PREFIX) && this.db.documents(name).length > 0);
    return [...new Set([...registered, ...withDocuments])].sort().map((name) => ({ name }));
  }

  async createCollection(body: unknown): Promise<{ name: string; created: boolean }> {
    const name = collectionName(field(body, 'name'));
    if (this.record(name)) return { name, created: false };
    // Collections that already hold documents existed in the cloud's eyes too, but were never
    // registered here; registering them is still "created: false" for the caller's plan.
    const hadDocuments = this.db.documents(name).length > 0;
    await this.db.insert(MANAGE_COLLECTION, [
      { _id: name, createdAt: new Date(), indexes: [], rules: null },
    ]);
    return { name, created: !hadDocuments };
  }

  indexes(name: string): ManagedIndex[] {
    return this.existing(name).indexes ?? [];
  }

  async putIndex(name: string, body: unknown): Promise<ManagedIndex> {
    const record = this.existing(name);
    const index = parseIndex(body);
    const indexes = [...(record.indexes ?? []).filter((i) => i.name !== index.name), index];
    await this.db.modify(MANAGE_COLLECTION, { _id: record._id }, { $set: { indexes } }, MODIFY);
    return index;
  }

  rules(name: string): ManagedRules | null {
    return this.existing(name).rules ?? null;
  }

  async putRules(name: string, body: unknown): Promise<ManagedRules> {
    const record = this.existing(name);
    const rules = parseRules(body);
    await this.db.modify(MANAGE_COLLECTION, { _id: record._id }, { $set: { rules } }, MODIFY);
    return rules;
  }

  private records(): ManageRecord[] {
    return this.db.documents(MANAGE_COLLECTION) as unknown as ManageRecord[];
  }

  private record(name: string): ManageRecord | undefined {
    return this.records().find((record) => record._id === name);
  }

  /** Like the cloud: indexes and rules need the collection to exist first. */
  private existing(name: string): ManageRecord {
    const record = this.record(collectionName(name));
    if (record) return record;
    // A collection that holds documents exists even if setup never created it; the first
    // index or rule written for it registers it (the update upserts).
    if (this.db.documents(name).length > 0) {
      return { _id: name, createdAt: new Date(), indexes: [], rules: null };
    }
    throw new CloudError('DATABASE_COLLECTION_NOT_EXIST', `collection "${name}" does not exist`);
  }
}

const MODIFY = { multi: false, merge: true, upsert: true };

function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[key]
    : undefined;
}

function collectionName(value: unknown): string {
  if (typeof value !== 'string' || !NAME.test(value) || value.startsWith(INTERNAL_PREFIX)) {
    throw new CloudError(
      'INVALID_PARAM',
      `collection name must be 1-64 letters, digits, "_" or "-", got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function parseIndex(body: unknown): ManagedIndex {
  const name = field(body, 'name');
  const keys = field(body, 'keys');
  const unique = field(body, 'unique') ?? false;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new CloudError('INVALID_PARAM', `index "name" must be 1-64 letters, digits, "_" or "-"`);
  }
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new CloudError('INVALID_PARAM', `index "${name}": "keys" must be a non-empty array`);
  }
  if (typeof unique !== 'boolean') {
    throw new CloudError('INVALID_PARAM', `index "${name}": "unique" must be a boolean`);
  }
  return {
    name,
    unique,
    keys: keys.map((key: unknown) => {
      const keyField = field(key, 'field');
      const direction = field(key, 'direction');
      if (typeof keyField !== 'string' || !keyField) {
        throw new CloudError('INVALID_PARAM', `index "${name}": every key needs a "field"`);
      }
      if (direction !== 1 && direction !== -1 && direction !== '2dsphere') {
        throw new CloudError(
          'INVALID_PARAM',
          `index "${name}": direction of "${keyField}" must be 1, -1 or "2dsphere"`,
        );
      }
      return { field: keyField, direction };
    }),
  };
}

function parseRules(body: unknown): ManagedRules {
  const read = field(body, 'read');
  const write = field(body, 'write');
  const valid = (value: unknown): value is boolean | string =>
    typeof value === 'boolean' || (typeof value === 'string' && value.trim() !== '');
  if (!valid(read) || !valid(write)) {
    throw new CloudError(
      'INVALID_PARAM',
      'rules need "read" and "write", each true, false or an expression string',
    );
  }
  return { read, write };
}
