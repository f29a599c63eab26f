// One-time codes (owner setup, staff invites): short enough to type, random enough not to guess,
// and stored only as a hash so whoever reads the database cannot use them.

import { createHash, randomInt, timingSafeEqual } from 'crypto';

// No 0/O, 1/I/L: codes are read off a screen and typed.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

export function generateCode(length = CODE_LENGTH): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What people type: any case, spaces or dashes between groups. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function hashCode(code: string, salt: string): string {
  return createHash('sha256')
    .update(`${salt}:${normalizeCode(code)}`)
    .digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
