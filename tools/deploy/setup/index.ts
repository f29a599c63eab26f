// npm run setup -- --target local|cloud [--dry-run] [--url http://127.0.0.1:3900] [--config file]
import { DeployError, parseFlags, runCommand } from '../cli';
import { runSetup } from './run';

runCommand('setup', async () => {
  const flags = parseFlags(process.argv.slice(2), {
    target: { type: 'string' },
    'dry-run': { type: 'boolean' },
    url: { type: 'string' },
    config: { type: 'string' },
  });
  const target = flags.target ?? 'local';
  if (target !== 'local' && target !== 'cloud') {
    throw new DeployError(`--target must be "local" or "cloud", got "${target}"`);
  }
  await runSetup({
    target,
    dryRun: flags['dry-run'] ?? false,
    url: flags.url,
    configFile: flags.config,
  });
});
