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

/** The cloud calls that report WeChat Pay shipping information (server/lib/orders/shipping.ts). */
const SHIPPING_OPENAPI = ['wxa.sec.order.isTradeManaged', 'wxa.sec.order.uploadShippingInfo'];
/** staff.complete reports at once; the cron retries. */
const SHIPPING_FUNCTIONS = ['api', 'cron'];

/**
 * WeChat Pay shipping information (发货信息管理) applies only to a mini program under trade
 * management, which only WeChat can say (is_trade_managed): the functions ask it at every
 * completed order, so here the doctor says that and checks they are allowed to.
 */
export function checkShipping(root: string): Finding[] {
  const functions = listFunctions(root).filter((fn) => SHIPPING_FUNCTIONS.includes(fn.name));
  const missing = functions.flatMap((fn) =>
    SHIPPING_OPENAPI.filter((api) => !fn.openapi.includes(api)).map((api) => `${fn.name}: ${api}`),
  );
  const applies =
    'applies only if WeChat has the mini program under trade management (paid money stays ' +
    'frozen until shipping is reported): api and cron ask is_trade_managed at each completed ' +
    'order and record the answer on it (shipping.state uploaded / not_managed)';
  if (missing.length) {
    return [
      warning(
        'shipping info',
        `${applies}, but these cloud-call permissions are missing: ${missing.join(', ')}`,
        'add them to permissions.openapi in cloudfunctions/<function>/config.json and deploy ' +
          'the functions again (`npm run deploy:functions`)',
      ),
    ];
  }
  return [ok('shipping info', applies)];
}
