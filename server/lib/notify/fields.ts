// Template values cut to WeChat's documented per-type limits (PLATFORM.md → Messages), so a long
// goods name can never make WeChat refuse a message (47003). The type is the key without its
// number: thing1 → thing.

const ELLIPSIS = '…';

function cutChars(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : chars.slice(0, max - 1).join('') + ELLIPSIS;
}

const FITTERS: Record<string, (value: string) => string> = {
  thing: (v) => cutChars(v, 20) || '-',
  // Printable ASCII only, ≤ 32.
  character_string: (v) => v.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-',
  number: (v) => (v.replace(/[^\d.+-]/g, '') || '0').slice(0, 32),
  letter: (v) => v.replace(/[^A-Za-z]/g, '').slice(0, 32) || 'A',
  symbol: (v) => cutChars(v, 5),
  phrase: (v) => [...v.replace(/[^\u4e00-\u9fa5]/g, '')].slice(0, 5).join('') || '通知',
  name: (v) => (/^[\u4e00-\u9fa5]+$/.test(v) ? [...v].slice(0, 10).join('') : v.slice(0, 20)),
  phone_number: (v) => v.replace(/[^\d+\-() ]/g, '').slice(0, 17),
  car_number: (v) => [...v].slice(0, 8).join(''),
};

/** The value for template key `key`, fitted to its type's limit (unknown types: thing's). */
export function fitValue(key: string, value: string): string {
  const type = key.replace(/\d+$/, '');
  const fit = FITTERS[type];
  if (fit) return fit(value);
  if (type === 'amount' || type === 'time' || type === 'date') return value; // formatted by us
  return cutChars(value, 20);
}

/** `{thing1: 'x'}` → `{thing1: {value: 'x'}}`, every value fitted. */
export function templateData(values: Record<string, string>): Record<string, { value: string }> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, { value: fitValue(key, value) }]),
  );
}

/** ¥18.00 — the `amount` type: a symbol and ≤ 10 digits. */
export function amountText(fen: number): string {
  return `¥${(Math.max(0, Math.round(fen)) / 100).toFixed(2)}`;
}

/** 2026-05-01 12:30 in `timeZone` — the `time` type. */
export function timeText(epochMs: number, timeZone = 'Asia/Shanghai'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
