// The plan as text: changed documents one per line, then a count per collection.
import { countChanges, type ImportPlan } from './plan';
import { CATALOG_COLLECTIONS } from './validate';

const MARK = { added: '+', replaced: '~' } as const;

export function formatPlan(plan: ImportPlan, heading: string): string {
  const lines = [heading];
  for (const doc of plan.docs) {
    if (doc.change !== 'unchanged')
      lines.push(`  ${MARK[doc.change]} ${doc.collection} ${doc._id}`);
  }
  for (const bump of plan.bumps) {
    lines.push(`  ~ stores ${bump.storeId} catalogVersion ${bump.from} → ${bump.to}`);
  }
  const counts = countChanges(plan);
  for (const collection of CATALOG_COLLECTIONS) {
    const { added, replaced, unchanged } = counts[collection];
    lines.push(
      `  ${collection.padEnd(10)} added ${added}, replaced ${replaced}, unchanged ${unchanged}`,
    );
  }
  return lines.join('\n');
}
