// Where the import reads and writes: a wx-server-sdk database (local cloud or CloudBase), or,
// for a cloud --dry-run without keys, an environment assumed empty.
import type { Database } from '../database-client';
import { COLLECTIONS } from '../../../server/lib/collections';
import { DeployError } from '../cli';
import type { CatalogCollection, Doc } from './validate';

export interface ImportTarget {
  label: string;
  /** Said before the plan when the target is assumed rather than read. */
  assumption?: string;
  /** The documents of `collection` with these ids (missing ones are simply absent). */
  read(collection: CatalogCollection, ids: string[]): Promise<Doc[]>;
  set(collection: CatalogCollection, id: string, data: Record<string, unknown>): Promise<void>;
  setCatalogVersion(storeId: string, version: number): Promise<void>;
}

const PAGE = 100;

export class SdkTarget implements ImportTarget {
  constructor(
    private readonly db: Database,
    readonly label: string,
    private readonly setupHint: string,
  ) {}

  async read(collection: CatalogCollection, ids: string[]): Promise<Doc[]> {
    const found: Doc[] = [];
    for (let at = 0; at < ids.length; at += PAGE) {
      const chunk = ids.slice(at, at + PAGE);
      try {
        const { data } = (await this.db
          .collection(collection)
          .where({ _id: this.db.command.in(chunk) })
          .limit(PAGE)
          .get()) as { data: Doc[] };
        found.push(...data);
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        if (/not.?exist/i.test(message)) {
          throw new DeployError(
            `collection "${collection}" does not exist in the ${this.label}: ${this.setupHint}`,
          );
        }
        throw error;
      }
    }
    return found;
  }

  async set(collection: CatalogCollection, id: string, data: Record<string, unknown>) {
    await this.db.collection(collection).doc(id).set({ data });
  }

  async setCatalogVersion(storeId: string, version: number) {
    await this.db
      .collection(COLLECTIONS.stores)
      .doc(storeId)
      .update({ data: { catalogVersion: version } });
  }
}

/** A cloud dry run without keys: planned as if the environment held no catalog yet. */
export class EmptyTarget implements ImportTarget {
  readonly assumption = 'no Tencent Cloud API key: planned as if the environment were empty';
  constructor(readonly label: string) {}
  async read(): Promise<Doc[]> {
    return [];
  }
  async set(): Promise<void> {
    throw new DeployError('cannot write without keys');
  }
  async setCatalogVersion(): Promise<void> {
    throw new DeployError('cannot write without keys');
  }
}
