// Gives each subpackage its own copy of the TDesign components only its pages use, so they ship
// with the subpackage instead of in the main package every cold start downloads (issue 17).
//
// WeChat resolves an npm tag ("tdesign-miniprogram/steps/steps") in the nearest miniprogram_npm
// folder upward from the page, so packages/order/miniprogram_npm/tdesign-miniprogram/steps is
// found before the main package's copy, and a component not copied there is found in the main
// package's. A component the main package also uses is not copied: subpackages use the main
// package's. The copies keep TDesign's files as packed; only their references to what stays in
// the main package (common/, mixins/, tslib, a shared component such as icon) are rewritten to
// point there, as a subpackage may use the main package's code, styles and templates. Unused
// copies in the main package's miniprogram_npm are left out of an upload, as every unused file is.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './config';

const NPM = 'miniprogram_npm';
const TDESIGN = 'tdesign-miniprogram';

interface SubPackage {
  root: string;
  name: string;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function subPackagesOf(mp: string): SubPackage[] {
  const app = readJson<{
    subPackages?: Array<{ root: string; name?: string }>;
    subpackages?: Array<{ root: string; name?: string }>;
  }>(path.join(mp, 'app.json'));
  return (app.subPackages ?? app.subpackages ?? []).map((s) => ({
    root: s.root.replace(/\/$/, ''),
    name: s.name ?? s.root,
  }));
}

/** Our own .json files under dir, not inside any miniprogram_npm. */
function ownJsons(dir: string, skip: (full: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip(full)) continue;
    if (entry.isDirectory()) {
      if (entry.name !== NPM && entry.name !== 'node_modules') out.push(...ownJsons(full, skip));
    } else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out;
}

/**
 * The TDesign component folders (names such as "steps") that the given json files use, through
 * usingComponents, transitively. `stop` ends the walk at a custom component in another package.
 */
function tdesignUsedBy(
  mp: string,
  jsons: string[],
  stop: (absolute: string) => boolean,
): Set<string> {
  const tdesign = path.join(mp, NPM, TDESIGN);
  const used = new Set<string>();
  const seen = new Set<string>();
  const visit = (jsonFile: string): void => {
    if (seen.has(jsonFile) || !fs.existsSync(jsonFile)) return;
    seen.add(jsonFile);
    const using = readJson<{ usingComponents?: Record<string, string> }>(jsonFile).usingComponents;
    for (const target of Object.values(using ?? {})) {
      const absolute = target.startsWith(`${TDESIGN}/`)
        ? path.join(mp, NPM, target)
        : target.startsWith('/')
          ? path.join(mp, target)
          : target.startsWith('.')
            ? path.resolve(path.dirname(jsonFile), target)
            : null;
      if (!absolute) continue;
      if (absolute.startsWith(tdesign + path.sep)) {
        used.add(path.relative(tdesign, absolute).split(path.sep)[0]);
      } else if (stop(absolute)) continue;
      visit(`${absolute}.json`);
    }
  };
  jsons.forEach(visit);
  return used;
}

/** The TDesign components the main package's own pages and components use. */
export function mainComponents(mp: string): Set<string> {
  const subs = subPackagesOf(mp);
  const inSub = (file: string): boolean =>
    subs.some((s) => file.startsWith(path.join(mp, s.root) + path.sep));
  return tdesignUsedBy(mp, ownJsons(mp, inSub), inSub);
}

const REFERENCE = /(["'])(\.\.?\/[^"'\s]*)\1/g;
const SHIPPED_EXT = /\.(js|json|wxml|wxss|wxs)$/;

/** The file a relative reference names: as written, or a script without its extension. */
function referencedFile(fromFile: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), spec);
  return [base, `${base}.js`, path.join(base, 'index.js')].find(
    (file) => fs.existsSync(file) && fs.statSync(file).isFile(),
  );
}

/** Every TDesign file the given components reach through their relative references. */
function reachedFrom(tdesign: string, components: Iterable<string>): Set<string> {
  const reached = new Set<string>();
  const queue: string[] = [];
  const add = (file: string | undefined): void => {
    if (file && SHIPPED_EXT.test(file) && !reached.has(file)) {
      reached.add(file);
      queue.push(file);
    }
  };
  for (const component of components) {
    const dir = path.join(tdesign, component);
    if (fs.existsSync(dir)) fs.readdirSync(dir).forEach((name) => add(path.join(dir, name)));
  }
  while (queue.length) {
    const file = queue.shift() as string;
    for (const match of fs.readFileSync(file, 'utf8').matchAll(REFERENCE))
      add(referencedFile(file, match[2]));
  }
  return reached;
}

/** Which TDesign components each subpackage gets a copy of: those the main package does not use. */
export function subpackageOnlyComponents(mp: string): Map<string, string[]> {
  const subs = subPackagesOf(mp);
  const main = mainComponents(mp);
  const result = new Map<string, string[]>();
  for (const s of subs) {
    const root = path.join(mp, s.root);
    const used = tdesignUsedBy(mp, ownJsons(root), (file) => !file.startsWith(root + path.sep));
    result.set(s.root, [...used].filter((c) => !main.has(c)).sort());
  }
  return result;
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/**
 * A copied file's text with each relative reference that leaves the copied components, and the
 * bare "tslib" import (TDesign's own miniprogram_npm), pointed back at the main package's file.
 */
export function rewriteReferences(
  text: string,
  from: string,
  to: string,
  isCopied: (absolute: string) => boolean,
  tslib: string,
): string {
  const repoint = (absolute: string): string => {
    const relative = toPosix(path.relative(path.dirname(to), absolute));
    return relative.startsWith('.') ? relative : `./${relative}`;
  };
  return text
    .replace(REFERENCE, (match, quote: string, spec: string) => {
      const absolute = path.resolve(path.dirname(from), spec);
      return isCopied(absolute) ? match : `${quote}${repoint(absolute)}${quote}`;
    })
    .replace(
      /(\bfrom\s*|\brequire\(\s*)(["'])tslib\2/g,
      (_match, lead: string, quote: string) => `${lead}${quote}${repoint(tslib)}${quote}`,
    );
}

function copyFolder(
  source: string,
  target: string,
  rewrite: (text: string, from: string, to: string) => string,
): number {
  let files = 0;
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) files += copyFolder(from, to, rewrite);
    else if (/\.(js|json|wxml|wxss|wxs)$/.test(entry.name)) {
      fs.writeFileSync(to, rewrite(fs.readFileSync(from, 'utf8'), from, to));
      files += 1;
    }
  }
  return files;
}

/**
 * Rebuilds each subpackage's miniprogram_npm; returns the components copied, per subpackage.
 * Besides the components, a shared file only they reach (e.g. mixins/transition.js, which only
 * t-popup uses) is copied too, at the same place, rather than left in the main package.
 */
export function copySubpackageNpm(root = projectRoot): Map<string, string[]> {
  const mp = path.join(root, 'miniprogram');
  const tdesign = path.join(mp, NPM, TDESIGN);
  const tslib = path.join(tdesign, NPM, 'tslib', 'index');
  const plan = subpackageOnlyComponents(mp);
  const mainFiles = reachedFrom(tdesign, mainComponents(mp));
  const tslibDir = path.join(tdesign, NPM) + path.sep;
  for (const [subRoot, components] of plan) {
    const npm = path.join(mp, subRoot, NPM);
    fs.rmSync(npm, { recursive: true, force: true });
    if (components.length === 0) continue;
    const copied = components.map((c) => path.join(tdesign, c));
    const extra = new Set<string>();
    const isCopied = (absolute: string): boolean => {
      if (copied.some((dir) => absolute === dir || absolute.startsWith(dir + path.sep)))
        return true;
      // Kept as is (and copied beside the components) when the main package has no use for it.
      const file = [absolute, `${absolute}.js`, path.join(absolute, 'index.js')].find(
        (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
      );
      if (!file || mainFiles.has(file) || file.startsWith(tslibDir) || !file.startsWith(tdesign))
        return false;
      if (!SHIPPED_EXT.test(file)) return false;
      extra.add(file);
      return true;
    };
    const rewrite = (text: string, from: string, to: string): string =>
      rewriteReferences(text, from, to, isCopied, tslib);
    for (const component of components)
      copyFolder(path.join(tdesign, component), path.join(npm, TDESIGN, component), rewrite);
    const done = new Set<string>();
    for (
      let pending = [...extra];
      pending.length;
      pending = [...extra].filter((f) => !done.has(f))
    ) {
      for (const from of pending) {
        done.add(from);
        const to = path.join(npm, TDESIGN, path.relative(tdesign, from));
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.writeFileSync(to, rewrite(fs.readFileSync(from, 'utf8'), from, to));
      }
    }
  }
  return plan;
}
