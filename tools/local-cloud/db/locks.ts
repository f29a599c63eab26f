// Pessimistic per-document locks held by transactions until commit/abort. A transaction that
// waits too long gets DATABASE_TRANSACTION_CONFLICT, which the SDK's runTransaction retries;
// this also breaks deadlocks between two transactions locking in opposite orders.
import { CloudError } from '../errors';

interface Waiter {
  owner: string;
  grant: () => void;
}

export class DocumentLocks {
  private readonly holders = new Map<string, string>();
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly waitMs: number) {}

  static key(coll: string, id: string): string {
    return `${coll}\u0000${id}`;
  }

  holder(key: string): string | undefined {
    return this.holders.get(key);
  }

  async acquire(key: string, owner: string): Promise<void> {
    const current = this.holders.get(key);
    if (current === undefined || current === owner) {
      this.holders.set(key, owner);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { owner, grant: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        const queue = this.queues.get(key) ?? [];
        this.queues.set(
          key,
          queue.filter((w) => w !== waiter),
        );
        reject(new CloudError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict'));
      }, this.waitMs);
      const queue = this.queues.get(key) ?? [];
      queue.push(waiter);
      this.queues.set(key, queue);
    });
  }

  /** Resolves once nobody holds the key (used by writes outside transactions). */
  async waitUntilFree(key: string): Promise<void> {
    while (this.holders.has(key)) {
      await new Promise<void>((resolve) => {
        const queue = this.queues.get(key) ?? [];
        // A waiter with no owner just observes the hand-over and re-checks.
        queue.unshift({ owner: '', grant: resolve });
        this.queues.set(key, queue);
      });
    }
  }

  releaseAll(owner: string): void {
    for (const [key, holder] of [...this.holders]) {
      if (holder !== owner) continue;
      this.holders.delete(key);
      this.handOver(key);
    }
  }

  private handOver(key: string): void {
    const queue = this.queues.get(key) ?? [];
    // Observers (no owner) are woken and re-check; the first real waiter gets the lock.
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (next.owner === '') {
        next.grant();
        continue;
      }
      this.holders.set(key, next.owner);
      next.grant();
      break;
    }
    if (queue.length === 0) this.queues.delete(key);
  }
}
