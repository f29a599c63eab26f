// Per-document write locks held by transactions until commit/abort. A transaction never waits
// for one: a write to a document another open transaction has written is a write conflict at
// once (MongoDB's rule). Writes outside transactions wait until the document is free, as a
// MongoDB write outside a transaction waits for the transaction that modified the document.
// Reads take no lock.

export class DocumentLocks {
  private readonly holders = new Map<string, string>();
  private readonly observers = new Map<string, Array<() => void>>();

  static key(coll: string, id: string): string {
    return `${coll}\u0000${id}`;
  }

  holder(key: string): string | undefined {
    return this.holders.get(key);
  }

  /** Takes the lock for `owner` unless another owner holds it; says whether it did. */
  tryAcquire(key: string, owner: string): boolean {
    const current = this.holders.get(key);
    if (current !== undefined && current !== owner) return false;
    this.holders.set(key, owner);
    return true;
  }

  /** Resolves once nobody holds the key (used by writes outside transactions). */
  async waitUntilFree(key: string): Promise<void> {
    while (this.holders.has(key)) {
      await new Promise<void>((resolve) => {
        const waiting = this.observers.get(key) ?? [];
        waiting.push(resolve);
        this.observers.set(key, waiting);
      });
    }
  }

  releaseAll(owner: string): void {
    for (const [key, holder] of [...this.holders]) {
      if (holder !== owner) continue;
      this.holders.delete(key);
      const waiting = this.observers.get(key) ?? [];
      this.observers.delete(key);
      for (const wake of waiting) wake();
    }
  }
}
