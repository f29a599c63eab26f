// Runs one of the project's command-line tools (tools/…/*.ts) as a user would, asynchronously:
// a blocking spawnSync would starve this test process's own open SDK connections to the local
// cloud, which the server then closes under it ("socket hang up").
import { execFile } from 'node:child_process';
import path from 'node:path';

const PROJECT_ROOT = path.resolve(__dirname, '../..');

export interface ToolRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function runTool(script: string, args: string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(PROJECT_ROOT, script), ...args],
      { cwd: PROJECT_ROOT, encoding: 'utf8' },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
