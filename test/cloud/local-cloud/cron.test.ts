// The 7-field CloudBase cron matcher used by timer triggers.
import { parseCron } from '../../../tools/local-cloud/cron';

const at = (time: string) => new Date(`${time}+08:00`); // schedules are read in UTC+8

test.each([
  ['0 */5 * * * * *', '2025-03-01T10:15:00', true],
  ['0 */5 * * * * *', '2025-03-01T10:16:00', false],
  ['0 */5 * * * * *', '2025-03-01T10:15:01', false],
  ['0 0 3 * * * *', '2025-03-01T03:00:00', true],
  ['0 0 9-17/4 * * MON-FRI *', '2025-03-03T13:00:00', true], // a Monday
  ['0 0 9-17/4 * * MON-FRI *', '2025-03-01T13:00:00', false], // a Saturday
  ['30 15 10 1,15 * * 2025', '2025-06-15T10:15:30', true],
  ['30 15 10 1,15 * * 2025', '2026-06-15T10:15:30', false],
  ['0 0 0 1 JAN * *', '2025-01-01T00:00:00', true],
])('%s matches %s: %s', (expression, time, expected) => {
  expect(parseCron(expression).matches(at(time))).toBe(expected);
});

test('rejects expressions that are not 7 valid fields', () => {
  expect(() => parseCron('*/5 * * * *')).toThrow(/7 fields/);
  expect(() => parseCron('0 61 * * * * *')).toThrow(/out of range/);
  expect(() => parseCron('0 x * * * * *')).toThrow(/not a number/);
});
