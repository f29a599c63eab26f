// Compiles every .wxml and .wxss of the project with WeChat's compilers and turns each failure
// into "file:line:column: message", so a broken tag fails the build where it is.
import fs from 'node:fs';
import path from 'node:path';
import { compileOne, type WxKind } from './compilers';

export interface WxProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

const SKIPPED_DIRS = new Set(['miniprogram_npm', 'node_modules']);

export function listWxFiles(root: string): Array<{ file: string; kind: WxKind }> {
  const found: Array<{ file: string; kind: WxKind }> = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
        continue;
      }
      const ext = path.extname(entry.name);
      if (ext === '.wxml' || ext === '.wxss') {
        const file = path.relative(root, path.join(dir, entry.name)).split(path.sep).join('/');
        found.push({ file, kind: ext.slice(1) as WxKind });
      }
    }
  };
  walk(root);
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

// wcc: "pages/a.wxml:2:1: unexpected end"; wcsc: "ERR: pages/a.wxss(2:4): unexpected `{`"
const WXML_ERROR = /^(.+?\.wxml):(\d+):(\d+):\s*(.*)$/m;
const WXSS_ERROR = /^ERR:\s*(.+?\.wxss)\((\d+):(\d+)\):\s*(.*)$/m;

export function parseProblem(file: string, kind: WxKind, message: string): WxProblem {
  const match = (kind === 'wxml' ? WXML_ERROR : WXSS_ERROR).exec(message);
  if (!match) return { file, line: 1, column: 1, message: message || 'compiler failed' };
  return { file, line: Number(match[2]), column: Number(match[3]), message: match[4] };
}

export function checkWx(root: string): { checked: number; problems: WxProblem[] } {
  const files = listWxFiles(root);
  const problems: WxProblem[] = [];
  for (const { file, kind } of files) {
    const outcome = compileOne(root, file, kind);
    if (!outcome.ok) problems.push(parseProblem(file, kind, outcome.message));
  }
  return { checked: files.length, problems };
}
