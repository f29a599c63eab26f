// One local cloud per data directory: a second `npm start` (or a `cloud:reset`) on a folder in use
// would write to files the running one no longer sees. The server holds an exclusive lock on
// `server.lock` (fcntl/flock, LockFileEx on Windows), which the operating system drops the moment
// the process ends, however it ends: kill -9, a crash or a reboot never leave the folder blocked,
// and no file ever needs deleting by hand. `server.pid` only names the holder in messages.
import fs from 'node:fs';
import path from 'node:path';
import { tryLock } from 'fs-native-extensions';

const LOCK_FILE = 'server.lock';
const PID_FILE = 'server.pid';

export type DataDirLock = { release: () => void } | { heldBy: number | null };

/**
 * Takes `dataDir` for this process until `release()` or exit, or says who holds it: `heldBy`
 * is the holder's pid, or null when it cannot be told.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const fd = fs.openSync(path.join(dataDir, LOCK_FILE), 'a');
  if (!tryLock(fd)) {
    fs.closeSync(fd);
    return { heldBy: holderPid(dataDir) };
  }
  const pidFile = path.join(dataDir, PID_FILE);
  fs.writeFileSync(pidFile, `${process.pid}\n`);
  return {
    release() {
      fs.rmSync(pidFile, { force: true });
      fs.closeSync(fd); // closing the only descriptor drops the lock
    },
  };
}

/** Empties `dataDir` but for the lock the caller holds (its file must stay where it is). */
export function wipeDataDir(dataDir: string): void {
  for (const name of fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : []) {
    if (name !== LOCK_FILE && name !== PID_FILE)
      fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
  }
}

function holderPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
