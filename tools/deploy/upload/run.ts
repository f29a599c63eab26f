// `npm run upload` / `npm run preview`: checks what a real upload needs (appid, key file, cloud
// mode) and stops with the fix when something is missing; `--dry-run` prints what would be
// uploaded (sizes from tools/size) and what a real run would still need, without a key.
import fs from 'node:fs';
import path from 'node:path';
import { formatReport, sizeReport } from '../../size/report';
import { DeployError } from '../cli';
import {
  DEFAULT_CONFIG_FILE,
  PLACEHOLDER_APPID,
  projectRoot,
  readDeployConfig,
  resolvePrivateKey,
  type DeployConfig,
} from '../deploy-config';
import { ciPreview, ciUpload } from './ci';
import { releaseInfo } from './release';

export type UploadAction = 'upload' | 'preview';

export interface UploadOptions {
  action: UploadAction;
  dryRun: boolean;
  root?: string;
  configFile?: string;
  /** Where preview writes its QR code (PNG). */
  qrcodeFile?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export const DEFAULT_QRCODE_FILE = path.join(projectRoot, '.deploy', 'preview-qrcode.png');

/** Everything that stops a real upload/preview, each with its fix. */
export function uploadBlockers(action: UploadAction, config: DeployConfig): string[] {
  const blockers: string[] = [];
  if (config.appid === PLACEHOLDER_APPID) {
    blockers.push(
      `appid is the placeholder "${PLACEHOLDER_APPID}": set "appid" in ${config.file} ` +
        '(mp.weixin.qq.com → 开发管理 → 开发设置 → AppID), then `npm run build`',
    );
  }
  const key = resolvePrivateKey(config);
  if (!key) {
    blockers.push(
      'no upload key configured: download it at mp.weixin.qq.com → 开发管理 → 开发设置 → ' +
        '小程序代码上传 → 上传密钥, keep it outside git, and set "privateKeyPath" in ' +
        `${config.file} or STOREFRONT_PRIVATE_KEY=<path>`,
    );
  } else if (!fs.existsSync(key)) {
    blockers.push(
      `upload key ${key} does not exist: fix "privateKeyPath" / STOREFRONT_PRIVATE_KEY`,
    );
  }
  if (action === 'upload' && config.mode !== 'cloud') {
    blockers.push(
      `"mode" is "${config.mode}": a version for users must call the cloud; set "mode": "cloud" ` +
        `and "envId" in ${config.file}, then \`npm run build\``,
    );
  }
  if (config.mode === 'cloud' && !config.envId) {
    blockers.push(`"envId" is empty in ${config.file}: set your cloud environment id`);
  }
  return blockers;
}

export async function runUpload(options: UploadOptions): Promise<void> {
  const log = options.log ?? console.log;
  const root = options.root ?? projectRoot;
  const config = readDeployConfig(options.configFile ?? DEFAULT_CONFIG_FILE, options.env);
  const release = releaseInfo(root);
  const blockers = uploadBlockers(options.action, config);
  const qrcodeFile = options.qrcodeFile ?? DEFAULT_QRCODE_FILE;

  if (options.dryRun) {
    const report = sizeReport(path.join(root, 'miniprogram'));
    const files = report.packages.reduce((sum, p) => sum + p.files.length, 0);
    log(`${options.action} --dry-run: appid ${config.appid}, version ${release.version}`);
    log(`  description: ${release.description}`);
    log(`  ${files} files in ${report.packages.length} packages:`);
    log(formatReport(report).replace(/^/gm, '  '));
    if (options.action === 'preview') log(`  QR code would be written to ${qrcodeFile}`);
    for (const blocker of blockers) log(`  a real run would stop: ${blocker}`);
    log('dry run: nothing was uploaded');
    return;
  }
  if (blockers.length) {
    throw new DeployError(
      `cannot ${options.action} yet:\n${blockers.map((b) => `  - ${b}`).join('\n')}`,
    );
  }

  const job = {
    root,
    appid: config.appid,
    privateKeyPath: resolvePrivateKey(config)!,
    version: release.version,
    description: release.description,
  };
  log(`${options.action}: appid ${job.appid}, version ${job.version} (${job.description})`);
  if (options.action === 'upload') {
    await ciUpload(job);
    log(
      'uploaded: set it as the trial version or submit it for review at mp.weixin.qq.com → 版本管理',
    );
  } else {
    fs.mkdirSync(path.dirname(qrcodeFile), { recursive: true });
    await ciPreview(job, qrcodeFile);
    log(`preview QR code written to ${qrcodeFile}: scan it with WeChat`);
  }
}
