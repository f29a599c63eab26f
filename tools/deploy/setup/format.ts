// The plan as a person reads it: one line per change, then what already matches.
import type { SetupPlan, SetupStep } from './plan';
import type { IndexSpec, SecurityRule } from './target';

export function formatPlan(plan: SetupPlan, heading: string): string {
  const lines = [heading];
  if (plan.steps.length === 0) {
    lines.push('  nothing to do: the target already matches database/');
  }
  for (const step of plan.steps) lines.push(`  ${formatStep(step)}`);
  const { collections, indexes, rules } = plan.unchanged;
  lines.push(
    `  already as in database/: ${collections} collections, ${indexes} indexes, ${rules} rules`,
  );
  for (const name of plan.unmanagedIndexes) {
    lines.push(`  left alone: index ${name} (not in database/indexes.json)`);
  }
  return lines.join('\n');
}

export function formatStep(step: SetupStep): string {
  switch (step.kind) {
    case 'createCollection':
      return `+ collection ${step.collection}`;
    case 'createIndex':
      return `${step.replacing ? '~ replace' : '+'} index ${step.collection}.${step.index.name} (${describeIndex(step.index)})`;
    case 'setRules':
      return `${step.previous ? '~' : '+'} rules ${step.collection}: ${describeRules(step.rules)}${
        step.previous ? ` (was ${describeRules(step.previous)})` : ''
      }`;
  }
}

function describeIndex(index: IndexSpec): string {
  const keys = index.keys.map((key) => `${key.field} ${key.direction}`).join(', ');
  return index.unique ? `${keys}, unique` : keys;
}

function describeRules(rules: SecurityRule): string {
  return `read ${JSON.stringify(rules.read)}, write ${JSON.stringify(rules.write)}`;
}
