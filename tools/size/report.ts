// Splits the reachable files into the main package and each subpackage, as WeChat does:
// a file under a subpackage root ships in that subpackage, everything else in the main package.
import fs from 'node:fs';
import path from 'node:path';
import { reachableFiles, type ReachedFile } from './graph';

export const LIMITS = { package: 2 * 1024 * 1024, total: 30 * 1024 * 1024 };
/** DESIGN.md's budget for the main package while features arrive (source bytes). */
export const MAIN_BUDGET = 600 * 1024;
/** Issue 17: what a cold start downloads first, as WeChat compiles it. */
export const COMPILED_BUDGET = { main: 350 * 1024, total: 700 * 1024 };

export interface PackageSize {
  name: string;
  root: string;
  bytes: number;
  files: ReachedFile[];
  /** As WeChat's compiler builds it for an upload, when compiled (see compiled.ts). */
  compiled?: { bytes: number; files: ReachedFile[] };
}

export interface SizeReport {
  packages: PackageSize[];
  total: number;
  compiledTotal?: number;
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

/** Adds the compiled figure: each compiled file counts in the package whose root it is under. */
export function withCompiled(report: SizeReport, compiled: Record<string, number>): SizeReport {
  const packages = report.packages.map((p) => ({
    ...p,
    compiled: { bytes: 0, files: [] as ReachedFile[] },
  }));
  const main = packages[0];
  for (const [file, bytes] of Object.entries(compiled)) {
    const owner = packages.find((p) => p.root && file.startsWith(p.root)) ?? main;
    owner.compiled.files.push({ file, bytes });
    owner.compiled.bytes += bytes;
  }
  return {
    packages,
    total: report.total,
    compiledTotal: packages.reduce((sum, p) => sum + p.compiled.bytes, 0),
  };
}

export function formatReport(report: SizeReport): string {
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  if (report.compiledTotal === undefined) return formatSource(report, kib);
  const figure = (n: number | undefined): string =>
    n === undefined
      ? ''.padStart(23)
      : `${n.toLocaleString('en').padStart(9)} B ${kib(n).padStart(11)}`;
  const rows = [`${''.padEnd(8)} ${'source'.padStart(23)}   ${'compiled'.padStart(23)}`];
  for (const p of report.packages) {
    const limit =
      p.name === 'main'
        ? `${kib(LIMITS.package)} (budget ${kib(COMPILED_BUDGET.main)} compiled)`
        : kib(LIMITS.package);
    rows.push(
      `${p.name.padEnd(8)} ${figure(p.bytes)}   ${figure(p.compiled?.bytes)}  ${String(p.compiled?.files.length ?? p.files.length).padStart(4)} files  limit ${limit}`,
    );
  }
  rows.push(
    `${'total'.padEnd(8)} ${figure(report.total)}   ${figure(report.compiledTotal)}              limit ${kib(LIMITS.total)} (budget ${kib(COMPILED_BUDGET.total)} compiled)`,
  );
  return rows.join('\n');
}

/** Source bytes only (`npm run size -- --source`, the upload's dry run). */
function formatSource(report: SizeReport, kib: (n: number) => string): string {
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
