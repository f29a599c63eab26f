// npm run import-store -- --file my-store.json [--target local|cloud] [--dry-run]
//                         [--url http://127.0.0.1:3900] [--config storefront.config.json]
// npm run import-store -- --demo [...]                 the demo café (tools/seed/demo.ts)
// npm run import-store -- --write-example my-store.json  the demo café as a file to edit
// Puts a store's own stores, categories, goods and tables into the local cloud or a CloudBase
// environment: checked first, upserted by _id, catalogVersion bumped. See docs/DEPLOY.md.
import path from 'node:path';
import { DeployError, parseFlags, runCommand } from '../cli';
import { runImport } from './run';
import { demoStoreData, readStoreFile, writeExample } from './source';
import { ImportProblems } from './validate';

/** A path the user typed, from where they typed it (npm run moves to the project root). */
const fromUser = (file: string): string =>
  path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

runCommand('import-store', async () => {
  const flags = parseFlags(process.argv.slice(2), {
    file: { type: 'string' },
    demo: { type: 'boolean' },
    'write-example': { type: 'string' },
    target: { type: 'string' },
    'dry-run': { type: 'boolean' },
    url: { type: 'string' },
    config: { type: 'string' },
  });
  if (flags['write-example']) {
    writeExample(fromUser(flags['write-example']));
    console.log(`import-store: wrote the demo café to ${flags['write-example']}; edit it, then`);
    console.log(`  npm run import-store -- --file ${flags['write-example']} --dry-run`);
    return;
  }
  if (Boolean(flags.file) === Boolean(flags.demo)) {
    throw new DeployError('give either --file <store.json> or --demo (or --write-example <path>)');
  }
  const target = flags.target ?? 'local';
  if (target !== 'local' && target !== 'cloud') {
    throw new DeployError(`--target must be "local" or "cloud", got "${target}"`);
  }
  try {
    await runImport({
      target,
      input: flags.file ? readStoreFile(fromUser(flags.file)) : demoStoreData(),
      source: flags.file ?? 'demo café',
      dryRun: flags['dry-run'] ?? false,
      url: flags.url,
      configFile: flags.config,
    });
  } catch (error) {
    if (error instanceof ImportProblems)
      throw new DeployError(`${error.message}\nnothing was written`);
    throw error;
  }
});
