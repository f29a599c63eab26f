// `npm run size`: what an upload would weigh, per package, beside WeChat's limits. Two figures:
// the source files an upload includes, and the package as WeChat's own compiler builds it (the
// one WeChat counts; about a minute). `--files` lists the files of each package, largest first;
// `--source` skips the compile.
import path from 'node:path';
import { compiledFiles } from './compiled';
import {
  COMPILED_BUDGET,
  formatReport,
  LIMITS,
  MAIN_BUDGET,
  sizeReport,
  withCompiled,
  type SizeReport,
} from './report';

const projectRoot = path.resolve(__dirname, '../..');
const root = path.join(projectRoot, 'miniprogram');

async function main(): Promise<void> {
  let report: SizeReport = sizeReport(root);
  if (!process.argv.includes('--source')) {
    try {
      report = withCompiled(report, await compiledFiles(projectRoot));
    } catch (error) {
      console.warn(
        `size: no compiled figure (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  console.log(formatReport(report));
  if (process.argv.includes('--files')) {
    for (const p of report.packages) {
      const files = p.compiled?.files ?? p.files;
      console.log(`\n${p.name}${p.compiled ? ' (compiled)' : ''}:`);
      for (const f of [...files].sort((a, b) => b.bytes - a.bytes))
        console.log(`  ${String(f.bytes).padStart(8)}  ${f.file}`);
    }
  }
  const over = report.packages.filter(
    (p) => Math.max(p.bytes, p.compiled?.bytes ?? 0) > LIMITS.package,
  );
  if (over.length || Math.max(report.total, report.compiledTotal ?? 0) > LIMITS.total) {
    console.error(`size: over WeChat's limit: ${over.map((p) => p.name).join(', ') || 'total'}`);
    process.exit(1);
  }
  const main = report.packages[0];
  if (main.compiled && main.compiled.bytes > COMPILED_BUDGET.main)
    console.warn('size: main package is over the 350 KiB budget (compiled)');
  if (report.compiledTotal !== undefined && report.compiledTotal >= COMPILED_BUDGET.total)
    console.warn('size: the packages together are over the 700 KiB budget (compiled)');
  if (main.bytes > MAIN_BUDGET) console.warn('size: main package is over the 600 KiB budget');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`size failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
