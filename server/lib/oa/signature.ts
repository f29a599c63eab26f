// Signatures of the official-account server protocol: sha1 over the sorted strings.

import { createHash, timingSafeEqual } from 'node:crypto';

/** sha1(sort(parts).join('')) as lowercase hex: `signature` and, with Encrypt, `msg_signature`. */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Constant-time comparison, so a forger learns nothing from response times. */
export function signatureMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}
