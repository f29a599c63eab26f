// One `npm start` per data directory: a second server (or `cloud:reset`) on a folder in use would
// write to files the running one no longer sees. The running server leaves its pid in the folder.
import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'server.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but someone else's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a live local cloud serving `dataDir`, or null (a stale lock is ignored). */
export function runningServerPid(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8').trim());
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}

/** Marks `dataDir` as served by this process; the returned function releases it. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => fs.rmSync(file, { force: true });
}
