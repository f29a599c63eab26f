// `npm run doctor`: every check at once, each problem with its fix; exit 1 when anything blocks.
import path from 'node:path';
import { CREDENTIALS_HELP, findCloudCredentials } from '../cloud-credentials';
import { projectRoot, readDeployConfig } from '../deploy-config';
import { checkFunctions, checkPackageSizes, checkShipping } from './build-checks';
import { checkAppid, checkEnvAndMode, checkPrivateKey, checkTemplates } from './config-checks';
import { type Finding, formatFindings, ok, warning } from './finding';
import { checkOfficialAccount } from './oa-checks';

export interface DoctorOptions {
  root?: string;
  /** Default <root>/storefront.config.json. */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
}

export interface DoctorResult {
  findings: Finding[];
  exitCode: 0 | 1;
  report: string;
}

export function runDoctor(options: DoctorOptions = {}): DoctorResult {
  const root = options.root ?? projectRoot;
  const env = options.env ?? process.env;
  const config = readDeployConfig(
    options.configFile ?? path.join(root, 'storefront.config.json'),
    env,
  );
  const findings = [
    ...checkAppid(config, root),
    ...checkEnvAndMode(config),
    ...checkTemplates(config),
    ...checkOfficialAccount(config, env, root),
    ...checkPackageSizes(root),
    ...checkFunctions(root),
    ...checkShipping(root),
    ...checkPrivateKey(config),
    ...checkCredentials(env),
  ];
  const exitCode = findings.some((f) => f.level === 'error') ? 1 : 0;
  return { findings, exitCode, report: formatFindings(findings) };
}

function checkCredentials(env: NodeJS.ProcessEnv): Finding[] {
  let credentials;
  try {
    credentials = findCloudCredentials(env);
  } catch (err) {
    return [warning('cloud key', (err as Error).message, CREDENTIALS_HELP)];
  }
  if (credentials) return [ok('cloud key', `from ${credentials.source}`)];
  return [
    warning(
      'cloud key',
      'no Tencent Cloud API key (needed by the scripted `setup --target cloud`, `deploy:functions`, ' +
        '`import-store --target cloud` and `owner-code --env`)',
      CREDENTIALS_HELP,
    ),
  ];
}
