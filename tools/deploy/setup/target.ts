// What `npm run setup` needs from a database it sets up. The local cloud and a real CloudBase
// environment each implement it; the plan is computed the same way for both.
import type { IndexSpec, SecurityRule } from '../../seed/database';

export type { IndexSpec, SecurityRule };

/** A collection as the target reports it. */
export interface ExistingCollection {
  name: string;
  indexes: IndexSpec[];
  /** null: never set (the target's default applies). */
  rules: SecurityRule | null;
}

export interface DatabaseTarget {
  /** For the plan's heading, e.g. "local cloud http://127.0.0.1:3900". */
  readonly label: string;
  /** Set when the state was not read from the target (a dry run without credentials). */
  readonly assumption?: string;
  /** The named collections that exist, with their indexes and rules; absent ones are left out. */
  describe(names: string[]): Promise<ExistingCollection[]>;
  createCollection(name: string): Promise<void>;
  /** `replacing`: an index of the same name but different keys exists and must go first. */
  createIndex(collection: string, index: IndexSpec, replacing: boolean): Promise<void>;
  setRules(collection: string, rules: SecurityRule): Promise<void>;
}
