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

/** Which TDesign components each subpackage gets a copy of: those the main package does not use. */
export function subpackageOnlyComponents(mp: string): Map<string, string[]> {
  const subs = subPackagesOf(mp);
  const inSub = (file: string): boolean =>
    subs.some((s) => file.startsWith(path.join(mp, s.root) + path.sep));
  const main = tdesignUsedBy(mp, ownJsons(mp, inSub), inSub);
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
    .replace(/(["'])(\.\.?\/[^"'\s]*)\1/g, (match, quote: string, spec: string) => {
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

/** Rebuilds each subpackage's miniprogram_npm; returns the components copied, per subpackage. */
export function copySubpackageNpm(root = projectRoot): Map<string, string[]> {
  const mp = path.join(root, 'miniprogram');
  const tdesign = path.join(mp, NPM, TDESIGN);
  const tslib = path.join(tdesign, NPM, 'tslib', 'index');
  const plan = subpackageOnlyComponents(mp);
  for (const [subRoot, components] of plan) {
    const npm = path.join(mp, subRoot, NPM);
    fs.rmSync(npm, { recursive: true, force: true });
    if (components.length === 0) continue;
    const copied = components.map((c) => path.join(tdesign, c));
    const isCopied = (absolute: string): boolean =>
      copied.some((dir) => absolute === dir || absolute.startsWith(dir + path.sep));
    for (const component of components) {
      copyFolder(
        path.join(tdesign, component),
        path.join(npm, TDESIGN, component),
        (text, from, to) => {
          // A reference into another copied component is kept as is: the copies sit side by side.
          return rewriteReferences(text, from, to, isCopied, tslib);
        },
      );
    }
  }
  return plan;
}
