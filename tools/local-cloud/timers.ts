// Timer triggers from each function's config.json, checked once a second, and fired on demand
// by POST /timers/<function>/<trigger>/fire. The event is CloudBase's timer event shape. Time is
// the local cloud's clock (clock.ts): when a test moves it forward, each trigger due in the
// skipped time fires once (at its latest due second), if timers run on schedule.
import { type CronSchedule, parseCron } from './cron';
import type { FunctionCatalog } from './functions/catalog';
import type { FunctionRuntime } from './functions/runtime';
import { clock } from './clock';
import { CloudError } from './errors';

/** How far back a clock move looks for due triggers. */
const MAX_CATCH_UP_S = 7 * 24 * 3600;

export class Timers {
  private ticker?: NodeJS.Timeout;
  private running = false;
  private lastSecond = 0;
  private readonly schedules = new Map<string, CronSchedule | undefined>();

  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly runtime: FunctionRuntime,
  ) {}

  start(): void {
    this.running = true;
    this.lastSecond = Math.floor(clock.now() / 1000);
    this.ticker = setInterval(() => this.tick(), 250);
    this.ticker.unref();
  }

  stop(): void {
    this.running = false;
    clearInterval(this.ticker);
  }

  /**
   * After the clock moved from `fromMs` to `toMs`: fires each trigger due in between once, at
   * its latest due second, and resolves when they have run. Nothing when timers are off.
   */
  async catchUp(fromMs: number, toMs: number): Promise<void> {
    if (!this.running) return;
    const toSecond = Math.floor(toMs / 1000);
    const fromSecond = Math.max(Math.floor(fromMs / 1000), toSecond - MAX_CATCH_UP_S);
    this.lastSecond = toSecond;
    const runs: Array<Promise<unknown>> = [];
    for (const fn of this.catalog.list()) {
      for (const trigger of fn.triggers) {
        const schedule = this.schedule(`${fn.name}/${trigger.name}`, trigger.config);
        for (let second = toSecond; schedule && second > fromSecond; second--) {
          const at = new Date(second * 1000);
          if (!schedule.matches(at)) continue;
          runs.push(
            this.fire(fn.name, trigger.name, at).catch((error: Error) =>
              console.error(
                `[local-cloud] timer ${fn.name}/${trigger.name} failed: ${error.message}`,
              ),
            ),
          );
          break;
        }
      }
    }
    await Promise.all(runs);
  }

  list(): Array<{ function: string; trigger: string; config: string }> {
    return this.catalog
      .list()
      .flatMap((fn) =>
        fn.triggers.map((t) => ({ function: fn.name, trigger: t.name, config: t.config })),
      );
  }

  fire(functionName: string, triggerName: string, at = clock.date()): Promise<unknown> {
    const fn = this.catalog.get(functionName);
    const trigger = fn?.triggers.find((t) => t.name === triggerName);
    if (!fn || !trigger) {
      throw new CloudError('INVALID_PARAM', `no timer trigger ${functionName}/${triggerName}`);
    }
    const event = {
      Type: 'Timer',
      TriggerName: trigger.name,
      Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Message: '',
    };
    return this.runtime.invoke(fn.name, event, { source: 'wx_trigger' });
  }

  /** Parsed once per expression; a bad expression is reported once and never fires. */
  private schedule(label: string, expression: string): CronSchedule | undefined {
    if (!this.schedules.has(expression)) {
      try {
        this.schedules.set(expression, parseCron(expression));
      } catch (error) {
        console.error(`[local-cloud] timer ${label}: ${(error as Error).message}`);
        this.schedules.set(expression, undefined);
      }
    }
    return this.schedules.get(expression);
  }

  private tick(): void {
    const now = clock.date();
    const second = Math.floor(now.getTime() / 1000);
    if (second === this.lastSecond) return;
    this.lastSecond = second;
    for (const fn of this.catalog.list()) {
      for (const trigger of fn.triggers) {
        const schedule = this.schedule(`${fn.name}/${trigger.name}`, trigger.config);
        if (!schedule?.matches(now)) continue;
        this.fire(fn.name, trigger.name, now).catch((error: Error) =>
          console.error(`[local-cloud] timer ${fn.name}/${trigger.name} failed: ${error.message}`),
        );
      }
    }
  }
}
