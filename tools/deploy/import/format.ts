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
    // A store whose goods changed gets a new catalogVersion even when its own document did not.
    const bumped = plan.bumps.filter((bump) => bump.updateOnly).length;
    const versions = collection === 'stores' && bumped ? `, catalogVersion only ${bumped}` : '';
    lines.push(
      `  ${collection.padEnd(10)} added ${added}, replaced ${replaced}, unchanged ${unchanged}${versions}`,
    );
  }
  return lines.join('\n');
}
