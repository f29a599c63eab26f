// CloudBase timer triggers use a 7-field cron: second minute hour day-of-month month
// day-of-week year. Each field: *, n, a-b, a,b and /step; month and weekday names (JAN, MON).
// As in CloudBase, when both day fields are restricted a time matches if either does. Like the
// cloud's timer triggers, schedules are read in China Standard Time (UTC+8, no daylight saving),
// whatever the time zone of the process.

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const UTC_PLUS_8_MS = 8 * 3600_000;

interface Field {
  any: boolean;
  values: Set<number>;
}

export interface CronSchedule {
  matches(date: Date): boolean;
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7) {
    throw new Error(`cron "${expression}" must have 7 fields: sec min hour day month week year`);
  }
  const [sec, min, hour, day, month, week, year] = [
    field(parts[0], 0, 59),
    field(parts[1], 0, 59),
    field(parts[2], 0, 23),
    field(parts[3], 1, 31),
    field(parts[4], 1, 12, MONTHS, 1),
    field(parts[5], 0, 6, WEEKDAYS, 0),
    field(parts[6], 1970, 2199),
  ];
  return {
    matches(date: Date): boolean {
      // The UTC fields of the shifted instant are the wall-clock fields in UTC+8.
      const t = new Date(date.getTime() + UTC_PLUS_8_MS);
      const dayOk =
        day.any || week.any
          ? day.values.has(t.getUTCDate()) && week.values.has(t.getUTCDay())
          : day.values.has(t.getUTCDate()) || week.values.has(t.getUTCDay());
      return (
        sec.values.has(t.getUTCSeconds()) &&
        min.values.has(t.getUTCMinutes()) &&
        hour.values.has(t.getUTCHours()) &&
        month.values.has(t.getUTCMonth() + 1) &&
        year.values.has(t.getUTCFullYear()) &&
        dayOk
      );
    },
  };
}

function field(text: string, min: number, max: number, names: string[] = [], base = 0): Field {
  const values = new Set<number>();
  const any = text === '*' || text === '?';
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let [from, to] = [min, max];
    if (range !== '*' && range !== '?') {
      const [a, b] = range.split('-');
      from = value(a, names, base);
      to = b === undefined ? (stepText === undefined ? from : max) : value(b, names, base);
    }
    if (!Number.isInteger(step) || step < 1 || from < min || to > max || from > to) {
      throw new Error(`cron field "${text}" is out of range ${min}-${max}`);
    }
    for (let n = from; n <= to; n += step) values.add(n);
  }
  return { any, values };
}

function value(text: string, names: string[], base: number): number {
  const index = names.indexOf(text.toUpperCase());
  if (index !== -1) return index + base;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`cron value "${text}" is not a number`);
  return n;
}
