// Finds the deployable functions: every folder under the functions root with an index.js, plus
// what its config.json says (timeout, timer triggers, HTTP access path). Folders added, changed or
// removed while the local cloud runs are seen within a second, with no restart.
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_TIMEOUT_SECONDS = 3; // the cloud's default
/** How old a listing may be: functions added or changed while running appear within this. */
const RESCAN_MS = 1000;

export interface TimerTrigger {
  name: string;
  /** CloudBase 7-field cron: second minute hour day month weekday year. */
  config: string;
}

export interface FunctionDefinition {
  name: string;
  dir: string;
  entry: string;
  timeoutSeconds: number;
  triggers: TimerTrigger[];
  /** Path under /http/ this function answers (config.json httpAccess.path, default /<name>). */
  httpPath: string;
  /** config.json `envVariables` (string values), set on the function's environment. */
  envVariables: Record<string, string>;
}

export class FunctionCatalog {
  private functions = new Map<string, FunctionDefinition>();
  private scannedAt = 0;

  constructor(readonly root: string) {
    this.refresh();
  }

  refresh(): void {
    const found = new Map<string, FunctionDefinition>();
    const entries = fs.existsSync(this.root)
      ? fs.readdirSync(this.root, { withFileTypes: true })
      : [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const dir = path.join(this.root, entry.name);
      const indexFile = path.join(dir, 'index.js');
      if (fs.existsSync(indexFile))
        found.set(entry.name, readDefinition(entry.name, dir, indexFile));
    }
    this.functions = found;
    this.scannedAt = Date.now();
  }

  /** Looks again on a miss, so functions built after start are found. */
  get(name: string): FunctionDefinition | undefined {
    if (!this.functions.has(name)) this.refresh();
    return this.functions.get(name);
  }

  /** Looks again when the last look is older than RESCAN_MS (timers list every second). */
  list(): FunctionDefinition[] {
    if (Date.now() - this.scannedAt >= RESCAN_MS) this.refresh();
    return [...this.functions.values()];
  }
}

function readDefinition(name: string, dir: string, entry: string): FunctionDefinition {
  const config = readConfig(path.join(dir, 'config.json'));
  const triggers = Array.isArray(config.triggers) ? config.triggers : [];
  const httpAccess = (config.httpAccess ?? {}) as { path?: unknown };
  const httpPath = typeof httpAccess.path === 'string' ? httpAccess.path : `/${name}`;
  return {
    name,
    dir,
    entry,
    timeoutSeconds:
      typeof config.timeout === 'number' && config.timeout > 0
        ? config.timeout
        : DEFAULT_TIMEOUT_SECONDS,
    triggers: triggers
      .filter((t: Record<string, unknown>) => t.type === 'timer' && typeof t.config === 'string')
      .map((t: Record<string, unknown>) => ({ name: String(t.name), config: String(t.config) })),
    httpPath: httpPath.startsWith('/') ? httpPath : `/${httpPath}`,
    envVariables: stringValues(config.envVariables),
  };
}

function stringValues(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function readConfig(file: string): Record<string, any> {
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`[local-cloud] ignoring unreadable ${file}: ${(error as Error).message}`);
    return {};
  }
}
