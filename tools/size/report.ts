// Splits the reachable files into the main package and each subpackage, as WeChat does:
// a file under a subpackage root ships in that subpackage, everything else in the main package.
import fs from 'node:fs';
import path from 'node:path';
import { reachableFiles, type ReachedFile } from './graph';

export const LIMITS = { package: 2 * 1024 * 1024, total: 30 * 1024 * 1024 };
/** DESIGN.md's budget for the main package while features arrive. */
export const MAIN_BUDGET = 600 * 1024;

export interface PackageSize {
  name: string;
  root: string;
  bytes: number;
  files: ReachedFile[];
}

export interface SizeReport {
  packages: PackageSize[];
  total: number;
}

export function sizeReport(root: string): SizeReport {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string; name?: string }>;
    subpackages?: Array<{ root: string; name?: string }>;
  };
  const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => ({
    name: s.name ?? s.root,
    root: s.root.replace(/\/?$/, '/'),
  }));
  const main: PackageSize = { name: 'main', root: '', bytes: 0, files: [] };
  const packages = [main, ...subs.map((s) => ({ ...s, bytes: 0, files: [] as ReachedFile[] }))];
  for (const file of reachableFiles(root)) {
    const owner = packages.find((p) => p.root && file.file.startsWith(p.root)) ?? main;
    owner.files.push(file);
    owner.bytes += file.bytes;
  }
  return { packages, total: packages.reduce((sum, p) => sum + p.bytes, 0) };
}

export function formatReport(report: SizeReport): string {
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const rows = report.packages.map((p) => {
    const limit =
      p.name === 'main'
        ? `${kib(LIMITS.package)} (budget ${kib(MAIN_BUDGET)})`
        : kib(LIMITS.package);
    return `${p.name.padEnd(8)} ${String(p.bytes).padStart(9)} B ${kib(p.bytes).padStart(11)}  ${String(p.files.length).padStart(4)} files  limit ${limit}`;
  });
  rows.push(
    `${'total'.padEnd(8)} ${String(report.total).padStart(9)} B ${kib(report.total).padStart(11)}              limit ${kib(LIMITS.total)}`,
  );
  return rows.join('\n');
}
