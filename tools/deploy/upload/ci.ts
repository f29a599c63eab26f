// miniprogram-ci upload / preview of the project (project.config.json points it at miniprogram/).
// Needs the real appid, its upload key (mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传)
// and network; the callers check the first two before getting here.
import path from 'node:path';

export interface CiJob {
  root: string;
  appid: string;
  privateKeyPath: string;
  version: string;
  description: string;
}

interface CiModule {
  Project: new (options: {
    appid: string;
    type: 'miniProgram';
    projectPath: string;
    privateKeyPath: string;
    ignores?: string[];
  }) => unknown;
  upload(options: Record<string, unknown>): Promise<unknown>;
  preview(options: Record<string, unknown>): Promise<unknown>;
}

function loadCi(): CiModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('miniprogram-ci') as CiModule;
}

function project(ci: CiModule, job: CiJob): unknown {
  return new ci.Project({
    appid: job.appid,
    type: 'miniProgram',
    projectPath: job.root,
    privateKeyPath: job.privateKeyPath,
    ignores: ['node_modules/**/*', 'server/**/*', 'tools/**/*', 'test/**/*'],
  });
}

/** Settings come from project.config.json (TypeScript plugin, minify, unused-file filtering). */
const SETTING = { useProjectConfig: true };

export async function ciUpload(job: CiJob): Promise<unknown> {
  const ci = loadCi();
  return ci.upload({
    project: project(ci, job),
    version: job.version,
    desc: job.description,
    setting: SETTING,
    robot: 1,
  });
}

export async function ciPreview(job: CiJob, qrcodeFile: string): Promise<unknown> {
  const ci = loadCi();
  return ci.preview({
    project: project(ci, job),
    version: job.version,
    desc: job.description,
    setting: SETTING,
    robot: 1,
    qrcodeFormat: 'image',
    qrcodeOutputDest: path.resolve(qrcodeFile),
  });
}
