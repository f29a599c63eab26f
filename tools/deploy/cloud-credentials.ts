// Tencent Cloud API keys for the manager API (setup --target cloud, deploy:functions). Never in
// the repo: from the environment, or from a JSON key file outside git named by an env var.
//   TENCENTCLOUD_SECRETID + TENCENTCLOUD_SECRETKEY (+ TENCENTCLOUD_SESSIONTOKEN for temporary keys)
//   STOREFRONT_CLOUD_KEYFILE=/path/to/key.json   {"secretId": "...", "secretKey": "..."}
// Create keys at console.cloud.tencent.com/cam/capi (a sub-user with CloudBase access is best).
import fs from 'node:fs';
import type CloudBase from '@cloudbase/manager-node';
import { DeployError } from './cli';

export interface CloudCredentials {
  secretId: string;
  secretKey: string;
  token?: string;
  /** Where they came from, for messages (never the values). */
  source: string;
}

export const CREDENTIALS_HELP =
  'set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (console.cloud.tencent.com/cam/capi), ' +
  'or STOREFRONT_CLOUD_KEYFILE to a JSON file {"secretId","secretKey"} kept outside the repo';

/** null when none are configured; throws when configured but unusable. */
export function findCloudCredentials(
  env: NodeJS.ProcessEnv = process.env,
): CloudCredentials | null {
  const keyFile = env.STOREFRONT_CLOUD_KEYFILE?.trim();
  if (keyFile) {
    let parsed: { secretId?: unknown; secretKey?: unknown; token?: unknown };
    try {
      parsed = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as typeof parsed;
    } catch (error) {
      throw new DeployError(`STOREFRONT_CLOUD_KEYFILE ${keyFile}: ${(error as Error).message}`);
    }
    if (typeof parsed.secretId !== 'string' || typeof parsed.secretKey !== 'string') {
      throw new DeployError(`STOREFRONT_CLOUD_KEYFILE ${keyFile} needs "secretId" and "secretKey"`);
    }
    return {
      secretId: parsed.secretId,
      secretKey: parsed.secretKey,
      token: typeof parsed.token === 'string' ? parsed.token : undefined,
      source: keyFile,
    };
  }
  const secretId = env.TENCENTCLOUD_SECRETID?.trim();
  const secretKey = env.TENCENTCLOUD_SECRETKEY?.trim();
  if (!secretId || !secretKey) return null;
  return {
    secretId,
    secretKey,
    token: env.TENCENTCLOUD_SESSIONTOKEN?.trim() || undefined,
    source: 'TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY',
  };
}

/** The manager-node client for `envId` (loaded lazily: it is large and only the cloud path needs it). */
export function cloudManager(envId: string, credentials: CloudCredentials): CloudBaseManager {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Manager = require('@cloudbase/manager-node') as typeof CloudBase;
  return new Manager({
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
    token: credentials.token,
    envId,
  });
}

/** The manager-node client (its own type; `export =` class). */
export type CloudBaseManager = CloudBase;
