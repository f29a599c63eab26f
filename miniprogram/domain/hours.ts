// Opening hours in the store's own time zone, whatever zone the phone or the server runs in.
// A day holds any number of ranges; a range whose close is not after its open runs past
// midnight ("22:00"–"02:00" closes at 02:00 the next day); "00:00"–"24:00" is all day.

import { DomainError } from './errors';

export interface TimeRange {
  /** "HH:MM", 00:00–23:59 */
  open: string;
  /** "HH:MM", 00:00–24:00; not after `open` means the next day */
  close: string;
}

/** Seven entries, index 0 = Sunday … 6 = Saturday (JavaScript's getDay order). */
export type WeeklyHours = TimeRange[][];

/** A manual switch from the staff console; wins over the hours until `until` (epoch ms). */
export interface StatusOverride {
  status: 'open' | 'busy' | 'closed';
  until?: number | null;
}

/** What the hours logic needs from a store. */
export interface HoursSource {
  timeZone: string;
  hours: WeeklyHours;
  statusOverride?: StatusOverride | null;
}

/** open: taking orders; busy: open but ordering paused by staff; closed: outside hours or shut. */
export type OpenState = 'open' | 'busy' | 'closed';

export interface StoreStatus {
  state: OpenState;
  open: boolean;
  /** e.g. "08:00-22:00", "全天营业", "今日休息" */
  todayHours: string;
  /** Epoch ms of the next moment the store opens, when it is not open now and that is known. */
  nextOpenAt: number | null;
  /** e.g. "明天 08:00 营业"; empty when open, paused by staff, or unknown. */
  nextOpenText: string;
  /**
   * The one line that says what the state means now, beside the state and on the order button:
   * "全天营业" / "今日 07:30-21:00" when open, "周二 08:00 开始接单" when closed, "预计 14:30 恢复"
   * when staff paused orders until a time. Never an opening time while the store is open.
   */
  headline: string;
}

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60 * 1000;
const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

// Zones without daylight saving, used when the JS engine lacks time-zone data for Intl
// (some Android WebViews); China has had a fixed +08:00 since 1991.
const FIXED_OFFSET_MINUTES: Record<string, number> = {
  'Asia/Shanghai': 480,
  'Asia/Chongqing': 480,
  'Asia/Hong_Kong': 480,
  'Asia/Macau': 480,
  'Asia/Taipei': 480,
  UTC: 0,
};

/** "08:30" → 510. `allow24` admits "24:00" (only meaningful as a close). */
export function parseClock(text: string, allow24 = false): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  const valid = minutes < 60 && (hours < 24 || (allow24 && hours === 24 && minutes === 0));
  if (!valid) {
    throw new DomainError('INVALID_HOURS', `营业时间格式应为 HH:MM (got "${text}")`);
  }
  return hours * 60 + minutes;
}

/** A range as minutes from the start of its day; `end` may exceed 1440 (past midnight). */
export function rangeMinutes(range: TimeRange): { start: number; end: number } {
  const start = parseClock(range.open);
  const close = parseClock(range.close, true);
  if (close === start) {
    throw new DomainError(
      'INVALID_HOURS',
      `营业时间 ${range.open}-${range.close} 长度为零；全天请写 00:00-24:00`,
    );
  }
  return { start, end: close > start ? close : close + MINUTES_PER_DAY };
}

/** Throws INVALID_HOURS unless the week has 7 days of well-formed ranges. */
export function assertWeeklyHours(hours: WeeklyHours): void {
  if (!Array.isArray(hours) || hours.length !== 7) {
    throw new DomainError('INVALID_HOURS', '营业时间必须包含周日到周六 7 天');
  }
  hours.forEach((day) => day.forEach(rangeMinutes));
}

interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

interface LocalTime extends LocalDate {
  weekday: number; // 0 = Sunday
  minutes: number; // since local midnight
}

// null = the engine cannot format this zone; FIXED_OFFSET_MINUTES is used instead.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    try {
      formatters.set(
        timeZone,
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
        }),
      );
    } catch {
      if (FIXED_OFFSET_MINUTES[timeZone] === undefined) {
        throw new DomainError('INVALID_HOURS', `未知的时区 "${timeZone}"`);
      }
      formatters.set(timeZone, null);
    }
  }
  return formatters.get(timeZone) ?? null;
}

function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The wall-clock date and time in `timeZone` at instant `epochMs`. */
export function localTimeAt(epochMs: number, timeZone: string): LocalTime {
  const formatter = formatterFor(timeZone);
  let fields: Record<string, number>;
  if (formatter) {
    fields = {};
    for (const part of formatter.formatToParts(new Date(epochMs))) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
  } else {
    const shifted = new Date(epochMs + FIXED_OFFSET_MINUTES[timeZone] * MS_PER_MINUTE);
    fields = {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
    };
  }
  const date = { year: fields.year, month: fields.month, day: fields.day };
  return { ...date, weekday: weekdayOf(date), minutes: (fields.hour % 24) * 60 + fields.minute };
}

function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const local = localTimeAt(epochMs, timeZone);
  const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
  const wholeMinute = Math.floor(epochMs / MS_PER_MINUTE) * MS_PER_MINUTE;
  return Math.round((wallAsUtc - wholeMinute) / MS_PER_MINUTE);
}

/** The instant when the wall clock in `timeZone` shows `minutes` after midnight of `date`. */
function instantOf(date: LocalDate, minutes: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // Two passes settle the offset even when the first guess lands across a DST change.
  const guess = wallAsUtc - offsetMinutesAt(wallAsUtc, timeZone) * MS_PER_MINUTE;
  return wallAsUtc - offsetMinutesAt(guess, timeZone) * MS_PER_MINUTE;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** Opening intervals [start, end) in epoch ms for local days from yesterday to a week ahead. */
function openIntervalsAround(source: HoursSource, epochMs: number): Array<[number, number]> {
  const today = localTimeAt(epochMs, source.timeZone);
  const intervals: Array<[number, number]> = [];
  // Yesterday matters for ranges running past midnight; 8 days ahead covers a full week.
  for (let offset = -1; offset <= 8; offset += 1) {
    const date = addDays(today, offset);
    for (const range of source.hours[weekdayOf(date)] ?? []) {
      const { start, end } = rangeMinutes(range);
      intervals.push([
        instantOf(date, start, source.timeZone),
        instantOf(date, end, source.timeZone),
      ]);
    }
  }
  return intervals.sort((a, b) => a[0] - b[0]);
}

function activeOverride(source: HoursSource, epochMs: number): StatusOverride | null {
  const override = source.statusOverride;
  if (!override) return null;
  if (override.until != null && epochMs >= override.until) return null;
  return override;
}

/** Whether the regular hours (ignoring any override) have the store open at `date`. */
export function isWithinHours(source: HoursSource, date: Date): boolean {
  const now = date.getTime();
  return openIntervalsAround(source, now).some(([start, end]) => start <= now && now < end);
}

/** open / busy / closed at `date`, with a staff override taking precedence over the hours. */
export function openStateAt(source: HoursSource, date: Date): OpenState {
  const override = activeOverride(source, date.getTime());
  if (override) return override.status;
  return isWithinHours(source, date) ? 'open' : 'closed';
}

/** True when customers can order at `date`. */
export function isOpenAt(source: HoursSource, date: Date): boolean {
  return openStateAt(source, date) === 'open';
}

function nextOpeningByHours(source: HoursSource, epochMs: number): number | null {
  for (const [start, end] of openIntervalsAround(source, epochMs)) {
    if (end <= epochMs) continue;
    return Math.max(start, epochMs);
  }
  return null;
}

/**
 * The earliest moment at or after `date` when the store is open: `date` itself when open now,
 * null when it will not open within a week or is shut by staff with no end time.
 */
export function nextOpening(source: HoursSource, date: Date): Date | null {
  const now = date.getTime();
  const override = activeOverride(source, now);
  if (override?.status === 'open') return date;
  if (override && override.until == null) return null;
  const from = override?.until != null ? Math.max(now, override.until) : now;
  const next = nextOpeningByHours(source, from);
  return next === null ? null : new Date(next);
}

function formatClock(minutes: number): string {
  const wrapped = minutes % MINUTES_PER_DAY;
  const hh = String(Math.floor(wrapped / 60)).padStart(2, '0');
  const mm = String(wrapped % 60).padStart(2, '0');
  return `${hh}:${mm}`;
}

function describeRange(range: TimeRange): string {
  const { start, end } = rangeMinutes(range);
  if (start === 0 && end === MINUTES_PER_DAY) return '全天营业';
  if (end === MINUTES_PER_DAY) return `${formatClock(start)}-24:00`;
  const nextDay = end > MINUTES_PER_DAY ? '次日' : '';
  return `${formatClock(start)}-${nextDay}${formatClock(end)}`;
}

/** Today's hours in the store's zone: "08:00-14:00 17:00-22:00", "全天营业" or "今日休息". */
export function todayHoursText(source: HoursSource, date: Date): string {
  const today = localTimeAt(date.getTime(), source.timeZone);
  const ranges = source.hours[today.weekday] ?? [];
  if (ranges.length === 0) return '今日休息';
  return ranges.map(describeRange).join(' ');
}

/** "今天 17:00", "明天 08:00", "周三 08:00", "12月3日 08:00" — relative to `from`, in the store's zone. */
function momentText(source: HoursSource, from: Date, at: Date): string {
  const origin = localTimeAt(from.getTime(), source.timeZone);
  const target = localTimeAt(at.getTime(), source.timeZone);
  const daysAhead = Math.round(
    (Date.UTC(target.year, target.month - 1, target.day) -
      Date.UTC(origin.year, origin.month - 1, origin.day)) /
      (MINUTES_PER_DAY * MS_PER_MINUTE),
  );
  const clock = formatClock(target.minutes);
  let day: string;
  if (daysAhead === 0) day = '今天';
  else if (daysAhead === 1) day = '明天';
  else if (daysAhead < 7) day = WEEKDAY_LABELS[target.weekday];
  else day = `${target.month}月${target.day}日`;
  return `${day} ${clock}`;
}

/** "今天 17:00 营业", "明天 08:00 营业", "周三 08:00 营业" — relative to `from`, in the store's zone. */
export function nextOpeningText(source: HoursSource, from: Date, next: Date | null): string {
  if (!next || next.getTime() <= from.getTime()) return '';
  return `${momentText(source, from, next)} 营业`;
}

function headlineAt(source: HoursSource, date: Date, state: OpenState, next: Date | null): string {
  if (state === 'open') {
    const today = todayHoursText(source, date);
    return today === '全天营业' ? today : `今日 ${today}`;
  }
  if (state === 'busy') {
    const until = activeOverride(source, date.getTime())?.until;
    if (until == null) return '稍后恢复';
    const when = momentText(source, date, new Date(until));
    return when.startsWith('今天 ') ? `预计 ${when.slice(3)} 恢复` : `预计${when} 恢复`;
  }
  if (!next || next.getTime() <= date.getTime()) return '暂停营业';
  return `${momentText(source, date, next)} 开始接单`;
}

/** Everything a store card shows about being open, computed once for client and server alike. */
export function storeStatusAt(source: HoursSource, date: Date): StoreStatus {
  const state = openStateAt(source, date);
  const open = state === 'open';
  const next = open ? null : nextOpening(source, date);
  return {
    state,
    open,
    todayHours: todayHoursText(source, date),
    nextOpenAt: next ? next.getTime() : null,
    nextOpenText: state === 'closed' ? nextOpeningText(source, date, next) : '',
    headline: headlineAt(source, date, state, next),
  };
}
