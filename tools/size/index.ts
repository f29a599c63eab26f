// `npm run size`: what an upload would weigh, per package, beside WeChat's limits.
// `--files` lists the files of each package, largest first.
import path from 'node:path';
import { formatReport, LIMITS, MAIN_BUDGET, sizeReport } from './report';

const root = path.resolve(__dirname, '../../miniprogram');
const report = sizeReport(root);
console.log(formatReport(report));
if (process.argv.includes('--files')) {
  for (const p of report.packages) {
    console.log(`\n${p.name}:`);
    for (const f of [...p.files].sort((a, b) => b.bytes - a.bytes))
      console.log(`  ${String(f.bytes).padStart(8)}  ${f.file}`);
  }
}
const over = report.packages.filter((p) => p.bytes > LIMITS.package);
if (over.length || report.total > LIMITS.total) {
  console.error(`size: over WeChat's limit: ${over.map((p) => p.name).join(', ') || 'total'}`);
  process.exit(1);
}
if (report.packages[0].bytes > MAIN_BUDGET)
  console.warn('size: main package is over the 600 KiB budget');
