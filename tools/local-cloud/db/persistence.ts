// Durability: every write is one line in an append-only log, written synchronously as the write
// is applied (so a write and its log line are atomic with respect to other requests). The log is
// fdatasync'd in groups, off the event loop: durable() resolves once every line written so far is
// on disk, and no answer reflecting a write is sent before that (group commit). A line holds the
// post-images of the documents it changed, so replay is idempotent. On start, and when the log
// grows, the state is compacted into a snapshot (temp file + fsync + rename + directory fsync) and
// the log is truncated. A torn last line (crash mid-append) was never acknowledged and is ignored.
import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import type { Change, Doc } from './types';

const SNAPSHOT_FILE = 'db.snapshot.ejson';
const LOG_FILE = 'db.log';

export type Collections = Map<string, Map<string, Doc>>;

interface FlushWaiter {
  line: number;
  resolve(): void;
  reject(error: Error): void;
}

export class DurableLog {
  private fd: number;
  private linesSinceCompaction = 0;
  /** Lines written, and how many of them are known to be on disk. */
  private written = 0;
  private flushed = 0;
  private flushing = false;
  private waiters: FlushWaiter[] = [];

  private constructor(
    private readonly dir: string,
    private readonly compactEvery: number,
  ) {
    this.fd = fs.openSync(path.join(dir, LOG_FILE), 'a');
  }

  /** Loads snapshot + log into memory, compacts, and returns the collections. */
  static open(dir: string, compactEvery = 5000): { log: DurableLog; collections: Collections } {
    fs.mkdirSync(dir, { recursive: true });
    const collections = readSnapshot(path.join(dir, SNAPSHOT_FILE));
    replayLog(path.join(dir, LOG_FILE), collections);
    const log = new DurableLog(dir, compactEvery);
    log.compact(collections);
    return { log, collections };
  }

  /** Writes the line; durable() says when it is on disk. */
  append(changes: Change[]): void {
    if (changes.length === 0) return;
    fs.writeSync(this.fd, EJSON.stringify(changes, { relaxed: false }) + '\n');
    this.written++;
    this.linesSinceCompaction++;
  }

  /** Compacts once the log is long enough; called after the written changes are applied. */
  compactIfDue(collections: Collections): void {
    if (this.linesSinceCompaction >= this.compactEvery) this.compact(collections);
  }

  /** Resolves once every line written so far is on disk: one fdatasync for all lines waiting. */
  durable(): Promise<void> {
    if (this.flushed >= this.written) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) =>
      this.waiters.push({ line: this.written, resolve, reject }),
    );
    this.flush();
    return done;
  }

  private flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    const target = this.written;
    fs.fdatasync(this.fd, (error) => {
      this.flushing = false;
      if (!error) this.flushed = Math.max(this.flushed, target);
      this.settle(error ?? undefined);
      if (this.waiters.length > 0) this.flush();
    });
  }

  /** Answers the waiters whose lines are on disk (all of them, with the error, on failure). */
  private settle(error?: Error): void {
    const ready = error ? this.waiters : this.waiters.filter((w) => w.line <= this.flushed);
    this.waiters = error ? [] : this.waiters.filter((w) => w.line > this.flushed);
    for (const waiter of ready) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }

  compact(collections: Collections): void {
    const snapshot: Record<string, Doc[]> = {};
    for (const [name, docs] of collections) snapshot[name] = [...docs.values()];
    const target = path.join(this.dir, SNAPSHOT_FILE);
    const temp = `${target}.tmp`;
    const fd = fs.openSync(temp, 'w');
    fs.writeSync(fd, EJSON.stringify(snapshot, { relaxed: false }));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, target);
    fsyncDirectory(this.dir);
    // Only after the snapshot is durable may the log it contains be dropped.
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
    this.linesSinceCompaction = 0;
    // The snapshot holds every line written so far.
    this.flushed = this.written;
    this.settle();
  }

  close(): void {
    if (this.flushed < this.written) fs.fdatasyncSync(this.fd);
    this.flushed = this.written;
    this.settle();
    fs.closeSync(this.fd);
  }
}

export function applyChanges(collections: Collections, changes: Change[]): void {
  for (const { coll, id, doc } of changes) {
    let docs = collections.get(coll);
    if (!docs) {
      docs = new Map();
      collections.set(coll, docs);
    }
    if (doc) docs.set(id, doc);
    else docs.delete(id);
  }
}

function readSnapshot(file: string): Collections {
  const collections: Collections = new Map();
  if (!fs.existsSync(file)) return collections;
  const snapshot = EJSON.parse(fs.readFileSync(file, 'utf8'), { relaxed: true }) as Record<
    string,
    Doc[]
  >;
  for (const [name, docs] of Object.entries(snapshot)) {
    collections.set(name, new Map(docs.map((doc) => [doc._id, doc])));
  }
  return collections;
}

function replayLog(file: string, collections: Collections): void {
  if (!fs.existsSync(file)) return;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    let changes: Change[];
    try {
      changes = EJSON.parse(line, { relaxed: true }) as Change[];
    } catch (error) {
      if (index >= lines.length - 2) break; // torn final line: never acknowledged
      throw new Error(`corrupt database log line ${index + 1}: ${(error as Error).message}`);
    }
    applyChanges(collections, changes);
  }
}

function fsyncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
