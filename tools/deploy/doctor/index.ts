// npm run doctor [-- --config file]
import { parseFlags, runCommand } from '../cli';
import { runDoctor } from './run';

runCommand('doctor', async () => {
  const flags = parseFlags(process.argv.slice(2), { config: { type: 'string' } });
  const { report, exitCode } = runDoctor({ configFile: flags.config });
  console.log(report);
  return exitCode;
});
