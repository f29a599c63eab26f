// Runs inside a worker thread: one warm "container" for one function, serving one invocation at
// a time. wx-server-sdk reads identity (WX_*), SOURCE and the backend URL from process.env on
// every call, and a worker thread has its own copy of process.env, so setting it per
// invocation gives each concurrent invocation its own context. pool.ts compiles this file to
// plain JavaScript for the worker: import only Node's own modules here (and types).
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { InvokeMessage, ReadyMessage, ResultMessage, WorkerData } from './protocol';

type Handler = (event: unknown, context: unknown) => unknown;

const port = parentPort;
if (!port) throw new Error('functions/worker.ts must run in a worker thread');
const { entry, clock } = workerData as WorkerData;

// The local cloud's clock (clock.ts): Date.now() and new Date() read real time plus the offset
// in shared memory, so a test that moves the clock forward moves the function's time too.
// Dates built from a value, Date.parse/UTC and instanceof are untouched.
if (clock) {
  const offset = new Float64Array(clock);
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const now = (): number => realNow() + offset[0];
  RealDate.now = now;
  const ShiftedDate = new Proxy(RealDate, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as object,
    apply: () => new RealDate(now()).toString(),
  });
  // So that `new Date().constructor === Date` still holds.
  RealDate.prototype.constructor = ShiftedDate;
  globalThis.Date = ShiftedDate;
}

// Load the function once, before the first invocation (module-level cloud.init() runs here),
// so start-up is not counted against the function's timeout. A load error is reported by the
// invocations, like a function that fails to initialise.
let handler: Handler | undefined;
let loadError: Error | undefined;
try {
  handler = (createRequire(entry)(entry) as { main?: Handler }).main;
  if (typeof handler !== 'function') loadError = new Error(`${entry} does not export main`);
} catch (error) {
  loadError = error instanceof Error ? error : new Error(String(error));
}
port.postMessage({ ready: true } satisfies ReadyMessage);

port.on('message', (message: InvokeMessage) => {
  void invoke(message).then((reply) => port.postMessage(reply));
});

async function invoke(message: InvokeMessage): Promise<ResultMessage> {
  for (const key of message.unset) delete process.env[key];
  Object.assign(process.env, message.env);
  try {
    if (loadError || !handler) throw loadError;
    const result = await handler(message.event, message.context);
    // The cloud returns results as JSON; do the same so callers see exactly that.
    return { ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    return { ok: false, error: { message: err.message, stack: err.stack } };
  }
}
