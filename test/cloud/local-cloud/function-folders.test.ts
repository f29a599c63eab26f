// Function folders added while the local cloud runs are served without a restart, timer triggers
// included: a function built after `npm start` runs on its schedule.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LocalCloud, startLocalCloud } from '../../helpers/local-cloud';

jest.setTimeout(60_000);

let cloud: LocalCloud;
let functionsRoot: string;

beforeAll(async () => {
  functionsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'functions-'));
  cloud = await startLocalCloud({ functionsRoot, timers: true });
});
afterAll(async () => {
  await cloud.stop();
  fs.rmSync(functionsRoot, { recursive: true, force: true });
});

test('a function folder added while running gets its timer trigger', async () => {
  const dir = path.join(functionsRoot, 'late');
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] }),
  );
  fs.writeFileSync(path.join(dir, 'index.js'), 'exports.main = async (event) => event;\n');

  let runs: Array<Record<string, unknown>> = [];
  for (let i = 0; i < 50 && runs.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    runs = (await cloud.functionLog()).filter((r) => r.function === 'late');
  }
  expect(runs[0]).toMatchObject({ function: 'late', source: 'wx_trigger' });
  expect((await cloud.http('GET', '/timers')).json).toEqual([
    { function: 'late', trigger: 'everySecond', config: '* * * * * * *' },
  ]);
  expect(((await cloud.http('GET', '/health')).json as { functions: number }).functions).toBe(1);
});
