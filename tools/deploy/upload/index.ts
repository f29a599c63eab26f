// npm run upload [-- --dry-run] [--config file]
// npm run preview [-- --dry-run] [--qrcode file.png] [--config file]
import { DeployError, parseFlags, runCommand } from '../cli';
import { runUpload } from './run';

const [action, ...argv] = process.argv.slice(2);

runCommand(action ?? 'upload', async () => {
  if (action !== 'upload' && action !== 'preview') {
    throw new DeployError('first argument must be "upload" or "preview"');
  }
  const flags = parseFlags(argv, {
    'dry-run': { type: 'boolean' },
    config: { type: 'string' },
    qrcode: { type: 'string' },
  });
  await runUpload({
    action,
    dryRun: flags['dry-run'] ?? false,
    configFile: flags.config,
    qrcodeFile: flags.qrcode,
  });
});
