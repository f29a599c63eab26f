// The real wx-server-sdk database, pointed at the local cloud or at a CloudBase environment, for
// the tools that write documents from a developer's machine (owner-code, import-store).
//   local: the variables docs/LOCAL-CLOUD.md lists, so the unmodified SDK talks to 127.0.0.1
//   cloud: the environment id and Tencent Cloud API keys (see cloud-credentials.ts)
// The SDK is one singleton per process: connect once, to one target.
import * as cloud from 'wx-server-sdk';
import type { CloudCredentials } from './cloud-credentials';

export type Database = ReturnType<typeof cloud.database>;

export type DatabaseTarget =
  { kind: 'local'; url: string } | { kind: 'cloud'; envId: string; credentials: CloudCredentials };

export const DEFAULT_LOCAL_CLOUD_URL = 'http://127.0.0.1:3900';

/** The environment the SDK needs to use the local cloud at `url`. */
export function localCloudEnv(url: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url.replace(/\/+$/, '')}/admin` }),
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_SECRETID: 'local-cloud',
    TENCENTCLOUD_SECRETKEY: 'local-cloud',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TCB_ENV: 'local',
    SCF_NAMESPACE: 'local',
  };
}

export function connectDatabase(target: DatabaseTarget): Database {
  if (target.kind === 'cloud') {
    const { secretId, secretKey, token } = target.credentials;
    cloud.init({
      env: target.envId,
      secretId,
      secretKey,
      ...(token ? { sessionToken: token } : {}),
    } as Parameters<typeof cloud.init>[0]);
    return cloud.database();
  }
  Object.assign(process.env, localCloudEnv(target.url));
  cloud.init({ env: 'local' });
  return cloud.database();
}

/** Where `target` is, for messages (never the keys). */
export function describeTarget(target: DatabaseTarget): string {
  return target.kind === 'local'
    ? `local cloud ${target.url}`
    : `environment ${target.envId} (keys from ${target.credentials.source})`;
}
