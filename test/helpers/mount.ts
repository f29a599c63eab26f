/**
 * Mounts a page or component of the mini program with miniprogram-simulate, WeChat's official
 * WXML compiler and the real TDesign build in miniprogram/miniprogram_npm (made by `npm install`).
 *
 *   const page = mount('pages/home/index');
 *   tap(page, '.order-now');
 *
 * The known gotchas are handled here once: getApp/getCurrentPages exist, npm tags resolve to
 * the nearest miniprogram_npm as in WeChat (a subpackage's own copy first), modules are reset
 * per mount so each test gets fresh page state, and TDesign's virtual-host components are
 * tapped on their inner element.
 */
import fs from 'node:fs';
import path from 'node:path';
import { simulate, type SimulatedNode } from './simulate';

export const miniprogramRoot = path.resolve(__dirname, '../../miniprogram');

type Json = { usingComponents?: Record<string, string> };

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
}

/**
 * Where WeChat finds an npm component: in the nearest miniprogram_npm folder upward from the
 * page, so a subpackage's own copy (tools/build/subpackage-npm.ts) wins over the main package's.
 */
function nearestNpm(fromDir: string, target: string): string {
  for (let dir = fromDir; dir.startsWith(miniprogramRoot); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'miniprogram_npm', target);
    if (fs.existsSync(`${candidate}.json`)) return candidate;
    if (dir === miniprogramRoot) break;
  }
  return path.join(miniprogramRoot, 'miniprogram_npm', target);
}

/** Maps every npm tag (e.g. "tdesign-miniprogram/button/button") to its packed location. */
function npmTagOverrides(componentPath: string): Record<string, string> {
  const overrides: Record<string, string> = {};
  const visit = (jsonFile: string, seen: Set<string>): void => {
    if (seen.has(jsonFile) || !fs.existsSync(jsonFile)) return;
    seen.add(jsonFile);
    const using = readJson(jsonFile).usingComponents ?? {};
    for (const [tag, target] of Object.entries(using)) {
      const isNpm = !target.startsWith('.') && !target.startsWith('/');
      const absolute = isNpm
        ? nearestNpm(path.dirname(jsonFile), target)
        : target.startsWith('/')
          ? path.join(miniprogramRoot, target)
          : path.join(path.dirname(jsonFile), target);
      if (isNpm)
        overrides[tag] = `/${path.relative(miniprogramRoot, absolute).split(path.sep).join('/')}`;
      visit(`${absolute}.json`, seen);
    }
  };
  visit(path.join(miniprogramRoot, `${componentPath}.json`), new Set());
  return overrides;
}

function ensurePacked(): void {
  if (!fs.existsSync(path.join(miniprogramRoot, 'miniprogram_npm/tdesign-miniprogram'))) {
    throw new Error('miniprogram/miniprogram_npm is missing: run `npm run build` first');
  }
}

function installGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  g.getApp = () => ({ globalData: {} });
  g.getCurrentPages = () => [];
}

export type Mounted = SimulatedNode;

/** The id of the <style> simulate inserted for each mount: the screens draw a page with it. */
const styleIds = new WeakMap<Mounted, string>();

export function styleIdOf(mounted: Mounted): string {
  const id = styleIds.get(mounted);
  if (!id) throw new Error('not mounted by mount()');
  return id;
}

/**
 * Renders `componentPath` (relative to `root`, miniprogram/ unless a test fixture names its own
 * folder; without extension) attached to a parent.
 */
export function mount(
  componentPath: string,
  properties: Record<string, unknown> = {},
  root = miniprogramRoot,
): Mounted {
  ensurePacked();
  jest.resetModules();
  installGlobals();
  const id = simulate.load(path.join(root, componentPath), {
    rootPath: root,
    compiler: 'official',
    usingComponents: npmTagOverrides(componentPath),
    compilerOptions: { maxBuffer: 64 * 1024 * 1024 },
  });
  const mounted = simulate.render(id, properties);
  styleIds.set(mounted, id);
  mounted.attach(document.createElement('parent-wrapper'));
  return mounted;
}

/** Calls a page lifecycle written as a method (pages are built with Component()). */
export function callPageMethod(mounted: Mounted, name: string, ...args: unknown[]): unknown {
  const method = mounted.instance[name];
  if (typeof method !== 'function') throw new Error(`page has no method ${name}`);
  return (method as (...a: unknown[]) => unknown).apply(mounted.instance, args);
}

/** Text of the first element matching selector, whitespace folded. */
export function textOf(mounted: Mounted, selector: string): string {
  const node = mounted.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  return (node.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Texts of every rendered node whose class contains `classFragment`, in document order.
 * Component classes are scoped in the DOM (`t-tabs--t-tabs__item`), so match on a fragment.
 */
export function texts(mounted: Mounted, classFragment: string): string[] {
  const nodes = mounted.dom?.querySelectorAll(`[class*="${classFragment}"]`) ?? [];
  return Array.from(nodes, (node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** Taps a TDesign component: its host is virtual, so the event must start on the inner node. */
export async function tap(mounted: Mounted, selector: string, inner = ''): Promise<void> {
  const host = mounted.querySelector(selector);
  if (!host) throw new Error(`nothing matches ${selector}`);
  const target = inner ? host.querySelector(inner) : host;
  if (!target) throw new Error(`${selector} has no ${inner}`);
  target.dispatchEvent('tap');
  await sleep(0);
}

/**
 * The `wx` object pages see. miniprogram-simulate answers its APIs with no-op successes; tests
 * spy on it to observe what a page asked WeChat to do (navigate, pay, …).
 */
export function wxApi(): Record<string, (...args: never[]) => unknown> {
  return (globalThis as unknown as { wx: Record<string, (...args: never[]) => unknown> }).wx;
}

/**
 * Waits `ms`, then one more turn: the simulator delivers events a turn late, and store bindings
 * render on the turn after a change (wx.nextTick), so a page has drawn what a tap did by then.
 */
export async function sleep(ms: number): Promise<void> {
  await simulate.sleep(ms);
  await simulate.sleep(0);
}
