// A pool of worker threads for one function, created lazily, each serving one invocation at a
// time. A worker whose invocation times out is terminated and replaced, like a killed container.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { InvokeMessage, ReadyMessage, ResultMessage, WorkerData } from './protocol';

// Workers do not get the tsx loader from `node --import tsx` on Node 20, so each worker
// registers tsx's CommonJS hook itself before loading worker.ts.
const WORKER_FILE = path.join(__dirname, 'worker.ts');
const BOOTSTRAP = `require('tsx/cjs'); require(${JSON.stringify(WORKER_FILE)});`;
const START_TIMEOUT_MS = 30_000;

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

export class WorkerPool {
  private readonly idle: PooledWorker[] = [];
  private readonly waiting: Array<(worker: Promise<PooledWorker>) => void> = [];
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
    if (this.size < this.maxWorkers) return this.spawn();
    return new Promise((resolve, reject) =>
      this.waiting.push((next) => next.then(resolve, reject)),
    );
  }

  private async spawn(): Promise<PooledWorker> {
    this.size++;
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { entry: this.entry } satisfies WorkerData,
    });
    try {
      await awaitMessage<ReadyMessage>(
        worker,
        START_TIMEOUT_MS,
        () => new Error('function worker did not start'),
      );
    } catch (error) {
      this.size--;
      void worker.terminate();
      throw error;
    }
    return { worker, lastEnv: [], cold: true };
  }

  private release(pooled: PooledWorker): void {
    const next = this.waiting.shift();
    if (next) next(Promise.resolve(pooled));
    else this.idle.push(pooled);
  }

  private discard(pooled: PooledWorker): void {
    void pooled.worker.terminate();
    this.size--;
    const next = this.waiting.shift();
    if (next) next(this.spawn());
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
