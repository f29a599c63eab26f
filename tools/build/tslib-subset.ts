// Keeps only the tslib helpers TDesign imports. Its packed tslib is the whole library (11 KB as
// WeChat compiles it, in the main package) while every TDesign component imports at most
// __decorate, __awaiter and __rest. The helpers are gathered from every `from "tslib"` in the
// packed TDesign, used or not, and copied verbatim from tslib's own source; anything else that
// reaches for tslib (a bare require) keeps the whole library.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './config';

const TDESIGN = 'miniprogram/miniprogram_npm/tdesign-miniprogram';
export const SHIPPED_TSLIB = `${TDESIGN}/miniprogram_npm/tslib/index.js`;
const SOURCE = 'node_modules/tslib/tslib.es6.js';

function jsFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) jsFiles(full, out);
    else if (entry.name.endsWith('.js')) out.push(full);
  }
  return out;
}

/** The helper names TDesign imports from tslib, or null when some file needs all of it. */
export function importedHelpers(tdesign: string): Set<string> | null {
  const names = new Set<string>();
  for (const file of jsFiles(tdesign)) {
    if (file.includes(`${path.sep}miniprogram_npm${path.sep}tslib${path.sep}`)) continue;
    const code = fs.readFileSync(file, 'utf8');
    if (!code.includes('tslib')) continue;
    const named = [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']tslib["']/g)];
    const all = code.match(/["']tslib["']/g)?.length ?? 0;
    if (named.length !== all) return null; // a default, namespace or require import
    for (const match of named)
      for (const name of match[1].split(',')) names.add(name.trim().split(/\s+as\s+/)[0]);
  }
  return names;
}

/** A CommonJS module of the named helpers, each as tslib's ES source writes it. */
export function helpersModule(crlfSource: string, names: Set<string>): string | null {
  const source = crlfSource.replace(/\r\n/g, '\n');
  const parts: string[] = [];
  for (const name of [...names].sort()) {
    const start = source.indexOf(`export function ${name}(`);
    if (start < 0) return null;
    const end = source.indexOf('\n}\n', start);
    if (end < 0) return null;
    parts.push(source.slice(start + 'export '.length, end + 2));
  }
  const exports = [...names].sort().map((name) => `exports.${name} = ${name};`);
  return `"use strict";\n// tslib's ${[...names].sort().join(', ')} (0BSD): the helpers TDesign imports.\n${parts.join('\n')}\n${exports.join('\n')}\n`;
}

export function subsetTslib(
  root = projectRoot,
): { helpers: string[]; bytes: [number, number] } | null {
  const shipped = path.join(root, SHIPPED_TSLIB);
  const source = path.join(root, SOURCE);
  if (!fs.existsSync(shipped) || !fs.existsSync(source)) return null;
  const names = importedHelpers(path.join(root, TDESIGN));
  if (!names) return null;
  const module = helpersModule(fs.readFileSync(source, 'utf8'), names);
  if (!module) return null;
  const before = fs.statSync(shipped).size;
  fs.writeFileSync(shipped, module);
  return { helpers: [...names].sort(), bytes: [before, Buffer.byteLength(module)] };
}
