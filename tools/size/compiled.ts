// The compiled figure: the mini program as WeChat's own compiler builds it for an upload
// (miniprogram-ci getCompiledResult: TypeScript compiled, ES6 → ES5 with its helpers, minified,
// unused files left out), file by file. Offline; about a minute on two cores.
import { fork } from 'node:child_process';
import path from 'node:path';

/** Bytes of each compiled file, by path relative to the mini program root. */
export function compiledFiles(projectRoot: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = fork(path.join(__dirname, 'compiled-worker.ts'), [projectRoot], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let settled = false;
    child.on('message', (message: { files?: Record<string, number>; error?: string }) => {
      settled = true;
      if (message.files) resolve(message.files);
      else reject(new Error(message.error ?? 'compile failed'));
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`compile exited with ${code}: ${stderr.trim().slice(-2000)}`));
    });
  });
}
