// Finds the files an upload would include: everything reachable from app.json through pages,
// usingComponents (into miniprogram_npm), requires and imports, WXML imports and WXS, WXSS
// @import, and local images. Unreferenced files are left out, as DevTools'
// "ignoreUploadUnusedFiles" does.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ReachedFile {
  /** Path relative to the mini program root, with "/" separators. */
  file: string;
  /** Bytes as uploaded; TypeScript is counted as the JavaScript it compiles to. */
  bytes: number;
}

const SCRIPT_EXTS = ['.ts', '.js'];
const IMAGE_RE = /\.(png|jpe?g|gif|svg|webp)$/i;

function exists(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isFile();
}

function resolveScript(root: string, fromFile: string, spec: string): string | undefined {
  const bases = spec.startsWith('.')
    ? [path.resolve(path.dirname(fromFile), spec)]
    : spec.startsWith('/')
      ? [path.join(root, spec)]
      : npmCandidates(root, fromFile, spec);
  for (const base of bases) {
    for (const candidate of [
      base,
      ...SCRIPT_EXTS.map((ext) => base + ext),
      ...SCRIPT_EXTS.map((ext) => path.join(base, 'index' + ext)),
    ]) {
      if (exists(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Bare specifiers resolve like WeChat does: the nearest miniprogram_npm folder upward. */
function npmCandidates(root: string, fromFile: string, spec: string): string[] {
  const candidates: string[] = [];
  for (let dir = path.dirname(fromFile); dir.startsWith(root); dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'miniprogram_npm', spec));
    if (dir === root) break;
  }
  return candidates;
}

function resolveAsset(root: string, fromFile: string, spec: string): string | undefined {
  if (/^(https?:|data:|\{\{)/.test(spec)) return undefined;
  const file = spec.startsWith('/')
    ? path.join(root, spec)
    : path.resolve(path.dirname(fromFile), spec);
  return exists(file) ? file : undefined;
}

/** Compiled size of a TypeScript file; type-only imports vanish, as they do in DevTools. */
function compiledScript(file: string): string {
  const source = fs.readFileSync(file, 'utf8');
  if (!file.endsWith('.ts')) return source;
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
}

function scriptDeps(code: string): string[] {
  const specs: string[] = [];
  const re = /(?:require\(\s*|\bfrom\s*|\bimport\s*)['"]([^'"]+)['"]/g;
  for (let m = re.exec(code); m; m = re.exec(code)) specs.push(m[1]);
  return specs;
}

export function reachableFiles(root: string): ReachedFile[] {
  const reached = new Map<string, number>();
  const queue: string[] = [];
  const add = (file: string | undefined): void => {
    if (file && !reached.has(file)) {
      reached.set(file, 0);
      queue.push(file);
    }
  };
  /** A page or component is its four files, whichever exist. */
  const addComponent = (base: string): void => {
    for (const ext of ['.json', '.wxml', '.wxss']) if (exists(base + ext)) add(base + ext);
    add(SCRIPT_EXTS.map((ext) => base + ext).find(exists));
  };

  const appJson = path.join(root, 'app.json');
  add(appJson);
  for (const name of ['app.wxss', 'sitemap.json'])
    if (exists(path.join(root, name))) add(path.join(root, name));
  add(resolveScript(root, appJson, './app'));

  while (queue.length) {
    const file = queue.shift() as string;
    const ext = path.extname(file);
    let bytes: number;
    if (ext === '.ts' || ext === '.js') {
      const code = compiledScript(file);
      bytes = Buffer.byteLength(code);
      for (const spec of scriptDeps(code)) add(resolveScript(root, file, spec));
    } else {
      const text = fs.readFileSync(file, IMAGE_RE.test(file) ? undefined : 'utf8');
      bytes = typeof text === 'string' ? Buffer.byteLength(text) : text.length;
      if (ext === '.json') visitJson(root, file, JSON.parse(text as string), addComponent, add);
      if (ext === '.wxml') {
        const re =
          /<(?:import|include|wxs)\s[^>]*src=["']([^"'{]+)["']|\bsrc=["']([^"'{]+\.(?:png|jpe?g|gif|svg|webp))["']/g;
        for (let m = re.exec(text as string); m; m = re.exec(text as string)) {
          const spec = m[1] ?? m[2];
          const target = resolveAsset(root, file, spec) ?? resolveAsset(root, file, spec + '.wxml');
          add(target);
        }
      }
      if (ext === '.wxss') {
        const re = /@import\s+["']([^"']+)["']|url\(\s*["']?([^"')]+)["']?\s*\)/g;
        for (let m = re.exec(text as string); m; m = re.exec(text as string))
          add(resolveAsset(root, file, m[1] ?? m[2]));
      }
    }
    reached.set(file, bytes);
  }
  return [...reached].map(([file, bytes]) => ({
    file: path.relative(root, file).split(path.sep).join('/'),
    bytes,
  }));
}

type JsonValue = { [key: string]: unknown };

function visitJson(
  root: string,
  file: string,
  json: JsonValue,
  addComponent: (base: string) => void,
  add: (file: string | undefined) => void,
): void {
  const dir = path.dirname(file);
  if (path.basename(file) === 'app.json' && dir === root) {
    for (const page of (json.pages as string[]) ?? []) addComponent(path.join(root, page));
    const subs = (json.subPackages ?? json.subpackages ?? []) as Array<{
      root: string;
      pages: string[];
    }>;
    for (const sub of subs)
      for (const page of sub.pages) addComponent(path.join(root, sub.root, page));
    const tabBar = json.tabBar as
      { list?: Array<Record<string, string>>; custom?: boolean } | undefined;
    for (const item of tabBar?.list ?? []) {
      for (const key of ['iconPath', 'selectedIconPath'])
        if (item[key]) add(resolveAsset(root, file, '/' + item[key]));
    }
    if (tabBar?.custom) addComponent(path.join(root, 'custom-tab-bar/index'));
  }
  const using = (json.usingComponents ?? {}) as Record<string, string>;
  for (const target of Object.values(using)) {
    const base = target.startsWith('/')
      ? path.join(root, target)
      : target.startsWith('.')
        ? path.resolve(dir, target)
        : (npmCandidates(root, file, target).find((c) => exists(c + '.json')) ??
          path.join(root, 'miniprogram_npm', target));
    addComponent(base);
  }
}
