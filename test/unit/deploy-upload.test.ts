// `npm run upload` / `npm run preview`: refuse clearly without a key or a real appid; --dry-run
// prints the package sizes without a key.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { readDeployConfig } from '../../tools/deploy/deploy-config';
import { runUpload, uploadBlockers } from '../../tools/deploy/upload/run';
import { makeFixture, removeFixture } from './deploy-fixture';

const PROJECT = path.resolve(__dirname, '../..');
const roots: string[] = [];
afterAll(() => roots.forEach(removeFixture));

function fixtureConfig(config: Record<string, unknown>) {
  const root = makeFixture({ config });
  roots.push(root);
  return { root, configFile: path.join(root, 'storefront.config.json') };
}

test('placeholder appid, no key and local mode each stop an upload with the fix', () => {
  const { configFile } = fixtureConfig({
    appid: 'touristappid',
    privateKeyPath: '',
    mode: 'local',
  });
  const blockers = uploadBlockers('upload', readDeployConfig(configFile, {}));
  expect(blockers).toHaveLength(3);
  expect(blockers[0]).toContain('placeholder "touristappid"');
  expect(blockers[1]).toContain('小程序代码上传');
  expect(blockers[1]).toContain('STOREFRONT_PRIVATE_KEY');
  expect(blockers[2]).toContain('"mode": "cloud"');
  // Preview may show a local-mode build on a phone; only the appid and key matter.
  expect(uploadBlockers('preview', readDeployConfig(configFile, {}))).toHaveLength(2);
});

test('a configured key that does not exist is named', () => {
  const { configFile } = fixtureConfig({ privateKeyPath: 'keys/gone.key' });
  expect(uploadBlockers('upload', readDeployConfig(configFile, {}))).toEqual([
    expect.stringMatching(/upload key .*gone\.key does not exist/),
  ]);
  const complete = fixtureConfig({});
  expect(uploadBlockers('upload', readDeployConfig(complete.configFile, {}))).toEqual([]);
});

test.each(['upload', 'preview'] as const)(
  '%s without a key fails before miniprogram-ci',
  async (action) => {
    const { root, configFile } = fixtureConfig({ privateKeyPath: '' });
    await expect(
      runUpload({ action, dryRun: false, root, configFile, env: {}, log: () => {} }),
    ).rejects.toThrow(new RegExp(`cannot ${action} yet:\\n  - no upload key configured`));
  },
);

test('--dry-run prints version, description, files and sizes, without a key', async () => {
  const { configFile } = fixtureConfig({ appid: 'touristappid', privateKeyPath: '' });
  const lines: string[] = [];
  await runUpload({
    action: 'preview',
    dryRun: true,
    configFile,
    env: {},
    log: (l) => lines.push(l),
  });
  const text = lines.join('\n');
  expect(text).toMatch(/^preview --dry-run: appid touristappid, version \d+\.\d+\.\d+/);
  expect(text).toMatch(/\d+ files in \d+ packages/);
  expect(text).toMatch(/main +\d+ B .*budget 600\.0 KiB/);
  expect(text).toMatch(/total +\d+ B/);
  expect(text).toContain('QR code would be written to');
  expect(text).toContain('a real run would stop: appid is the placeholder');
  expect(text).toContain('dry run: nothing was uploaded');
});

test('npm run upload fails with the message and exit 1', async () => {
  const { configFile } = fixtureConfig({ appid: 'touristappid', privateKeyPath: '' });
  const result = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'tools/deploy/upload/index.ts', 'upload', '--config', configFile],
    { cwd: PROJECT, env: { ...process.env, STOREFRONT_PRIVATE_KEY: '' } },
  ).catch((error: { code: number; stderr: string }) => error);
  expect((result as { code?: number }).code).toBe(1);
  expect(result.stderr).toContain('upload: cannot upload yet:');
  expect(result.stderr).toContain('appid is the placeholder "touristappid"');
});
