// `npm run deploy:functions -- --dry-run`: every function with its configuration and the deploy
// it would run; a real run refuses without what it needs.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { listFunctions } from '../../tools/deploy/functions/catalog';
import { runDeployFunctions } from '../../tools/deploy/functions/run';
import { makeFixture, removeFixture } from './deploy-fixture';

const PROJECT = path.resolve(__dirname, '../..');
const roots: string[] = [];
afterAll(() => roots.forEach(removeFixture));

async function dryRun(root: string) {
  const lines: string[] = [];
  const functions = await runDeployFunctions({
    dryRun: true,
    root,
    configFile: path.join(root, 'storefront.config.json'),
    log: (line) => lines.push(line),
  });
  return { functions, text: lines.join('\n') };
}

test('lists each function with timeout, triggers, permissions and the command', async () => {
  const root = makeFixture();
  roots.push(root);
  const { functions, text } = await dryRun(root);
  expect(functions.map((fn) => fn.name)).toEqual(['api', 'cron']);
  expect(text).toContain('api  cloudfunctions/api');
  expect(text).toContain('timeout 10 s');
  expect(text).toContain('openapi permissions: subscribeMessage.send');
  expect(text).toContain('triggers: tick (timer "0 * * * * * *")');
  expect(text).toContain('tcb fn deploy cron --dir cloudfunctions/cron -e store-prod-1a2b3c');
  expect(text).toContain('dry run: nothing was deployed');
  expect(text).not.toContain('PROBLEM');
});

test("the project's own functions are all listed with their triggers", async () => {
  const names = fs
    .readdirSync(path.join(PROJECT, 'cloudfunctions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const { functions, text } = await dryRun(PROJECT);
  expect(functions.map((fn) => fn.name)).toEqual(names);
  for (const fn of functions) {
    expect(text).toContain(`${fn.name}  cloudfunctions/${fn.name}`);
    for (const trigger of fn.triggers) expect(text).toContain(`${trigger.name} (${trigger.type}`);
  }
  const cron = listFunctions(PROJECT).find((fn) => fn.name === 'cron');
  expect(cron?.triggers.length).toBeGreaterThan(0);
});

test('problems (missing config.json, not built, bad JSON) are listed, not thrown', async () => {
  const root = makeFixture({ functions: { api: { config: {}, built: false } } });
  roots.push(root);
  fs.mkdirSync(path.join(root, 'cloudfunctions/empty'));
  fs.mkdirSync(path.join(root, 'cloudfunctions/bad'));
  fs.writeFileSync(path.join(root, 'cloudfunctions/bad/config.json'), '{');
  const { text } = await dryRun(root);
  expect(text).toContain('PROBLEM: index.js not built: run `npm run build`');
  expect(text).toContain('PROBLEM: config.json missing');
  expect(text).toContain('PROBLEM: config.json is not valid JSON');
});

test('a real run stops before deploying: problems, then credentials', async () => {
  const broken = makeFixture({ functions: { api: { config: {}, built: false } } });
  const ready = makeFixture();
  roots.push(broken, ready);
  const run = (root: string) =>
    runDeployFunctions({
      dryRun: false,
      root,
      configFile: path.join(root, 'storefront.config.json'),
      env: {},
      log: () => {},
    });
  await expect(run(broken)).rejects.toThrow('fix the problems above first: api');
  await expect(run(ready)).rejects.toThrow(/no Tencent Cloud API key/);
  await expect(
    runDeployFunctions({ dryRun: true, root: ready, only: ['nope'], log: () => {} }),
  ).rejects.toThrow('no cloudfunctions/nope');
});

test('npm run deploy:functions -- --dry-run', async () => {
  const root = makeFixture();
  roots.push(root);
  // The script reads the real project's functions; the config comes from the fixture.
  const result = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/deploy/functions/index.ts',
      '--dry-run',
      '--config',
      path.join(root, 'storefront.config.json'),
    ],
    { cwd: PROJECT },
  ).catch((error: { stdout: string }) => error);
  expect(result.stdout).toContain('deploy:functions --dry-run → env store-prod-1a2b3c');
  expect(result.stdout).toContain('cron  cloudfunctions/cron');
});
