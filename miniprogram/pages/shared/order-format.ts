// Order texts shared by the orders tab (main package) and the order subpackage's pages.
import { localTimeAt } from '../../domain/hours';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Epoch ms → "11-23 14:05" in the store's time zone (orders are the store's local business). */
export function formatOrderTime(epochMs: number, timeZone = 'Asia/Shanghai'): string {
  const t = localTimeAt(epochMs, timeZone);
  return `${pad(t.month)}-${pad(t.day)} ${pad(Math.floor(t.minutes / 60))}:${pad(t.minutes % 60)}`;
}

/** Epoch ms → "14:05" in `timeZone`. */
export function formatClock(epochMs: number, timeZone = 'Asia/Shanghai'): string {
  const t = localTimeAt(epochMs, timeZone);
  return `${pad(Math.floor(t.minutes / 60))}:${pad(t.minutes % 60)}`;
}
