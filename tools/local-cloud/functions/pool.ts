// A pool of worker threads for one function, created lazily, each serving one invocation at a
// time. A worker whose invocation times out is terminated and replaced, like a killed container.
// A call that finds every worker busy starts one more in the background (up to the limit) and
// takes whichever is free first: a warm worker finishing its call usually beats a cold start.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { transformSync } from 'esbuild';
import { clock } from '../clock';
import type { InvokeMessage, ReadyMessage, ResultMessage, WorkerData } from './protocol';

const START_TIMEOUT_MS = 30_000;

// Workers run worker.ts as plain JavaScript, compiled once: no TypeScript loader in a function's
// thread, so its require()s cost what they cost in the cloud, and a worker starts faster.
let workerSource: string | undefined;
function workerCode(): string {
  workerSource ??= transformSync(fs.readFileSync(path.join(__dirname, 'worker.ts'), 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
  }).code;
  return workerSource;
}

export class InvocationTimeout extends Error {
  constructor(seconds: number) {
    super(`Invoking task timed out after ${seconds} seconds`);
  }
}

interface PooledWorker {
  worker: Worker;
  /** Variables this worker's last invocation set, to unset before the next one. */
  lastEnv: string[];
  /** Started for the invocation it is about to run, rather than reused warm. */
  cold: boolean;
}

interface Waiter {
  resolve(worker: PooledWorker): void;
  reject(error: Error): void;
}

export class WorkerPool {
  private readonly idle: PooledWorker[] = [];
  private readonly waiting: Waiter[] = [];
  /** Workers running or starting. */
  private size = 0;

  constructor(
    private readonly entry: string,
    private readonly maxWorkers: number,
  ) {}

  /** `dispatched` is told when a worker takes the event: the wait is over, the run starts. */
  async run(
    message: Omit<InvokeMessage, 'unset'>,
    timeoutSeconds: number,
    dispatched: (coldStart: boolean) => void,
  ): Promise<ResultMessage> {
    const pooled = await this.acquire();
    const unset = pooled.lastEnv.filter((key) => !(key in message.env));
    pooled.lastEnv = Object.keys(message.env);
    dispatched(pooled.cold);
    pooled.cold = false;
    try {
      const result = await this.send(pooled.worker, { ...message, unset }, timeoutSeconds);
      this.release(pooled);
      return result;
    } catch (error) {
      this.discard(pooled);
      throw error;
    }
  }

  async close(): Promise<void> {
    const workers = this.idle.splice(0);
    await Promise.all(workers.map((pooled) => pooled.worker.terminate()));
  }

  private send(
    worker: Worker,
    message: InvokeMessage,
    timeoutSeconds: number,
  ): Promise<ResultMessage> {
    return awaitMessage<ResultMessage>(
      worker,
      timeoutSeconds * 1000,
      () => new InvocationTimeout(timeoutSeconds),
      () => worker.postMessage(message),
    );
  }

  private acquire(): Promise<PooledWorker> {
    const ready = this.idle.pop();
    if (ready) return Promise.resolve(ready);
    const waited = new Promise<PooledWorker>((resolve, reject) =>
      this.waiting.push({ resolve, reject }),
    );
    if (this.size < this.maxWorkers) this.grow();
    return waited;
  }

  /** Starts a worker in the background; the first caller waiting then gets it. */
  private grow(): void {
    this.size++;
    const worker = new Worker(workerCode(), {
      eval: true,
      execArgv: [],
      workerData: { entry: this.entry, clock: clock.shared } satisfies WorkerData,
    });
    awaitMessage<ReadyMessage>(
      worker,
      START_TIMEOUT_MS,
      () => new Error('function worker did not start'),
    ).then(
      () => this.release({ worker, lastEnv: [], cold: true }),
      (error: Error) => {
        this.size--;
        void worker.terminate();
        // Callers waiting still get a worker that is running; with none left, they all fail.
        if (this.size === 0) for (const waiter of this.waiting.splice(0)) waiter.reject(error);
        else console.error(`[local-cloud] a worker for ${this.entry} failed to start:`, error);
      },
    );
  }

  private release(pooled: PooledWorker): void {
    const next = this.waiting.shift();
    if (next) next.resolve(pooled);
    else this.idle.push(pooled);
  }

  private discard(pooled: PooledWorker): void {
    void pooled.worker.terminate();
    this.size--;
    if (this.waiting.length > 0) this.grow();
  }
}

/** Resolves with the worker's next message; rejects on error, exit or timeout. */
function awaitMessage<T>(
  worker: Worker,
  timeoutMs: number,
  onTimeout: () => Error,
  send?: () => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: T): void => (cleanup(), resolve(reply));
    const onError = (error: Error): void => (cleanup(), reject(error));
    const onExit = (code: number): void => (
      cleanup(),
      reject(new Error(`function worker exited with ${code}`))
    );
    const timer = setTimeout(() => (cleanup(), reject(onTimeout())), timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    send?.();
  });
}
