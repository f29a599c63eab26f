// npm run deploy:functions [-- --dry-run] [--only api,cron] [--config file]
import { parseFlags, runCommand } from '../cli';
import { runDeployFunctions } from './run';

runCommand('deploy:functions', async () => {
  const flags = parseFlags(process.argv.slice(2), {
    'dry-run': { type: 'boolean' },
    only: { type: 'string' },
    config: { type: 'string' },
  });
  const functions = await runDeployFunctions({
    dryRun: flags['dry-run'] ?? false,
    configFile: flags.config,
    only: flags.only?.split(',').map((name) => name.trim()),
  });
  // A dry run still fails when something could not deploy, so CI notices.
  return functions.some((fn) => fn.problems.length) ? 1 : 0;
});
