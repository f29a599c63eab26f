// The setup plan is a pure difference between database/*.json and what a target reports; the
// cloud target's dry run works without network or credentials.
import fs from 'node:fs';
import path from 'node:path';
import { loadDatabaseSpec } from '../../tools/seed/database';
import { planSetup } from '../../tools/deploy/setup/plan';
import { runSetup } from '../../tools/deploy/setup/run';
import { COMPLETE_CONFIG, makeFixture, removeFixture } from './deploy-fixture';

const spec = loadDatabaseSpec();
const indexCount = spec.reduce((sum, c) => sum + c.indexes.length, 0);

describe('planSetup', () => {
  test('an empty target gets every collection, index and rule, collections first', () => {
    const plan = planSetup(spec, []);
    expect(plan.steps).toHaveLength(spec.length * 2 + indexCount);
    const firstOrders = plan.steps.findIndex((s) => s.collection === 'orders');
    expect(plan.steps[firstOrders]).toEqual({ kind: 'createCollection', collection: 'orders' });
  });

  test('a target that matches plans nothing (built-in _id index ignored)', () => {
    const existing = spec.map((c) => ({
      name: c.name,
      rules: { ...c.rules },
      indexes: [
        { name: '_id_', keys: [{ field: '_id', direction: 1 as const }] },
        ...c.indexes.map((i) => ({ ...i, unique: Boolean(i.unique) })),
      ],
    }));
    const plan = planSetup(spec, existing);
    expect(plan.steps).toEqual([]);
    expect(plan.unchanged).toEqual({
      collections: spec.length,
      indexes: indexCount,
      rules: spec.length,
    });
    expect(plan.unmanagedIndexes).toEqual([]);
  });

  test('rule expressions compare without caring about spacing; direction by value', () => {
    const orders = spec.find((c) => c.name === 'orders')!;
    const existing = [
      {
        name: 'orders',
        rules: { read: 'doc._openid  ==   auth.openid', write: false },
        indexes: orders.indexes.map((i) => ({
          ...i,
          keys: i.keys.map((k) => ({ ...k, direction: String(k.direction) as unknown as 1 })),
        })),
      },
    ];
    expect(planSetup([orders], existing).steps).toEqual([]);
  });
});

describe('setup --target cloud without network', () => {
  const root = makeFixture();
  const configFile = path.join(root, 'storefront.config.json');
  afterAll(() => removeFixture(root));

  test('--dry-run without credentials plans against an empty environment and says so', async () => {
    const lines: string[] = [];
    const { plan, applied } = await runSetup({
      target: 'cloud',
      dryRun: true,
      configFile,
      env: {},
      log: (line) => lines.push(line),
    });
    expect(applied).toBe(0);
    expect(plan.steps).toHaveLength(spec.length * 2 + indexCount);
    const text = lines.join('\n');
    expect(text).toContain('planned against an EMPTY environment');
    expect(text).toContain(`CloudBase environment ${COMPLETE_CONFIG.envId}`);
    expect(text).toContain('dry run: nothing was changed');
  });

  test('a real run without credentials or envId stops with the fix, before any change', async () => {
    await expect(
      runSetup({ target: 'cloud', dryRun: false, configFile, env: {}, log: () => {} }),
    ).rejects.toThrow(
      /no Tencent Cloud API key for environment store-prod-1a2b3c: set TENCENTCLOUD_SECRETID/,
    );
    const noEnv = path.join(root, 'no-env.json');
    fs.writeFileSync(noEnv, JSON.stringify({ ...COMPLETE_CONFIG, envId: '' }));
    await expect(
      runSetup({ target: 'cloud', dryRun: false, configFile: noEnv, env: {}, log: () => {} }),
    ).rejects.toThrow(/"envId" is empty/);
  });

  test('a key file that is not usable is named', async () => {
    await expect(
      runSetup({
        target: 'cloud',
        dryRun: true,
        configFile,
        env: { STOREFRONT_CLOUD_KEYFILE: path.join(root, 'missing.json') },
        log: () => {},
      }),
    ).rejects.toThrow(/STOREFRONT_CLOUD_KEYFILE .*missing\.json/);
  });
});
