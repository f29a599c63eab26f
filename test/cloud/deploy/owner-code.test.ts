// `npm run owner-code` against the local cloud: a code for existing stores; a bad --hours or an
// unknown --store is refused before anything is written (a working code is never replaced).
import { type LocalCloud, startLocalCloud, withSdk } from '../../helpers/local-cloud';
import { runTool } from '../../helpers/run-tool';

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

const ownerCode = (...args: string[]) =>
  runTool('tools/staff/owner-code.ts', ['--url', cloud.url, ...args]);

async function setupRecord(): Promise<Record<string, unknown> | null> {
  const { data } = await db.collection('setup').where({}).get();
  return data[0] ?? null;
}

it('prints a code for every store, valid for the hours asked', async () => {
  const run = await ownerCode('--hours', '24');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/setup code: [A-Z0-9]{8}/);
  expect(run.stdout).toContain('stores: xujiahui, jingan');
  const record = await setupRecord();
  expect(record?.storeIds).toEqual(['xujiahui', 'jingan']);
  expect(Number(record?.expiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
});

it('refuses a bad --hours or an unknown --store and keeps the working code', async () => {
  const before = await setupRecord();
  const badHours = await ownerCode('--hours', 'abc');
  expect(badHours.status).toBe(1);
  expect(badHours.stderr).toContain('--hours must be a number of hours from 1 to 720, got "abc"');

  const badStore = await ownerCode('--store', 'nowhere');
  expect(badStore.status).toBe(1);
  expect(badStore.stderr).toContain('no store nowhere; the stores are: xujiahui, jingan');
  expect(await setupRecord()).toEqual(before);
});
