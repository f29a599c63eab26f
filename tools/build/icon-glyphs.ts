// Keeps only the icon glyphs the app can show in TDesign's t-icon stylesheet: its ~2,350 glyph
// classes are 110 KB that nearly every TDesign component pulls into the main package, while the
// app shows a few dozen. Names are gathered from every string in our own pages, components and
// code (an icon name may be data: `icon="{{item.icon}}"`) and in the TDesign components the app
// uses, transitively (their defaults and the names they build at run time, e.g. a toast's
// 'check-circle', are literals in their code). A name kept that is not shown costs a line; a name
// dropped that is shown costs a blank icon — so the gathering errs towards keeping. The screens
// check every icon they draw against the shipped stylesheet (tools/screens/frame.ts).
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './config';

const SOURCE = 'node_modules/tdesign-miniprogram/miniprogram_dist/icon/icon.wxss';
export const SHIPPED = 'miniprogram/miniprogram_npm/tdesign-miniprogram/icon/icon.wxss';
const GLYPH_RULE = /\.t-icon-([a-z0-9-]+):before\{content:'\\[0-9A-F]+';\}\n?/g;

/** Every glyph name in a t-icon stylesheet. */
export function glyphNames(css: string): Set<string> {
  return new Set(Array.from(css.matchAll(GLYPH_RULE), (match) => match[1]));
}

/** The string-ish tokens of a source file that could be an icon name. */
function tokens(text: string): string[] {
  return text.match(/[a-z][a-z0-9]*(?:-[a-z0-9]+)*/g) ?? [];
}

function walk(dir: string, keep: (file: string) => boolean, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'miniprogram_npm' && entry.name !== 'node_modules') walk(full, keep, out);
    } else if (keep(full)) out.push(full);
  }
  return out;
}

/** The TDesign component folders reachable from our usingComponents, through theirs. */
function tdesignComponents(root: string): string[] {
  const npm = path.join(root, 'miniprogram/miniprogram_npm');
  const seen = new Set<string>();
  const visit = (jsonFile: string): void => {
    if (!fs.existsSync(jsonFile)) return;
    const using = (
      JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as {
        usingComponents?: Record<string, string>;
      }
    ).usingComponents;
    for (const target of Object.values(using ?? {})) {
      const absolute = target.startsWith('tdesign-miniprogram/')
        ? path.join(npm, target)
        : target.startsWith('.')
          ? path.join(path.dirname(jsonFile), target)
          : null;
      if (!absolute || !absolute.includes(`${path.sep}tdesign-miniprogram${path.sep}`)) continue;
      const folder = path.dirname(absolute);
      if (seen.has(folder)) continue;
      seen.add(folder);
      visit(`${absolute}.json`);
    }
  };
  const ours = walk(path.join(root, 'miniprogram'), (file) => file.endsWith('.json'));
  ours.forEach(visit);
  return [...seen];
}

/** The glyph names the app can show: those named anywhere in our code or the used components. */
export function usedGlyphs(root: string, names: Set<string>): Set<string> {
  const files = [
    ...walk(path.join(root, 'miniprogram'), (file) => /\.(wxml|ts|json|wxs)$/.test(file)),
    ...tdesignComponents(root).flatMap((folder) =>
      walk(folder, (file) => /\.(js|wxml|wxs|json)$/.test(file)),
    ),
    // Shared helpers the components import (e.g. common/ and mixins/).
    ...walk(path.join(root, 'miniprogram/miniprogram_npm/tdesign-miniprogram/common'), (file) =>
      /\.(js|wxml|wxs)$/.test(file),
    ),
  ];
  const used = new Set<string>();
  for (const file of files) {
    for (const token of tokens(fs.readFileSync(file, 'utf8')))
      if (names.has(token)) used.add(token);
  }
  return used;
}

/** Writes the shipped stylesheet with only the used glyphs; returns the bytes before and after. */
export function subsetIconGlyphs(root = projectRoot): {
  kept: number;
  of: number;
  bytes: [number, number];
} {
  const source = fs.readFileSync(path.join(root, SOURCE), 'utf8');
  const names = glyphNames(source);
  const used = usedGlyphs(root, names);
  const css = source.replace(GLYPH_RULE, (rule, name: string) => (used.has(name) ? rule : ''));
  fs.writeFileSync(path.join(root, SHIPPED), css);
  return {
    kept: used.size,
    of: names.size,
    bytes: [Buffer.byteLength(source), Buffer.byteLength(css)],
  };
}
