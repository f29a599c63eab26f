// The version and description an upload carries: package.json "version" and the current commit,
// so a version in the WeChat console points back at the code it came from.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ReleaseInfo {
  version: string;
  description: string;
}

export function releaseInfo(root: string): ReleaseInfo {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return { version: pkg.version ?? '0.0.0', description: commitDescription(root) };
}

function commitDescription(root: string): string {
  try {
    const head = execFileSync('git', ['log', '-1', '--format=%h %s'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    // WeChat shows at most a short note; keep it readable in the console's version list.
    return `${head}${dirty ? ' (uncommitted changes)' : ''}`.slice(0, 100);
  } catch {
    return 'built outside git';
  }
}
