// `npm start`: build, start the local cloud, seed the demo store into an empty database and say
// what to open. `npm run cloud:reset` (--reset --no-serve): wipe the data directory, re-seed, exit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { lockDataDir, wipeDataDir } from './data-lock';
import { Database } from './db/database';
import { optionsFromEnv, PROJECT_ROOT, startLocalCloud } from './index';
import { seedIfEmpty } from './seed';

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const options = optionsFromEnv();
  const dataDir = options.dataDir!;
  // Held until this process ends; the operating system lets go of it even after kill -9.
  const lock = lockDataDir(dataDir);
  if ('heldBy' in lock) refuse(dataDir, lock.heldBy, args.has('--reset'));

  if (args.has('--reset')) {
    wipeDataDir(dataDir);
    console.log(`wiped ${dataDir}`);
  }
  if (args.has('--no-serve')) {
    const db = new Database({ dataDir });
    const written = await seedIfEmpty(db);
    db.close();
    lock.release();
    console.log(
      written > 0 ? `seeded ${written} demo documents` : 'database not empty; not seeded',
    );
    return;
  }

  build();
  const cloud = await startLocalCloud(options).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    console.error(
      `port ${options.port} is in use: is another local cloud running? Stop it, or start this ` +
        `one elsewhere: LOCAL_CLOUD_PORT=3901 LOCAL_CLOUD_DATA=.local-cloud-2 npm start`,
    );
    process.exit(1);
  });
  const written = await seedIfEmpty(cloud.db);
  if (written > 0) console.log(`seeded the demo store (${written} documents)`);
  console.log(`local cloud ready on ${cloud.url}`);
  console.log(`
  console       ${cloud.url}/
  health        ${cloud.url}/health
  data          ${cloud.dataDir}
  functions     ${cloud.functionsRoot}

  WeChat DevTools: open the project; with storefront.config.json
    "mode": "local", "localCloudUrl": "${cloud.url}"
  the mini program calls functions with wx.request to ${cloud.url}/functions/<name>
  (development only: the caller's openid travels in the x-wx-openid header).
  Tick "不校验合法域名" (do not verify domain names) in DevTools' local settings.

  Ctrl+C stops; then \`npm run cloud:reset\` wipes and re-seeds.`);
  const stop = (): void =>
    void cloud.stop().then(() => {
      lock.release();
      process.exit(0);
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** A running server owns the data directory: starting or resetting beside it loses writes. */
function refuse(dataDir: string, pid: number | null, reset: boolean): never {
  console.error(
    `a local cloud${pid === null ? '' : ` (pid ${pid})`} is serving ${dataDir}; stop it first ` +
      `(Ctrl+C where npm start runs), then run npm ${reset ? 'run cloud:reset' : 'start'} again`,
  );
  process.exit(1);
}

/** Builds the deployable functions when the build tool exists (it lives in tools/build). */
function build(): void {
  const buildScript = path.join(PROJECT_ROOT, 'tools/build/index.ts');
  if (!fs.existsSync(buildScript)) return;
  const result = spawnSync('npx', ['tsx', buildScript], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('build failed; not starting the local cloud');
    process.exit(result.status ?? 1);
  }
}

main().catch((error: unknown) => {
  console.error('[local-cloud]', error);
  process.exit(1);
});
