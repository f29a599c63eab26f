// What `cloudfunctions/<name>/` holds for a deploy: the config.json WeChat reads (timeout,
// timer triggers, open API permissions), the HTTP access path the local cloud also uses, and
// whether `npm run build` has produced index.js. Problems are collected, not thrown, so one
// listing shows all of them.
import fs from 'node:fs';
import path from 'node:path';

export interface FunctionTrigger {
  name: string;
  type: string;
  config: string;
}

export interface DeployableFunction {
  name: string;
  dir: string;
  timeout: number;
  triggers: FunctionTrigger[];
  openapi: string[];
  /** CloudBase HTTP access path, from config.json "httpAccess.path" (default none). */
  httpPath: string | null;
  /** What keeps it from deploying as it is ([] = ready). */
  problems: string[];
}

/** The cloud's default when config.json sets no timeout (seconds). */
const DEFAULT_TIMEOUT = 3;

export function listFunctions(root: string): DeployableFunction[] {
  const functionsRoot = path.join(root, 'cloudfunctions');
  if (!fs.existsSync(functionsRoot)) return [];
  const sourcesChanged = newestSource(root);
  return fs
    .readdirSync(functionsRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => describeFunction(root, entry.name, sourcesChanged))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function describeFunction(root: string, name: string, sourcesChanged: number): DeployableFunction {
  const dir = path.join(root, 'cloudfunctions', name);
  const fn: DeployableFunction = {
    name,
    dir,
    timeout: DEFAULT_TIMEOUT,
    triggers: [],
    openapi: [],
    httpPath: null,
    problems: [],
  };
  const config = readConfig(path.join(dir, 'config.json'), fn.problems);
  if (config) {
    if (typeof config.timeout === 'number') fn.timeout = config.timeout;
    fn.triggers = Array.isArray(config.triggers) ? (config.triggers as FunctionTrigger[]) : [];
    fn.openapi = config.permissions?.openapi ?? [];
    fn.httpPath = config.httpAccess?.path ?? null;
  }
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    fn.problems.push('package.json missing (the cloud installs wx-server-sdk from it)');
  }
  const source = path.join(root, 'server/functions', name, 'index.ts');
  const built = path.join(dir, 'index.js');
  if (!fs.existsSync(built)) fn.problems.push('index.js not built: run `npm run build`');
  else if (fs.existsSync(source) && sourcesChanged > fs.statSync(built).mtimeMs) {
    fn.problems.push('index.js is older than server/ sources: run `npm run build`');
  }
  return fn;
}

interface FunctionConfig {
  timeout?: number;
  triggers?: unknown;
  permissions?: { openapi?: string[] };
  httpAccess?: { path?: string };
}

function readConfig(file: string, problems: string[]): FunctionConfig | null {
  if (!fs.existsSync(file)) {
    problems.push('config.json missing (timeout, triggers and permissions live there)');
    return null;
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfig;
  } catch (error) {
    problems.push(`config.json is not valid JSON: ${(error as Error).message}`);
    return null;
  }
}

/** Functions bundle shared code (server/lib, miniprogram/domain), so any of it counts. */
function newestSource(root: string): number {
  let newest = 0;
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  walk(path.join(root, 'server'));
  walk(path.join(root, 'miniprogram/domain'));
  return newest;
}
