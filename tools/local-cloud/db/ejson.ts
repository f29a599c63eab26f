// The SDK sends queries, updates and documents as EJSON strings. Parse them with bson's EJSON
// (relaxed, so numbers are plain numbers and $date is a Date), then turn the two values mingo
// cannot use into JavaScript: BSON regular expressions and CloudBase's serverDate marker.
import { BSONRegExp, EJSON, ObjectId } from 'bson';
import { clock } from '../clock';

const SERVER_DATE_KEY = '$tcb_server_date';

export function decodeEjson(text: string, now: Date = clock.date()): unknown {
  return revive(EJSON.parse(text, { relaxed: true }), now);
}

export function encodeEjson(value: unknown): string {
  return EJSON.stringify(value, { relaxed: true });
}

function revive(value: unknown, now: Date): unknown {
  if (value instanceof BSONRegExp) {
    // JavaScript lacks Mongo's x (extended) and l (locale) flags; keep the ones it has.
    const flags = [...value.options].filter((flag) => 'imsu'.includes(flag)).join('');
    return new RegExp(value.pattern, flags);
  }
  // The cloud answers ObjectId values (an `_id` too) as their hex string; keep that string.
  if (value instanceof ObjectId) return value.toHexString();
  if (Array.isArray(value)) return value.map((item) => revive(item, now));
  if (!isPlainObject(value)) return value;
  const serverDate = value[SERVER_DATE_KEY];
  if (serverDate !== undefined && Object.keys(value).length === 1) {
    const offset = isPlainObject(serverDate) ? Number(serverDate.offset ?? 0) : 0;
    return new Date(now.getTime() + offset);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = revive(item, now);
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
