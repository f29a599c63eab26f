// Cloud functions run in UTC; a developer's machine set to another zone must not shift the dates
// a function computes. The local cloud is started with TZ=Asia/Shanghai, as on such a machine.
import { FIXTURE_FUNCTIONS, type LocalCloud, startLocalCloud } from '../../helpers/local-cloud';
import { parseCron } from '../../../tools/local-cloud/cron';

jest.setTimeout(60_000);

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({
    functionsRoot: FIXTURE_FUNCTIONS,
    env: { TZ: 'Asia/Shanghai', LOCAL_CLOUD_WORKERS: '2' },
  });
});
afterAll(() => cloud.stop());

interface Clock {
  now: number;
  hours: number;
  utcHours: number;
  timezoneOffset: number;
  intlTimeZone: string;
}

test('a function computes dates in UTC on a machine set to Asia/Shanghai', async () => {
  // Two at once: a second worker started later sees the same zone.
  const clocks = await Promise.all([
    cloud.callFunction<Clock>('clock'),
    cloud.callFunction<Clock>('clock'),
  ]);
  for (const clock of clocks) {
    expect(clock.timezoneOffset).toBe(0);
    expect(clock.hours).toBe(clock.utcHours);
    expect(clock.intlTimeZone).toBe('UTC');
  }
});

test('timer schedules are read in UTC+8, as the cloud reads them', () => {
  // 03:00 in China is 19:00 UTC the day before, whatever zone this test runs in.
  const nightly = parseCron('0 0 3 * * * *');
  expect(nightly.matches(new Date('2025-03-01T19:00:00Z'))).toBe(true);
  expect(nightly.matches(new Date('2025-03-01T03:00:00Z'))).toBe(false);
});
