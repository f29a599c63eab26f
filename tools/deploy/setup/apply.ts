// Applies a plan step by step, in order (a collection before its indexes and rules). Stops at the
// first failure and says which step failed; the steps before it stay applied, and running setup
// again plans only what is still missing.
import { DeployError } from '../cli';
import { formatStep } from './format';
import type { SetupPlan } from './plan';
import type { DatabaseTarget } from './target';

export async function applyPlan(
  plan: SetupPlan,
  target: DatabaseTarget,
  log: (line: string) => void,
): Promise<number> {
  let applied = 0;
  for (const step of plan.steps) {
    try {
      if (step.kind === 'createCollection') await target.createCollection(step.collection);
      if (step.kind === 'createIndex') {
        await target.createIndex(step.collection, step.index, step.replacing);
      }
      if (step.kind === 'setRules') await target.setRules(step.collection, step.rules);
    } catch (error) {
      throw new DeployError(
        `failed at "${formatStep(step)}" after ${applied} of ${plan.steps.length} changes: ` +
          `${(error as Error).message}. Run setup again to finish.`,
      );
    }
    applied++;
    log(`  done ${formatStep(step)}`);
  }
  return applied;
}
