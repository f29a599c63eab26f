// Builds miniprogram/miniprogram_npm with WeChat's own packer (miniprogram-ci), offline.
// Skipped when package-lock.json has not changed since the last pack.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './config';

const STAMP = 'miniprogram/miniprogram_npm/.packed-from';

function lockHash(root: string): string {
  const lock = path.join(root, 'package-lock.json');
  const source = fs.existsSync(lock) ? lock : path.join(root, 'package.json');
  return crypto.createHash('sha1').update(fs.readFileSync(source)).digest('hex');
}

export async function packNpm(root = projectRoot, force = false): Promise<'packed' | 'up to date'> {
  const stamp = path.join(root, STAMP);
  const hash = lockHash(root);
  if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) {
    return 'up to date';
  }
  // miniprogram-ci resolves paths against the working directory.
  const cwd = process.cwd();
  process.chdir(root);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ci = require('miniprogram-ci') as {
      packNpmManually(options: {
        packageJsonPath: string;
        miniprogramNpmDistDir: string;
      }): Promise<{ warnList: Array<{ msg: string }> }>;
    };
    const result = await ci.packNpmManually({
      packageJsonPath: './package.json',
      miniprogramNpmDistDir: './miniprogram/',
    });
    for (const warning of result.warnList) console.warn(`packNpm: ${warning.msg}`);
  } finally {
    process.chdir(cwd);
  }
  fs.writeFileSync(stamp, hash);
  return 'packed';
}
