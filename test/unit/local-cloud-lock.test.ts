// `npm start` and `npm run cloud:reset` refuse a data folder that a running local cloud serves:
// wiping it under the server would silently lose every write made afterwards.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockDataDir, runningServerPid } from '../../tools/local-cloud/data-lock';

const START = path.join(__dirname, '../../tools/local-cloud/start.ts');
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** A live process standing in for a running server, with its pid in the lock file. */
function fakeServer(): { pid: number; stop(): Promise<void> } {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  fs.writeFileSync(path.join(dataDir, 'server.pid'), `${child.pid}\n`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    stop: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

function reset() {
  return spawnSync('npx', ['tsx', START, '--reset', '--no-serve'], {
    env: { ...process.env, LOCAL_CLOUD_DATA: dataDir },
    encoding: 'utf8',
  });
}

it('cloud:reset refuses while a server runs on the folder, and leaves the data alone', async () => {
  fs.writeFileSync(path.join(dataDir, 'db.log'), 'precious\n');
  const server = fakeServer();
  try {
    expect(runningServerPid(dataDir)).toBe(server.pid);
    const run = reset();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`a local cloud (pid ${server.pid}) is serving`);
    expect(fs.readFileSync(path.join(dataDir, 'db.log'), 'utf8')).toBe('precious\n');
  } finally {
    await server.stop();
  }
});

it('a lock left by a server that died is ignored; releasing removes it', async () => {
  await fakeServer().stop();
  expect(runningServerPid(dataDir)).toBeNull();
  expect(reset().status).toBe(0);

  const release = lockDataDir(dataDir);
  expect(fs.readFileSync(path.join(dataDir, 'server.pid'), 'utf8').trim()).toBe(
    String(process.pid),
  );
  release();
  expect(fs.existsSync(path.join(dataDir, 'server.pid'))).toBe(false);
});
