// `npm run deploy:functions`: lists every cloudfunctions/<name> with its configuration and the
// deploy it would run; without --dry-run, deploys them to the configured environment.
import path from 'node:path';
import { DeployError } from '../cli';
import { CREDENTIALS_HELP, cloudManager, findCloudCredentials } from '../cloud-credentials';
import { DEFAULT_CONFIG_FILE, projectRoot, readDeployConfig } from '../deploy-config';
import { listFunctions, type DeployableFunction } from './catalog';
import { deployFunction } from './deploy';
import { formatFunction } from './format';

export interface DeployFunctionsOptions {
  dryRun: boolean;
  root?: string;
  configFile?: string;
  /** Only these functions (default all). */
  only?: string[];
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export async function runDeployFunctions(
  options: DeployFunctionsOptions,
): Promise<DeployableFunction[]> {
  const log = options.log ?? console.log;
  const root = options.root ?? projectRoot;
  const config = readDeployConfig(options.configFile ?? DEFAULT_CONFIG_FILE, options.env);
  const all = listFunctions(root);
  const unknown = (options.only ?? []).filter((name) => !all.some((fn) => fn.name === name));
  if (unknown.length) throw new DeployError(`no cloudfunctions/${unknown.join(', ')}`);
  const chosen = options.only?.length ? all.filter((fn) => options.only!.includes(fn.name)) : all;
  if (chosen.length === 0) throw new DeployError(`no functions under ${root}/cloudfunctions`);

  log(
    `deploy:functions${options.dryRun ? ' --dry-run' : ''} → env ${config.envId || '(envId not set)'}: ` +
      `${chosen.length} function(s)`,
  );
  for (const fn of chosen) log(formatFunction(fn, config.envId));
  log(
    'after deploying: set environment variables (secrets, STOREFRONT_SUB_MCH_ID) in the CloudBase ' +
      'console; confirm open API permissions there (see docs/DEPLOY.md)',
  );

  const blocked = chosen.filter((fn) => fn.problems.length);
  if (options.dryRun) {
    log(
      `dry run: nothing was deployed${blocked.length ? `; ${blocked.length} with problems` : ''}`,
    );
    return chosen;
  }
  if (blocked.length) {
    throw new DeployError(`fix the problems above first: ${blocked.map((f) => f.name).join(', ')}`);
  }
  if (!config.envId) {
    throw new DeployError(`"envId" is empty in ${config.file}; set your cloud environment id`);
  }
  const credentials = findCloudCredentials(options.env ?? process.env);
  if (!credentials) throw new DeployError(`no Tencent Cloud API key: ${CREDENTIALS_HELP}`);
  const manager = cloudManager(config.envId, credentials);
  for (const fn of chosen) {
    log(`deploying ${fn.name} ...`);
    await deployFunction(manager, path.join(root, 'cloudfunctions'), fn);
    log(`deployed ${fn.name}`);
  }
  return chosen;
}
