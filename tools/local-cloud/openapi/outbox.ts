// Every outbound WeChat call a function makes (subscribe messages, QR codes, OA messages...) is
// recorded here instead of leaving the machine. Stored in an internal collection, so it is as
// durable as any database write.
import { clock } from '../clock';
import type { Database } from '../db/database';

export const OUTBOX_COLLECTION = '__local_outbox';

export interface OutboxEntry {
  _id: string;
  /** The open API called, e.g. "subscribeMessage.send". */
  kind: string;
  at: Date;
  appid?: string;
  /** Who triggered it: the calling function and invocation, when known. */
  function?: string;
  openid?: string;
  request: Record<string, unknown>;
  /** errcode answered (0 = accepted). */
  errcode: number;
  errmsg: string;
}

export class Outbox {
  constructor(private readonly db: Database) {}

  async record(entry: Omit<OutboxEntry, '_id' | 'at'>): Promise<void> {
    await this.db.insert(OUTBOX_COLLECTION, [{ ...entry, at: clock.date() }]);
  }

  list(kind?: string): OutboxEntry[] {
    const all = this.db.find(OUTBOX_COLLECTION, kind ? { kind } : {}, {
      order: { at: 1 },
    }) as unknown as OutboxEntry[];
    return all;
  }

  async clear(): Promise<number> {
    return this.db.remove(OUTBOX_COLLECTION, {}, true);
  }
}
