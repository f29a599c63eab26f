// Checks of what `npm run build` produces: the package sizes an upload would have and the built
// cloud functions.
import path from 'node:path';
import { LIMITS, MAIN_BUDGET, sizeReport } from '../../size/report';
import { listFunctions } from '../functions/catalog';
import { error, type Finding, ok, warning } from './finding';

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

export function checkPackageSizes(root: string): Finding[] {
  let report;
  try {
    report = sizeReport(path.join(root, 'miniprogram'));
  } catch (err) {
    return [
      error(
        'size',
        `cannot measure miniprogram/: ${(err as Error).message}`,
        'run `npm run build`',
      ),
    ];
  }
  const findings: Finding[] = [];
  const [main] = report.packages;
  if (main.bytes > MAIN_BUDGET) {
    findings.push(
      error(
        'size',
        `main package is ${kib(main.bytes)}, over the ${kib(MAIN_BUDGET)} budget`,
        'run `npm run size -- --files` to see the largest files; move pages into subpackages ' +
          'and heavy components behind componentPlaceholder (DESIGN.md, budgets)',
      ),
    );
  } else {
    findings.push(ok('size', `main package ${kib(main.bytes)} (budget ${kib(MAIN_BUDGET)})`));
  }
  for (const pkg of report.packages.filter((p) => p.bytes > LIMITS.package)) {
    findings.push(
      error(
        'size',
        `package ${pkg.name} is ${kib(pkg.bytes)}, over WeChat's ${kib(LIMITS.package)} limit`,
        'split it into more subpackages; WeChat refuses the upload otherwise',
      ),
    );
  }
  return findings;
}

export function checkFunctions(root: string): Finding[] {
  const functions = listFunctions(root);
  if (functions.length === 0) {
    return [warning('functions', 'no cloudfunctions/ folders', 'run `npm run build`')];
  }
  const findings = functions
    .filter((fn) => fn.problems.length)
    .map((fn) =>
      error(
        'functions',
        `cloudfunctions/${fn.name}: ${fn.problems.join('; ')}`,
        fn.problems.some((p) => p.includes('npm run build'))
          ? 'run `npm run build`'
          : `add the missing file to cloudfunctions/${fn.name}/`,
      ),
    );
  if (findings.length === 0) {
    findings.push(ok('functions', `${functions.map((fn) => fn.name).join(', ')} built`));
  }
  return findings;
}
