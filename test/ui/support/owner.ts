// Makes `openid` the owner of a demo store the deploy way: owner-code prints a setup code into
// the local cloud, then the person claims it (staff.claimOwner).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { apiAs } from './order-flow';

export async function becomeOwner(
  cloudUrl: string,
  openid: string,
  code: string,
  storeId = 'xujiahui',
): Promise<void> {
  const tool = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/staff/owner-code.ts',
      '--url',
      cloudUrl,
      '--store',
      storeId,
      '--code',
      code,
    ],
    { cwd: path.join(__dirname, '../../..'), encoding: 'utf8' },
  );
  if (tool.status !== 0) throw new Error(`owner-code failed: ${tool.stderr}`);
  await apiAs(cloudUrl, openid, 'staff.claimOwner', { code });
}
