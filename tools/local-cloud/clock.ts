// The local cloud's clock: real time plus an offset that tests move forward (POST /clock), so
// expiries, timer triggers and the functions' own `Date` can be driven without waiting. The
// offset lives in shared memory: every function worker reads it on each `Date.now()` / `new
// Date()` (functions/worker.ts), and the emulator reads it wherever it tells the time (payment
// expiry and timestamps, `db.serverDate()`, timer triggers, outbox entries). Timeouts and
// durations (function timeouts, transaction idle time, fsync grouping) stay in real time.

class Clock {
  /** Milliseconds added to real time, as a Float64 shared with the function workers. */
  readonly shared = new SharedArrayBuffer(8);
  private readonly offset = new Float64Array(this.shared);

  now(): number {
    return Date.now() + this.offset[0];
  }

  date(): Date {
    return new Date(this.now());
  }

  get offsetMs(): number {
    return this.offset[0];
  }

  /** Moves the clock forward by `ms` (time never runs backwards, except by reset()). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('the clock only moves forward (ms ≥ 0)');
    this.offset[0] += ms;
  }

  /** Back to real time. */
  reset(): void {
    this.offset[0] = 0;
  }
}

/** One per process (the local cloud is one per process). */
export const clock = new Clock();
