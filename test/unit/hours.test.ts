import { DomainError } from '../../miniprogram/domain/errors';
import {
  assertWeeklyHours,
  isOpenAt,
  isWithinHours,
  localTimeAt,
  nextOpening,
  openStateAt,
  parseClock,
  rangeMinutes,
  storeStatusAt,
  todayHoursText,
  type HoursSource,
  type TimeRange,
  type WeeklyHours,
} from '../../miniprogram/domain/hours';

// Fixed clock. 2026-11-23 is a Monday; Shanghai is UTC+8 all year.
const shanghai = (local: string) => new Date(`${local}+08:00`);

const closedDay: TimeRange[] = [];
const week = (days: Partial<Record<number, TimeRange[]>>): WeeklyHours =>
  Array.from({ length: 7 }, (_, weekday) => days[weekday] ?? closedDay);

const allDay: HoursSource = {
  timeZone: 'Asia/Shanghai',
  hours: week(
    Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [{ open: '00:00', close: '24:00' }]])),
  ),
};

const weekday = [{ open: '07:30', close: '21:00' }];
const weekend = [
  { open: '10:00', close: '14:00' },
  { open: '16:00', close: '22:00' },
];
const cafe: HoursSource = {
  timeZone: 'Asia/Shanghai',
  hours: week({
    0: weekend,
    1: weekday,
    2: weekday,
    3: weekday,
    4: weekday,
    5: weekday,
    6: weekend,
  }),
};

// A bar open Friday and Saturday nights past midnight.
const bar: HoursSource = {
  timeZone: 'Asia/Shanghai',
  hours: week({ 5: [{ open: '18:00', close: '02:00' }], 6: [{ open: '18:00', close: '00:00' }] }),
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}

describe('parsing hours', () => {
  it('reads HH:MM as minutes', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('07:30')).toBe(450);
    expect(parseClock('23:59')).toBe(1439);
    expect(parseClock('24:00', true)).toBe(1440);
  });

  it.each(['24:00', '7:30', '12:60', '25:00', 'noon', '', '12:00:00'])('rejects "%s"', (text) => {
    expect(codeOf(() => parseClock(text))).toBe('INVALID_HOURS');
  });

  it('treats a close not after the open as the next day', () => {
    expect(rangeMinutes({ open: '18:00', close: '02:00' })).toEqual({ start: 1080, end: 1560 });
    expect(rangeMinutes({ open: '18:00', close: '00:00' })).toEqual({ start: 1080, end: 1440 });
    expect(rangeMinutes({ open: '00:00', close: '24:00' })).toEqual({ start: 0, end: 1440 });
  });

  it('rejects empty ranges and weeks without 7 days', () => {
    expect(codeOf(() => rangeMinutes({ open: '08:00', close: '08:00' }))).toBe('INVALID_HOURS');
    expect(codeOf(() => assertWeeklyHours(cafe.hours.slice(1)))).toBe('INVALID_HOURS');
    expect(codeOf(() => assertWeeklyHours(cafe.hours))).toBeUndefined();
  });

  it('rejects an unknown time zone', () => {
    expect(codeOf(() => isOpenAt({ ...cafe, timeZone: 'Mars/Olympus' }, new Date()))).toBe(
      'INVALID_HOURS',
    );
  });
});

describe('localTimeAt', () => {
  it('gives the wall clock in the store zone, not the machine zone', () => {
    expect(localTimeAt(Date.parse('2026-11-23T19:00:00Z'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 11,
      day: 24,
      weekday: 2,
      minutes: 180,
    });
    expect(localTimeAt(Date.parse('2026-11-23T19:00:00Z'), 'America/New_York').day).toBe(23);
  });
});

describe('isOpenAt', () => {
  it('keeps an all-day store open around the clock', () => {
    for (let hour = 0; hour < 24 * 7; hour += 1) {
      const at = new Date(Date.parse('2026-11-23T00:00:00Z') + hour * 3600_000 + 1234);
      expect(isOpenAt(allDay, at)).toBe(true);
    }
  });

  it.each([
    ['2026-11-24T03:00', false], // Tuesday night
    ['2026-11-24T07:29', false],
    ['2026-11-24T07:30', true], // opening is inclusive
    ['2026-11-24T20:59', true],
    ['2026-11-24T21:00', false], // closing is exclusive
    ['2026-11-28T09:59', false], // Saturday
    ['2026-11-28T10:00', true],
    ['2026-11-28T15:00', false], // between the two weekend ranges
    ['2026-11-28T21:59', true],
    ['2026-11-29T13:59', true], // Sunday
  ])('café at %s Shanghai → open %p', (local, open) => {
    expect(isOpenAt(cafe, shanghai(local))).toBe(open);
  });

  it.each([
    ['2026-11-27T17:59', false], // Friday
    ['2026-11-27T18:00', true],
    ['2026-11-28T01:30', true], // Saturday early morning, from Friday's range
    ['2026-11-28T02:00', false],
    ['2026-11-28T23:59', true], // Saturday until midnight
    ['2026-11-29T00:00', false],
    ['2026-11-29T01:00', false], // Saturday's range ended at midnight
  ])('bar at %s Shanghai → open %p', (local, open) => {
    expect(isOpenAt(bar, shanghai(local))).toBe(open);
  });

  it('answers the same whatever zone the caller is in', () => {
    const instant = shanghai('2026-11-24T12:00');
    const newYorkStore = { ...cafe, timeZone: 'America/New_York' };
    expect(isOpenAt(cafe, instant)).toBe(true); // 12:00 Tuesday in Shanghai
    expect(isOpenAt(newYorkStore, instant)).toBe(false); // 23:00 Monday in New York
  });
});

describe('nextOpening', () => {
  it('is now when open', () => {
    const at = shanghai('2026-11-24T12:00');
    expect(nextOpening(cafe, at)).toEqual(at);
  });

  it.each([
    ['2026-11-24T03:00', '2026-11-24T07:30'],
    ['2026-11-24T21:00', '2026-11-25T07:30'],
    ['2026-11-27T22:00', '2026-11-28T10:00'], // Friday night → Saturday's later start
    ['2026-11-28T15:00', '2026-11-28T16:00'], // between ranges
    ['2026-11-29T23:00', '2026-11-30T07:30'], // Sunday night → Monday
  ])('café closed at %s opens %s', (local, next) => {
    expect(nextOpening(cafe, shanghai(local))).toEqual(shanghai(next));
  });

  it('finds an opening six days ahead and gives up when there is none', () => {
    const wednesdaysOnly = { timeZone: 'Asia/Shanghai', hours: week({ 3: weekday }) };
    expect(nextOpening(wednesdaysOnly, shanghai('2026-11-26T08:00'))).toEqual(
      shanghai('2026-12-02T07:30'),
    );
    expect(nextOpening({ timeZone: 'Asia/Shanghai', hours: week({}) }, new Date())).toBeNull();
  });

  it('lands on the right instant across a daylight-saving change', () => {
    // New York springs forward at 02:00 on Sunday 2026-03-08 (EST −5 → EDT −4).
    const sundays = {
      timeZone: 'America/New_York',
      hours: week({ 0: [{ open: '08:00', close: '12:00' }] }),
    };
    expect(nextOpening(sundays, new Date('2026-03-08T06:00:00Z'))).toEqual(
      new Date('2026-03-08T12:00:00Z'),
    );
    expect(nextOpening(sundays, new Date('2026-03-01T06:00:00Z'))).toEqual(
      new Date('2026-03-01T13:00:00Z'),
    );
  });
});

describe('status override', () => {
  const at = shanghai('2026-11-24T12:00'); // inside the café's hours
  const night = shanghai('2026-11-24T23:00'); // outside them

  it('closes an open store, until a time or indefinitely', () => {
    const until = shanghai('2026-11-25T12:00').getTime();
    const closedUntil = { ...cafe, statusOverride: { status: 'closed' as const, until } };
    expect(openStateAt(closedUntil, at)).toBe('closed');
    expect(isWithinHours(closedUntil, at)).toBe(true);
    expect(nextOpening(closedUntil, at)).toEqual(new Date(until));
    expect(isOpenAt(closedUntil, new Date(until))).toBe(true); // the override has expired

    const shut = { ...cafe, statusOverride: { status: 'closed' as const } };
    expect(isOpenAt(shut, at)).toBe(false);
    expect(nextOpening(shut, at)).toBeNull();
  });

  it('opens a closed store', () => {
    const open = { ...cafe, statusOverride: { status: 'open' as const, until: null } };
    expect(openStateAt(open, night)).toBe('open');
    expect(nextOpening(open, night)).toEqual(night);
  });

  it('marks a store busy: within hours but not taking orders', () => {
    const busy = { ...cafe, statusOverride: { status: 'busy' as const } };
    expect(openStateAt(busy, at)).toBe('busy');
    expect(isOpenAt(busy, at)).toBe(false);
    expect(storeStatusAt(busy, at)).toMatchObject({ state: 'busy', open: false, nextOpenAt: null });
  });

  it('ignores an override whose time has passed', () => {
    const stale = {
      ...cafe,
      statusOverride: { status: 'closed' as const, until: at.getTime() - 1 },
    };
    expect(isOpenAt(stale, at)).toBe(true);
  });

  it('when closed until a time that falls outside hours, opens at the next range after it', () => {
    const until = shanghai('2026-11-24T22:00').getTime();
    const store = { ...cafe, statusOverride: { status: 'closed' as const, until } };
    expect(nextOpening(store, at)).toEqual(shanghai('2026-11-25T07:30'));
  });
});

describe('texts', () => {
  it.each([
    [cafe, '2026-11-24T03:00', '07:30-21:00'],
    [cafe, '2026-11-28T12:00', '10:00-14:00 16:00-22:00'],
    [allDay, '2026-11-24T03:00', '全天营业'],
    [bar, '2026-11-27T12:00', '18:00-次日02:00'],
    [bar, '2026-11-28T12:00', '18:00-24:00'],
    [bar, '2026-11-24T12:00', '今日休息'],
  ])('today’s hours', (source, local, text) => {
    expect(todayHoursText(source, shanghai(local))).toBe(text);
  });

  it('describes the next opening relative to now', () => {
    expect(storeStatusAt(cafe, shanghai('2026-11-24T03:00'))).toEqual({
      state: 'closed',
      open: false,
      todayHours: '07:30-21:00',
      nextOpenAt: shanghai('2026-11-24T07:30').getTime(),
      nextOpenText: '今天 07:30 营业',
      headline: '今天 07:30 开始接单',
    });
    expect(storeStatusAt(cafe, shanghai('2026-11-24T22:00')).nextOpenText).toBe('明天 07:30 营业');
    const wednesdaysOnly = { timeZone: 'Asia/Shanghai', hours: week({ 3: weekday }) };
    expect(storeStatusAt(wednesdaysOnly, shanghai('2026-11-26T08:00')).nextOpenText).toBe(
      '周三 07:30 营业',
    );
    const closedLong = {
      ...cafe,
      statusOverride: { status: 'closed' as const, until: shanghai('2026-12-10T00:00').getTime() },
    };
    expect(storeStatusAt(closedLong, shanghai('2026-11-24T12:00')).nextOpenText).toBe(
      '12月10日 07:30 营业',
    );
  });

  it('says nothing about the next opening while open', () => {
    expect(storeStatusAt(allDay, new Date())).toMatchObject({
      state: 'open',
      open: true,
      nextOpenAt: null,
      nextOpenText: '',
      headline: '全天营业',
    });
    expect(storeStatusAt(cafe, shanghai('2026-11-24T12:00')).headline).toBe('今日 07:30-21:00');
  });

  it('paused by staff: when orders resume, never an opening time while the store is open', () => {
    const until = shanghai('2026-11-24T14:30').getTime();
    const paused = { ...cafe, statusOverride: { status: 'busy' as const, until } };
    expect(storeStatusAt(paused, shanghai('2026-11-24T12:00'))).toMatchObject({
      state: 'busy',
      open: false,
      nextOpenText: '',
      headline: '预计 14:30 恢复',
    });
    const tomorrow = {
      ...cafe,
      statusOverride: { status: 'busy' as const, until: until + 86_400_000 },
    };
    expect(storeStatusAt(tomorrow, shanghai('2026-11-24T12:00')).headline).toBe(
      '预计明天 14:30 恢复',
    );
    const noTime = { ...cafe, statusOverride: { status: 'busy' as const } };
    expect(storeStatusAt(noTime, shanghai('2026-11-24T12:00')).headline).toBe('稍后恢复');
  });
});

describe('without time-zone data in Intl', () => {
  afterEach(() => jest.restoreAllMocks());

  it('falls back to the fixed +08:00 offset for Chinese zones', () => {
    const withIntl = storeStatusAt(cafe, shanghai('2026-11-24T03:00'));
    jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(() => {
      throw new RangeError('Invalid time zone');
    });
    // Asia/Macau has not been formatted before in this file, so it takes the fallback path.
    const macau = { ...cafe, timeZone: 'Asia/Macau' };
    expect(storeStatusAt(macau, shanghai('2026-11-24T03:00'))).toEqual(withIntl);
    expect(localTimeAt(shanghai('2026-11-24T07:45').getTime(), 'Asia/Macau').minutes).toBe(465);
  });
});
