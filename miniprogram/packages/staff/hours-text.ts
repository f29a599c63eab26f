// Opening hours as staff type them: one line per day, "08:00-20:00", several ranges separated by
// commas, "休息" for a closed day. Pure; the server validates the result again (INVALID_HOURS).
import type { TimeRange } from '../../domain/hours';

export const DAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
export const CLOSED_TEXT = '休息';

export function dayText(ranges: TimeRange[]): string {
  return ranges.length ? ranges.map((r) => `${r.open}-${r.close}`).join(',') : CLOSED_TEXT;
}

const RANGE = /^(\d{1,2}):(\d{2})\s*[-–~至]\s*(\d{1,2}):(\d{2})$/;
const pad = (n: string) => n.padStart(2, '0');

/** Ranges of one day, or null when the text is not understood. */
export function parseDayText(text: string): TimeRange[] | null {
  const trimmed = text.trim();
  if (!trimmed || trimmed === CLOSED_TEXT) return [];
  const ranges: TimeRange[] = [];
  for (const part of trimmed.split(/[,，;；]/)) {
    const match = RANGE.exec(part.trim());
    if (!match) return null;
    ranges.push({ open: `${pad(match[1])}:${match[2]}`, close: `${pad(match[3])}:${match[4]}` });
  }
  return ranges;
}

/** "18.5" → 1850 fen; null unless a non-negative amount with at most 2 decimals. */
export function parseYuan(text: string): number | null {
  const match = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
