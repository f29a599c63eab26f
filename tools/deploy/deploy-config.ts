// storefront.config.json as the deploy tools read it: the keys `npm run build` uses plus the
// deploy-only ones (privateKeyPath, templates, oa). Read leniently, so `npm run doctor` can report
// every problem at once instead of stopping at the first.
import fs from 'node:fs';
import path from 'node:path';
import { PLACEHOLDER_APPID, projectRoot } from '../build/config';
import { DeployError } from './cli';

export { PLACEHOLDER_APPID, projectRoot };

/** How the OA pushes messages to the `oa` function (OA console → 基本配置 → 消息加解密方式). */
export const OA_ENCRYPT_MODES = ['plain', 'compatible', 'safe'] as const;

export interface DeployConfig {
  /** The file read, for messages. */
  file: string;
  appid: string;
  envId: string;
  mode: string;
  localCloudUrl: string;
  /** miniprogram-ci upload key; relative to the project root. Never commit the key itself. */
  privateKeyPath: string;
  /** Subscribe-message template ids by purpose (mp.weixin.qq.com → 订阅消息). */
  templates: Record<string, string>;
  /** The official account; absent until the store links one. Secrets live in function env vars. */
  oa: { appid: string; encryptMode: string; templates: Record<string, string> } | null;
}

export const DEFAULT_CONFIG_FILE = path.join(projectRoot, 'storefront.config.json');

export function readDeployConfig(
  file = DEFAULT_CONFIG_FILE,
  env: NodeJS.ProcessEnv = process.env,
): DeployConfig {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new DeployError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const text = (key: string): string => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
  return {
    file,
    appid: text('appid').trim() || PLACEHOLDER_APPID,
    envId: text('envId').trim(),
    mode: text('mode') || 'local',
    localCloudUrl: text('localCloudUrl') || 'http://127.0.0.1:3900',
    privateKeyPath: (env.STOREFRONT_PRIVATE_KEY || text('privateKeyPath')).trim(),
    templates: readTemplates(raw.templates),
    oa: readOa(raw.oa),
  };
}

/** The key file miniprogram-ci signs with, resolved against the folder holding the config. */
export function resolvePrivateKey(config: DeployConfig): string | null {
  if (!config.privateKeyPath) return null;
  return path.resolve(path.dirname(config.file), config.privateKeyPath);
}

function readTemplates(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !key.startsWith('$'))
      .map(([key, id]) => [key, typeof id === 'string' ? id.trim() : '']),
  );
}

function readOa(value: unknown): DeployConfig['oa'] {
  if (typeof value !== 'object' || value === null) return null;
  const oa = value as Record<string, unknown>;
  return {
    appid: typeof oa.appid === 'string' ? oa.appid.trim() : '',
    // Checked by the doctor (one of OA_ENCRYPT_MODES), not here.
    encryptMode: typeof oa.encryptMode === 'string' ? oa.encryptMode : 'plain',
    templates: readTemplates(oa.templates),
  };
}
