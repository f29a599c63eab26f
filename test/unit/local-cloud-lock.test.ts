// `npm start` and `npm run cloud:reset` refuse a data folder that a running local cloud serves
// (wiping it under the server would silently lose every write made afterwards), and only then:
// the lock is the operating system's, so a server killed with kill -9 frees the folder at once,
// even before its parent reaps it, and a pid left in the folder never blocks it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockDataDir } from '../../tools/local-cloud/data-lock';

jest.setTimeout(60_000);

const START = path.join(__dirname, '../../tools/local-cloud/start.ts');
const DATA_LOCK = path.join(__dirname, '../../tools/local-cloud/data-lock.ts');
let dataDir: string;
const children: ChildProcess[] = [];
const holders: number[] = [];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
});
afterEach(() => {
  for (const pid of holders.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const child of children.splice(0)) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A process holding the folder as `npm start` does. Its parent is `sleep`, which never reaps
 * its children: once killed, the holder stays a zombie whose pid still answers kill(pid, 0).
 */
function holder(): Promise<number> {
  const script =
    `require(${JSON.stringify(DATA_LOCK)}).lockDataDir(${JSON.stringify(dataDir)});` +
    `console.log('locked ' + process.pid); setInterval(() => {}, 60000);`;
  const quoted = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;
  const command = `${quoted(process.execPath)} --import tsx -e ${quoted(script)} & exec sleep 60`;
  const parent = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(parent);
  return new Promise((resolve, reject) => {
    let output = '';
    parent.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /locked (\d+)/.exec(output);
      if (!match) return;
      holders.push(Number(match[1]));
      resolve(Number(match[1]));
    });
    parent.once('exit', () => reject(new Error(`holder exited: ${output}`)));
  });
}

/** Waits until `pid` has exited (a zombie on Linux: /proc shows state Z until it is reaped). */
async function exited(pid: number): Promise<void> {
  const stat = `/proc/${pid}/stat`;
  for (let i = 0; i < 100; i++) {
    if (!fs.existsSync('/proc')) return new Promise((resolve) => setTimeout(resolve, 1000));
    const state = fs.existsSync(stat) ? fs.readFileSync(stat, 'utf8').split(') ')[1]?.[0] : 'gone';
    if (state === 'Z' || state === 'gone') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`pid ${pid} did not exit`);
}

function reset() {
  return spawnSync('npx', ['tsx', START, '--reset', '--no-serve'], {
    env: { ...process.env, LOCAL_CLOUD_DATA: dataDir },
    encoding: 'utf8',
  });
}

it('cloud:reset refuses while a server holds the folder, and leaves the data alone', async () => {
  fs.writeFileSync(path.join(dataDir, 'db.log'), 'precious\n');
  const pid = await holder();
  expect(lockDataDir(dataDir)).toEqual({ heldBy: pid });
  const run = reset();
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`a local cloud (pid ${pid}) is serving ${dataDir}`);
  expect(fs.readFileSync(path.join(dataDir, 'db.log'), 'utf8')).toBe('precious\n');
});

it('a server killed with kill -9 frees the folder at once, even before it is reaped', async () => {
  const pid = await holder();
  process.kill(pid, 'SIGKILL');
  await exited(pid);
  expect(() => process.kill(pid, 0)).not.toThrow(); // the unreaped pid still answers
  const run = reset();
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'db.log'))).toBe(true); // wiped and re-seeded
});

it('a pid left in the folder never blocks it, whoever has that pid now (after a reboot)', () => {
  const other = spawn('sleep', ['60']);
  children.push(other);
  fs.writeFileSync(path.join(dataDir, 'server.pid'), `${other.pid}\n`);
  expect(reset().status).toBe(0);
});

it('a lock is held until released, within one process too', () => {
  const lock = lockDataDir(dataDir);
  expect(lock).toHaveProperty('release');
  expect(lockDataDir(dataDir)).toEqual({ heldBy: process.pid });
  if ('release' in lock) lock.release();
  const again = lockDataDir(dataDir);
  expect(again).toHaveProperty('release');
  if ('release' in again) again.release();
});
