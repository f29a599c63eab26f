// `npm run setup`: one plan from database/*.json against what the target reports, then applied
// (or only printed with --dry-run). Running it again plans nothing.
import path from 'node:path';
import { DATABASE_DIR, loadDatabaseSpec } from '../../seed/database';
import { DeployError } from '../cli';
import { CREDENTIALS_HELP, cloudManager, findCloudCredentials } from '../cloud-credentials';
import { DEFAULT_CONFIG_FILE, PLACEHOLDER_APPID, readDeployConfig } from '../deploy-config';
import { applyPlan } from './apply';
import { CloudBaseTarget, EmptyEnvironment } from './cloud-target';
import { formatPlan } from './format';
import { LocalCloudTarget } from './local-target';
import { planSetup, type SetupPlan } from './plan';
import type { DatabaseTarget } from './target';

export interface SetupOptions {
  target: 'local' | 'cloud';
  dryRun: boolean;
  /** Local cloud URL; default localCloudUrl of the config, then http://127.0.0.1:3900. */
  url?: string;
  configFile?: string;
  databaseDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface SetupResult {
  plan: SetupPlan;
  applied: number;
}

export async function runSetup(options: SetupOptions): Promise<SetupResult> {
  const log = options.log ?? console.log;
  let desired;
  try {
    desired = loadDatabaseSpec(options.databaseDir ?? DATABASE_DIR);
  } catch (error) {
    throw new DeployError(`cannot read database/: ${(error as Error).message}`);
  }
  const target = chooseTarget(options);
  const plan = planSetup(
    desired,
    await target.describe(desired.map((collection) => collection.name)),
  );
  const heading = `setup${options.dryRun ? ' --dry-run' : ''} → ${target.label}: ${plan.steps.length} change(s)`;
  if (target.assumption) log(`setup: ${target.assumption}`);
  log(formatPlan(plan, heading));
  if (options.dryRun) {
    log('dry run: nothing was changed');
    return { plan, applied: 0 };
  }
  const applied = await applyPlan(plan, target, log);
  log(applied ? `setup: applied ${applied} change(s)` : 'setup: nothing changed');
  return { plan, applied };
}

function chooseTarget(options: SetupOptions): DatabaseTarget {
  const config = readDeployConfig(options.configFile ?? DEFAULT_CONFIG_FILE, options.env);
  if (options.target === 'local') {
    const url = options.url ?? config.localCloudUrl;
    return new LocalCloudTarget(url.replace(/\/+$/, ''));
  }
  if (!config.envId) {
    if (options.dryRun) return new EmptyEnvironment('');
    throw new DeployError(
      `"envId" is empty in ${path.relative(process.cwd(), config.file) || config.file}; ` +
        'set your cloud environment id (CloudBase console → 环境 → 环境ID)',
    );
  }
  const credentials = findCloudCredentials(options.env ?? process.env);
  if (!credentials) {
    if (options.dryRun) return new EmptyEnvironment(config.envId);
    throw new DeployError(
      `no Tencent Cloud API key for environment ${config.envId}: ${CREDENTIALS_HELP}`,
    );
  }
  const appid = config.appid === PLACEHOLDER_APPID ? undefined : config.appid;
  return new CloudBaseTarget(cloudManager(config.envId, credentials), config.envId, appid);
}
