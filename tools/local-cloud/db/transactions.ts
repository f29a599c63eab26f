// A transaction stages its writes privately and holds a lock on every document it touches;
// commit writes all staged documents as one durable log line, abort drops them. Nothing is
// visible to others before commit, so a transaction that throws leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { CloudError } from '../errors';
import { DocumentLocks } from './locks';
import type { Change, Doc } from './types';

export interface Transaction {
  id: string;
  staged: Map<string, Change>;
  expiry: NodeJS.Timeout;
}

export class Transactions {
  private readonly open = new Map<string, Transaction>();

  constructor(
    readonly locks: DocumentLocks,
    private readonly idleMs: number,
  ) {}

  start(): Transaction {
    const id = randomBytes(12).toString('hex');
    const tx: Transaction = { id, staged: new Map(), expiry: this.expiryTimer(id) };
    this.open.set(id, tx);
    return tx;
  }

  /** Finds an open transaction, locks the document for it and returns its view of the doc. */
  async lockFor(
    txId: string,
    coll: string,
    id: string,
    committed: () => Doc | undefined,
  ): Promise<{ tx: Transaction; doc: Doc | undefined }> {
    const tx = this.require(txId);
    const key = DocumentLocks.key(coll, id);
    try {
      await this.locks.acquire(key, tx.id);
    } catch (error) {
      // The SDK retries a conflicted runTransaction without aborting it, so abort it here:
      // otherwise its locks would block the retry until the idle timeout.
      this.discard(txId);
      throw error;
    }
    this.require(txId); // it may have expired while waiting
    const staged = tx.staged.get(key);
    return { tx, doc: staged ? (staged.doc ?? undefined) : committed() };
  }

  stage(tx: Transaction, change: Change): void {
    tx.staged.set(DocumentLocks.key(change.coll, change.id), change);
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

  private discard(txId: string): void {
    const tx = this.open.get(txId);
    if (tx) clearTimeout(tx.expiry);
    this.open.delete(txId);
    this.locks.releaseAll(txId);
  }

  private require(txId: string): Transaction {
    const tx = this.open.get(txId);
    if (!tx) {
      throw new CloudError('DATABASE_REQUEST_FAILED', `transaction ${txId} is not open`);
    }
    tx.expiry.refresh();
    return tx;
  }

  private expiryTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.discard(id), this.idleMs);
    timer.unref();
    return timer;
  }
}
