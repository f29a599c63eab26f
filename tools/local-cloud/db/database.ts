// The document database: collections in memory, every write made durable by DurableLog before
// it is acknowledged, queries and updates by mingo, transactions with snapshot reads
// and write-time conflicts (transactions.ts).
// Writes outside a transaction run synchronously once no transaction holds their documents,
// so a conditional update (`where({stock: _.gt(0)}).update(...)`) is atomic.
import { CloudError } from '../errors';
import { runPipeline } from './aggregate';
import { newDocumentId } from './ids';
import { isPlainObject } from './ejson';
import { DocumentLocks } from './locks';
import { applyChanges, type Collections, DurableLog } from './persistence';
import { compileCriteria, type Criteria, findDocuments } from './query';
import { Transactions } from './transactions';
import type { Change, Doc, FindOptions } from './types';
import { applyUpdate, sameDocument } from './update';

export interface ModifyOptions {
  multi: boolean;
  merge: boolean;
  upsert: boolean;
}

export interface DatabaseOptions {
  dataDir: string;
  /** An idle transaction is aborted after this long, releasing its locks. */
  transactionIdleMs?: number;
  /** See DurableLog: when the log is folded into the snapshot. */
  compactBytes?: number;
}

/** The local cloud's own bookkeeping (outbox, payments, managed definitions), never app data. */
export const INTERNAL_COLLECTION_PREFIX = '__local_';

export function isInternalCollection(name: string): boolean {
  return name.startsWith(INTERNAL_COLLECTION_PREFIX);
}

export class Database {
  private readonly collections: Collections;
  private readonly log: DurableLog;
  private readonly transactions: Transactions;

  constructor(options: DatabaseOptions) {
    const { log, collections } = DurableLog.open(options.dataDir, options.compactBytes);
    this.log = log;
    this.collections = collections;
    this.transactions = new Transactions(options.transactionIdleMs ?? 30_000);
  }

  collectionNames(): string[] {
    return [...this.collections.keys()].sort();
  }

  documents(coll: string): Doc[] {
    return [...(this.collections.get(coll)?.values() ?? [])];
  }

  /** No app data yet; the local cloud's own bookkeeping (e.g. setup's definitions) doesn't count. */
  isEmpty(): boolean {
    return [...this.collections].every(
      ([name, docs]) => isInternalCollection(name) || docs.size === 0,
    );
  }

  createCollection(coll: string): void {
    validateCollectionName(coll);
    if (!this.collections.has(coll)) this.collections.set(coll, new Map());
  }

  find(coll: string, criteria: Criteria, options: FindOptions): Doc[] {
    return findDocuments(this.candidates(coll, criteria), criteria, options);
  }

  count(coll: string, criteria: Criteria): number {
    const { matches } = compileCriteria(criteria);
    return this.candidates(coll, criteria).filter(matches).length;
  }

  aggregate(coll: string, pipeline: Array<Record<string, unknown>>): Record<string, unknown>[] {
    return runPipeline(this.documents(coll), pipeline, (name) => this.documents(name));
  }

  async insert(coll: string, docs: Record<string, unknown>[]): Promise<string[]> {
    validateCollectionName(coll);
    const prepared = docs.map((doc) => withId(doc));
    for (const doc of prepared) await this.waitForLock(coll, doc._id);
    const existing = this.collections.get(coll);
    const seen = new Set<string>();
    for (const doc of prepared) {
      if (existing?.has(doc._id) || seen.has(doc._id)) {
        throw new CloudError('DATABASE_REQUEST_FAILED', `duplicate key _id: ${doc._id}`);
      }
      seen.add(doc._id);
    }
    this.commit(prepared.map((doc) => ({ coll, id: doc._id, doc })));
    await this.durable();
    return prepared.map((doc) => doc._id);
  }

  async modify(
    coll: string,
    criteria: Criteria,
    data: unknown,
    options: ModifyOptions,
  ): Promise<{ updated: number; upsertedId?: string; docs: Doc[] }> {
    const targets = await this.unlockedTargets(coll, criteria, options.multi);
    if (targets.length === 0) {
      if (!options.upsert) return { updated: 0, docs: [] };
      const id = upsertId(criteria);
      if (this.transactions.locks.holder(DocumentLocks.key(coll, id))) {
        // An open transaction is writing this _id (an insert, say): wait for it, then start over.
        await this.waitForLock(coll, id);
        return this.modify(coll, criteria, data, options);
      }
      const doc = { ...applyUpdate({ _id: id }, data, options.merge), _id: id };
      this.commit([{ coll, id, doc }]);
      await this.durable();
      return { updated: 0, upsertedId: doc._id, docs: [doc] };
    }
    const next = targets.map((doc) => applyUpdate(doc, data, options.merge));
    const changed = next.filter((doc, index) => !sameDocument(doc, targets[index]));
    this.commit(changed.map((doc) => ({ coll, id: doc._id, doc })));
    await this.durable();
    // The cloud counts a set() (a replacement) as an update even when nothing changes.
    return { updated: options.merge ? changed.length : targets.length, docs: next };
  }

  async remove(coll: string, criteria: Criteria, multi: boolean): Promise<number> {
    const targets = await this.unlockedTargets(coll, criteria, multi);
    this.commit(targets.map((doc) => ({ coll, id: doc._id, doc: null })));
    await this.durable();
    return targets.length;
  }

  // --- transactions: snapshot reads, write-time conflicts (see transactions.ts) ---

  startTransaction(): string {
    return this.transactions.start().id;
  }

  getInTransaction(txId: string, coll: string, id: string): Doc | undefined {
    const tx = this.transactions.use(txId);
    const doc = this.transactions.view(tx, coll, id, this.committed(coll, id));
    return doc && structuredClone(doc);
  }

  findInTransaction(txId: string, coll: string, criteria: Criteria, options: FindOptions): Doc[] {
    return findDocuments(this.txDocuments(txId, coll), criteria, options);
  }

  countInTransaction(txId: string, coll: string, criteria: Criteria): number {
    const { matches } = compileCriteria(criteria);
    return this.txDocuments(txId, coll).filter(matches).length;
  }

  aggregateInTransaction(
    txId: string,
    coll: string,
    pipeline: Array<Record<string, unknown>>,
  ): Record<string, unknown>[] {
    return runPipeline(this.txDocuments(txId, coll), pipeline, (name) =>
      this.txDocuments(txId, name),
    );
  }

  insertInTransaction(txId: string, coll: string, raws: Record<string, unknown>[]): string[] {
    validateCollectionName(coll);
    const tx = this.transactions.use(txId);
    return this.inTransaction(txId, () => {
      const docs = raws.map((raw) => withId(raw));
      for (const doc of docs) {
        this.transactions.claim(tx, coll, doc._id);
        if (this.transactions.view(tx, coll, doc._id, this.committed(coll, doc._id))) {
          throw new CloudError('DATABASE_REQUEST_FAILED', `duplicate key _id: ${doc._id}`);
        }
        this.transactions.stage(tx, { coll, id: doc._id, doc });
      }
      return docs.map((doc) => doc._id);
    });
  }

  modifyInTransaction(
    txId: string,
    coll: string,
    criteria: Criteria,
    data: unknown,
    options: ModifyOptions,
  ): { updated: number; upsertedId?: string; docs: Doc[] } {
    const tx = this.transactions.use(txId);
    return this.inTransaction(txId, () => {
      const targets = findDocuments(this.txDocuments(txId, coll), criteria, {
        limit: options.multi ? undefined : 1,
      });
      if (targets.length === 0) {
        if (!options.upsert) return { updated: 0, docs: [] };
        const id = upsertId(criteria);
        this.transactions.claim(tx, coll, id);
        const doc = { ...applyUpdate({ _id: id }, data, options.merge), _id: id };
        this.transactions.stage(tx, { coll, id, doc });
        return { updated: 0, upsertedId: id, docs: [doc] };
      }
      const next = targets.map((doc) => applyUpdate(doc, data, options.merge));
      let updated = 0;
      next.forEach((doc, index) => {
        this.transactions.claim(tx, coll, doc._id);
        this.transactions.stage(tx, { coll, id: doc._id, doc });
        if (!options.merge || !sameDocument(doc, targets[index])) updated++;
      });
      return { updated, docs: next.map((doc) => structuredClone(doc)) };
    });
  }

  removeInTransaction(txId: string, coll: string, criteria: Criteria, multi: boolean): number {
    const tx = this.transactions.use(txId);
    return this.inTransaction(txId, () => {
      const targets = findDocuments(this.txDocuments(txId, coll), criteria, {
        limit: multi ? undefined : 1,
      });
      for (const doc of targets) {
        this.transactions.claim(tx, coll, doc._id);
        this.transactions.stage(tx, { coll, id: doc._id, doc: null });
      }
      return targets.length;
    });
  }

  async commitTransaction(txId: string): Promise<void> {
    const changes = this.transactions.finish(txId);
    try {
      this.commit(changes);
    } finally {
      this.transactions.release(txId);
    }
    await this.durable();
  }

  abortTransaction(txId: string): void {
    this.transactions.finish(txId);
    this.transactions.release(txId);
  }

  /** A statement that fails inside a transaction aborts it, as in MongoDB. */
  private inTransaction<T>(txId: string, statement: () => T): T {
    try {
      return statement();
    } catch (error) {
      this.transactions.discard(txId);
      throw error;
    }
  }

  private txDocuments(txId: string, coll: string): Doc[] {
    const tx = this.transactions.use(txId);
    return this.transactions.viewCollection(tx, coll, this.documents(coll));
  }

  close(): void {
    this.log.close();
  }

  /** The documents `criteria` may match: the one it names by `_id` (no scan), else all. */
  private candidates(coll: string, criteria: Criteria): Doc[] {
    const id = criteria._id;
    if (typeof id !== 'string') return this.documents(coll);
    const doc = this.committed(coll, id);
    return doc ? [doc] : [];
  }

  private committed(coll: string, id: string): Doc | undefined {
    return this.collections.get(coll)?.get(id);
  }

  /**
   * Log, then apply, in one step of the event loop. The change is visible at once, but nothing
   * that reflects it is answered before durable(): a crash loses only writes nobody was told of.
   */
  private commit(changes: Change[]): void {
    const stored = changes.map((change) => ({
      ...change,
      doc: change.doc && structuredClone(change.doc),
    }));
    this.transactions.preserve(stored, (coll, id) => this.committed(coll, id));
    this.log.append(stored);
    applyChanges(this.collections, stored);
    this.log.compactIfDue(this.collections);
  }

  /** Resolves once every write made so far is on disk; answer nothing that reflects one before. */
  durable(): Promise<void> {
    return this.log.durable();
  }

  private async waitForLock(coll: string, id: string): Promise<void> {
    await this.transactions.locks.waitUntilFree(DocumentLocks.key(coll, id));
  }

  /** Matches the criteria, waiting while a transaction holds any matched document. */
  private async unlockedTargets(coll: string, criteria: Criteria, multi: boolean): Promise<Doc[]> {
    for (;;) {
      const found = this.find(coll, criteria, multi ? {} : { limit: 1 });
      const locked = found.find((doc) =>
        this.transactions.locks.holder(DocumentLocks.key(coll, doc._id)),
      );
      if (!locked) return found;
      await this.waitForLock(coll, locked._id);
    }
  }
}

function upsertId(criteria: Criteria): string {
  const id = criteria._id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : newDocumentId();
}

function withId(doc: Record<string, unknown>): Doc {
  const id = doc._id;
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
    throw new CloudError('INVALID_PARAM', '_id must be a string or a number');
  }
  rejectOperatorKeys(doc);
  return { ...structuredClone(doc), _id: id === undefined ? newDocumentId() : String(id) };
}

/** A stored field name may not start with `$` (MongoDB's rule; the cloud refuses the insert). */
function rejectOperatorKeys(value: unknown): void {
  if (Array.isArray(value)) value.forEach(rejectOperatorKeys);
  if (!isPlainObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('$')) {
      throw new CloudError('DATABASE_REQUEST_FAILED', `field name "${key}" may not start with $`);
    }
    rejectOperatorKeys(item);
  }
}

function validateCollectionName(coll: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(coll)) {
    throw new CloudError('INVALID_PARAM', `invalid collection name "${coll}"`);
  }
}
