// Durability: every write is one line in an append-only log, written synchronously as the write
// is applied (so a write and its log line are atomic with respect to other requests). The log is
// fdatasync'd in groups, off the event loop: durable() resolves once every line written so far is
// on disk, and no answer reflecting a write is sent before that (group commit). A line holds the
// post-images of the documents it changed, so replay is idempotent. A torn last line (crash
// mid-append) was never acknowledged and is ignored.
//
// Compaction folds the log into a snapshot (temp file + fsync + rename + directory fsync). On
// start it runs at once; while serving, once the log outgrows the snapshot (and 8 MB), it runs in
// the background so that no request waits for the whole database to be written (10,000 orders
// took 300 ms): the log is renamed to db.log.folding and writes go on into a fresh db.log; the
// snapshot is written a hundred documents at a time (stored documents are replaced, never
// changed in place, so the view taken at the rename stays as it was); then the folded log is
// removed. A crash in between leaves snapshot, folded log and log, replayed in that order: the
// folded log's post-images only repeat what a newer snapshot holds, so any of them is right.
import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import type { Change, Doc } from './types';

const SNAPSHOT_FILE = 'db.snapshot.ejson';
const LOG_FILE = 'db.log';
const FOLDING_LOG_FILE = 'db.log.folding';
/** The log is folded once it is at least this long and longer than the snapshot. */
export const DEFAULT_COMPACT_BYTES = 8 * 1024 * 1024;
/** Documents serialized per step of a background compaction (about 5 ms here). */
const DOCS_PER_STEP = 100;

export type Collections = Map<string, Map<string, Doc>>;

type SnapshotView = Array<[name: string, docs: Doc[]]>;

interface FlushWaiter {
  line: number;
  resolve(): void;
  reject(error: Error): void;
}

export class DurableLog {
  private fd: number;
  /** Lines written, and how many of them are known to be on disk. */
  private written = 0;
  private flushed = 0;
  /** The descriptor a flush is running on, or null. */
  private flushing: number | null = null;
  /** The renamed log's descriptor, closed once the flush running on it ends. */
  private closeAfterFlush: number | null = null;
  private waiters: FlushWaiter[] = [];
  private logBytes = 0;
  private snapshotBytes = 0;
  private compacting = false;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly compactBytes: number,
  ) {
    this.fd = fs.openSync(path.join(dir, LOG_FILE), 'a');
  }

  /** Loads snapshot + logs into memory, compacts, and returns the collections. */
  static open(
    dir: string,
    compactBytes = DEFAULT_COMPACT_BYTES,
  ): { log: DurableLog; collections: Collections } {
    fs.mkdirSync(dir, { recursive: true });
    const collections = readSnapshot(path.join(dir, SNAPSHOT_FILE));
    replayLog(path.join(dir, FOLDING_LOG_FILE), collections);
    replayLog(path.join(dir, LOG_FILE), collections);
    const log = new DurableLog(dir, compactBytes);
    log.compact(collections);
    return { log, collections };
  }

  /** Writes the line; durable() says when it is on disk. */
  append(changes: Change[]): void {
    if (changes.length === 0) return;
    this.logBytes += fs.writeSync(this.fd, EJSON.stringify(changes, { relaxed: false }) + '\n');
    this.written++;
  }

  /** Starts a background compaction once the log is long enough; called after a write. */
  compactIfDue(collections: Collections): void {
    if (this.compacting) return;
    if (this.logBytes < Math.max(this.compactBytes, this.snapshotBytes)) return;
    void this.compactInBackground(collections);
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
    if (this.flushing !== null) return;
    const fd = this.fd;
    this.flushing = fd;
    const target = this.written;
    fs.fdatasync(fd, (error) => {
      this.flushing = null;
      if (this.closeAfterFlush === fd) {
        fs.close(fd, () => undefined);
        this.closeAfterFlush = null;
      }
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

  /** On start: the whole state into the snapshot, then both logs dropped. */
  private compact(collections: Collections): void {
    const temp = this.snapshotTemp();
    const fd = fs.openSync(temp, 'w');
    let bytes = 0;
    for (const chunk of snapshotChunks(viewOf(collections), Infinity)) {
      bytes += fs.writeSync(fd, chunk);
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    this.installSnapshot(temp, bytes);
    // Only after the snapshot is durable may the logs it contains be dropped.
    fs.rmSync(path.join(this.dir, FOLDING_LOG_FILE), { force: true });
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
    fsyncDirectory(this.dir);
    this.logBytes = 0;
    // The snapshot holds every line written so far.
    this.flushed = this.written;
    this.settle();
  }

  private async compactInBackground(collections: Collections): Promise<void> {
    this.compacting = true;
    try {
      this.rotate();
    } catch (error) {
      this.compacting = false;
      console.error('[local-cloud] could not start compacting the database log:', error);
      return;
    }
    const view = viewOf(collections);
    const temp = path.join(this.dir, `${SNAPSHOT_FILE}.folding.tmp`);
    try {
      const file = await fs.promises.open(temp, 'w');
      let bytes = 0;
      try {
        for (const chunk of snapshotChunks(view, DOCS_PER_STEP)) {
          if (this.closed) break;
          bytes += (await file.write(chunk)).bytesWritten;
        }
        await file.sync();
      } finally {
        await file.close();
      }
      // Closed meanwhile: another process may own the folder now; the files stay as they are.
      if (this.closed) return;
      this.installSnapshot(temp, bytes);
      fs.rmSync(path.join(this.dir, FOLDING_LOG_FILE), { force: true });
      fsyncDirectory(this.dir);
    } catch (error) {
      // The folded log stays and is replayed on start; the next fold, once as much again has
      // been written, tries again.
      this.logBytes = 0;
      console.error('[local-cloud] compacting the database log failed:', error);
    } finally {
      this.compacting = false;
    }
  }

  /**
   * Moves the log aside (db.log → db.log.folding) and goes on in a fresh one. After a fold that
   * failed, the folded log is still there and not yet in any snapshot: it stays, and the log
   * goes on too; the next snapshot covers both.
   */
  private rotate(): void {
    const logFile = path.join(this.dir, LOG_FILE);
    const foldingFile = path.join(this.dir, FOLDING_LOG_FILE);
    if (fs.existsSync(foldingFile)) return;
    // Every line so far on disk, so the log to fold is complete; then writes go on elsewhere.
    fs.fdatasyncSync(this.fd);
    this.flushed = Math.max(this.flushed, this.written);
    fs.renameSync(logFile, foldingFile);
    let fresh: number;
    try {
      fresh = fs.openSync(logFile, 'a');
    } catch (error) {
      fs.renameSync(foldingFile, logFile); // as it was
      throw error;
    }
    const folded = this.fd;
    this.fd = fresh;
    this.logBytes = 0;
    if (this.flushing === folded) this.closeAfterFlush = folded;
    else fs.closeSync(folded);
    fsyncDirectory(this.dir);
    this.settle();
  }

  private snapshotTemp(): string {
    return path.join(this.dir, `${SNAPSHOT_FILE}.tmp`);
  }

  private installSnapshot(temp: string, bytes: number): void {
    fs.renameSync(temp, path.join(this.dir, SNAPSHOT_FILE));
    fsyncDirectory(this.dir);
    this.snapshotBytes = bytes;
  }

  close(): void {
    this.closed = true;
    if (this.flushed < this.written) fs.fdatasyncSync(this.fd);
    this.flushed = this.written;
    this.settle();
    fs.closeSync(this.fd);
  }
}

/** Every collection's documents as they are now (a copy of the lists, not of the documents). */
function viewOf(collections: Collections): SnapshotView {
  return [...collections].map(([name, docs]) => [name, [...docs.values()]]);
}

/** The snapshot's text, `{"<collection>":[<doc>,…],…}` in canonical EJSON, in pieces. */
function* snapshotChunks(view: SnapshotView, docsPerChunk: number): Generator<string> {
  yield '{';
  for (const [index, [name, docs]] of view.entries()) {
    yield `${index ? ',' : ''}${JSON.stringify(name)}:[`;
    for (let start = 0; start < docs.length; start += docsPerChunk) {
      const part = docs.slice(start, start + docsPerChunk);
      yield (
        (start ? ',' : '') + part.map((doc) => EJSON.stringify(doc, { relaxed: false })).join(',')
      );
    }
    yield ']';
  }
  yield '}';
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
