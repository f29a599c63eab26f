// Loads the demo store (tools/seed/demo.ts) into an empty database.
import { demoData, type SeedData } from '../seed/demo';
import type { Database } from './db/database';

/** Returns how many documents were written; 0 when the database already holds data. */
export async function seedIfEmpty(db: Database, data: SeedData = demoData): Promise<number> {
  if (!db.isEmpty()) return 0;
  let written = 0;
  for (const [collection, docs] of Object.entries(data)) {
    db.createCollection(collection);
    if (docs.length === 0) continue;
    written += (await db.insert(collection, docs)).length;
  }
  return written;
}
