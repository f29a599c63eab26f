// WeChat's own WXML (wcc) and WXSS (wcsc) compilers, shipped by miniprogram-compiler.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type WxKind = 'wxml' | 'wxss';

const platformDir: Record<string, string> = { linux: 'linux', darwin: 'mac', win32: 'windows' };

export function compilerPath(kind: WxKind): string {
  const dir = platformDir[process.platform];
  if (!dir) throw new Error(`WeChat's compilers do not run on ${process.platform}`);
  const name = (kind === 'wxml' ? 'wcc' : 'wcsc') + (process.platform === 'win32' ? '.exe' : '');
  const file = path.join(
    path.dirname(require.resolve('miniprogram-compiler/package.json')),
    'bin',
    dir,
    name,
  );
  // npm does not keep the executable bit on these binaries.
  fs.chmodSync(file, 0o755);
  return file;
}

export interface CompileOutcome {
  ok: boolean;
  message: string;
}

/** The files a WXSS file @imports, transitively (paths relative to root): wcsc needs them too. */
function wxssImports(root: string, relativeFile: string, seen = new Set<string>()): string[] {
  const text = fs.readFileSync(path.join(root, relativeFile), 'utf8');
  for (const match of text.matchAll(/@import\s+["']([^"']+)["']/g)) {
    const imported = path.posix.normalize(
      path.posix.join(path.posix.dirname(relativeFile), match[1]),
    );
    if (seen.has(imported) || !fs.existsSync(path.join(root, imported))) continue;
    seen.add(imported);
    wxssImports(root, imported, seen);
  }
  return [...seen];
}

/** Compiles one file (path relative to root) and returns the compiler's own complaint, if any. */
export function compileOne(root: string, relativeFile: string, kind: WxKind): CompileOutcome {
  const args =
    kind === 'wxml'
      ? ['-d', '-cc', '0', relativeFile, '-gn', '$gwx']
      : ['-db', '-pc', '0', relativeFile, ...wxssImports(root, relativeFile)];
  const run = spawnSync(compilerPath(kind), args, {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  const message = (run.stderr || '').replace(/error file count: \d+/, '').trim();
  return { ok: run.status === 0, message };
}
