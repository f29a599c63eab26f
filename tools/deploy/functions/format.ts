// One block per function: its configuration and exactly what deploying it runs.
import type { DeployableFunction } from './catalog';

/** The Node runtime the build targets (tools/build/functions.ts: esbuild target node16). */
export const FUNCTION_RUNTIME = 'Nodejs16.13';

export function formatFunction(fn: DeployableFunction, envId: string): string {
  const env = envId || '<envId>';
  const triggers = fn.triggers.length
    ? fn.triggers.map((t) => `${t.name} (${t.type} "${t.config}")`).join(', ')
    : 'none';
  const lines = [
    `${fn.name}  cloudfunctions/${fn.name}`,
    `  timeout ${fn.timeout} s, runtime ${FUNCTION_RUNTIME}, dependencies installed in the cloud`,
    `  triggers: ${triggers}`,
    `  openapi permissions: ${fn.openapi.length ? fn.openapi.join(', ') : 'none'}`,
    `  HTTP access: ${fn.httpPath ? `${fn.httpPath} → ${fn.name}` : 'none'}`,
    `  runs: manager-node functions.createFunction({ func: ${fn.name}, force: true }) in env ${env}`,
    `  CLI equivalent: tcb fn deploy ${fn.name} --dir cloudfunctions/${fn.name} -e ${env} --force`,
  ];
  for (const problem of fn.problems) lines.push(`  PROBLEM: ${problem}`);
  return lines.join('\n');
}
