// `npm run owner-code` against the local cloud: a code for existing stores; a bad --hours or an
// unknown --store is refused before anything is written (a working code is never replaced).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { type LocalCloud, PROJECT_ROOT, startLocalCloud, withSdk } from '../../helpers/local-cloud';

let cloud: LocalCloud;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the real wx-server-sdk
let db: any;

beforeAll(async () => {
  cloud = await startLocalCloud();
  db = withSdk(cloud).database();
  await db.collection('stores').add({ data: { _id: 'xujiahui', name: '徐家汇店' } });
  await db.collection('stores').add({ data: { _id: 'jingan', name: '静安寺店' } });
}, 60_000);
afterAll(() => cloud?.stop());

function ownerCode(...args: string[]) {
  return spawnSync(
    'npx',
    ['tsx', path.join(PROJECT_ROOT, 'tools/staff/owner-code.ts'), '--url', cloud.url, ...args],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
}

async function setupRecord(): Promise<Record<string, unknown> | null> {
  const { data } = await db.collection('setup').where({}).get();
  return data[0] ?? null;
}

it('prints a code for every store, valid for the hours asked', async () => {
  const run = ownerCode('--hours', '24');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/setup code: [A-Z0-9]{8}/);
  expect(run.stdout).toContain('stores: xujiahui, jingan');
  const record = await setupRecord();
  expect(record?.storeIds).toEqual(['xujiahui', 'jingan']);
  expect(Number(record?.expiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
});

it('refuses a bad --hours or an unknown --store and keeps the working code', async () => {
  const before = await setupRecord();
  const badHours = ownerCode('--hours', 'abc');
  expect(badHours.status).toBe(1);
  expect(badHours.stderr).toContain('--hours must be a number of hours from 1 to 720, got "abc"');

  const badStore = ownerCode('--store', 'nowhere');
  expect(badStore.status).toBe(1);
  expect(badStore.stderr).toContain('no store nowhere; the stores are: xujiahui, jingan');
  expect(await setupRecord()).toEqual(before);
});
