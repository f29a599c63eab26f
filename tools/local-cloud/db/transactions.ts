// Transactions as MongoDB (under CloudBase) runs them: snapshot isolation with write-time
// conflict detection.
// - The snapshot is taken at the transaction's first operation (startTransaction alone takes
//   none). Its reads, queries included, see the committed data of that moment plus its own
//   writes; commits made since by anyone else stay invisible to it.
// - Its writes are staged privately and take a per-document lock. Writing a document that
//   another open transaction has written, or that anyone committed since the snapshot, is a write
//   conflict: the later writer gets DATABASE_TRANSACTION_CONFLICT and its transaction is aborted
//   (the SDK's runTransaction then starts again). Nobody waits, so there are no deadlocks; two
//   transactions that read different documents and write the other's may both commit (write
//   skew is allowed, as in MongoDB).
// - Reads take no lock, so a write outside the transaction never waits for one that only read.
// - Commit writes every staged change as one durable log line; abort drops them.
import { randomBytes } from 'node:crypto';
import { CloudError } from '../errors';
import { DocumentLocks } from './locks';
import type { Change, Doc } from './types';

/** The cloud's own wording (the SDK's tests compare it). */
export const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';
export const NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';

export interface Transaction {
  id: string;
  staged: Map<string, Change>;
  /**
   * Undefined until the first operation takes the snapshot; then, for each document committed
   * since, what it was at the snapshot (doc: null = absent then).
   */
  before: Map<string, Change> | undefined;
  expiry: NodeJS.Timeout;
}

export class Transactions {
  private readonly open = new Map<string, Transaction>();
  readonly locks = new DocumentLocks();

  constructor(private readonly idleMs: number) {}

  start(): Transaction {
    const id = randomBytes(12).toString('hex');
    const tx: Transaction = {
      id,
      staged: new Map(),
      before: undefined,
      expiry: this.expiryTimer(id),
    };
    this.open.set(id, tx);
    return tx;
  }

  /** The open transaction `txId` (its snapshot taken now if this is its first operation). */
  use(txId: string): Transaction {
    const tx = this.require(txId);
    tx.before ??= new Map();
    return tx;
  }

  /** The transaction's view of one document. */
  view(tx: Transaction, coll: string, id: string, committed: Doc | undefined): Doc | undefined {
    const key = DocumentLocks.key(coll, id);
    const own = tx.staged.get(key) ?? tx.before?.get(key);
    if (own) return own.doc ?? undefined;
    return committed;
  }

  /** The transaction's view of a whole collection, given its committed documents. */
  viewCollection(tx: Transaction, coll: string, committed: Iterable<Doc>): Doc[] {
    const docs = new Map<string, Doc>();
    for (const doc of committed) docs.set(doc._id, doc);
    for (const layer of [tx.before, tx.staged]) {
      for (const change of layer?.values() ?? []) {
        if (change.coll !== coll) continue;
        if (change.doc) docs.set(change.id, change.doc);
        else docs.delete(change.id);
      }
    }
    return [...docs.values()];
  }

  /**
   * Claims a document the transaction is about to write: a conflict (and the transaction
   * aborted) if another open transaction wrote it or anyone committed it since the snapshot.
   */
  claim(tx: Transaction, coll: string, id: string): void {
    const key = DocumentLocks.key(coll, id);
    if (tx.before?.has(key) || !this.locks.tryAcquire(key, tx.id)) {
      this.discard(tx.id);
      throw new CloudError('DATABASE_TRANSACTION_CONFLICT', CONFLICT_MESSAGE);
    }
  }

  stage(tx: Transaction, change: Change): void {
    tx.staged.set(DocumentLocks.key(change.coll, change.id), change);
  }

  /**
   * Called just before `changes` are committed (by anyone): every other open transaction with a
   * snapshot keeps the documents' current state, so it goes on seeing its snapshot.
   */
  preserve(changes: Change[], committed: (coll: string, id: string) => Doc | undefined): void {
    for (const tx of this.open.values()) {
      if (!tx.before) continue;
      for (const { coll, id } of changes) {
        const key = DocumentLocks.key(coll, id);
        if (!tx.before.has(key)) tx.before.set(key, { coll, id, doc: committed(coll, id) ?? null });
      }
    }
  }

  /** Removes the transaction and returns its staged changes; the caller persists then releases. */
  finish(txId: string): Change[] {
    const tx = this.require(txId);
    clearTimeout(tx.expiry);
    this.open.delete(txId);
    return [...tx.staged.values()];
  }

  release(txId: string): void {
    this.locks.releaseAll(txId);
  }

  /** Aborts the transaction if it is open; used when a statement inside it fails. */
  discard(txId: string): void {
    const tx = this.open.get(txId);
    if (tx) clearTimeout(tx.expiry);
    this.open.delete(txId);
    this.locks.releaseAll(txId);
  }

  private require(txId: string): Transaction {
    const tx = this.open.get(txId);
    if (!tx) throw new CloudError('DATABASE_TRANSACTION_FAIL', NOT_EXIST_MESSAGE);
    tx.expiry.refresh();
    return tx;
  }

  private expiryTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.discard(id), this.idleMs);
    timer.unref();
    return timer;
  }
}
