// Input schema pieces shared by actions. Server-only: the mini program never imports zod.

import * as z from 'zod';

/** A document id as the cloud database makes them, or the short ids the seed uses. */
export const docId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a document id (letters, digits, _ or -, ≤ 64)');

export const latLng = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

/**
 * Every map (record) a client sends is built with this, never with a bare `z.record`. JSON.parse
 * makes a `"__proto__"` key an own property, and zod skips that key without an issue (assigning
 * it would replace the result's prototype), so a bare record would drop it silently and accept
 * the rest. Here it is refused like any other key that is not an id: INVALID_INPUT naming the
 * path (`data.lines.0.specs.__proto__`).
 */
export function idRecord<V extends z.ZodType>(key: z.ZodString, value: V, keyMessage: string) {
  return z.preprocess(
    (input, ctx) => {
      const isObject = typeof input === 'object' && input !== null;
      if (isObject && Object.prototype.hasOwnProperty.call(input, '__proto__')) {
        ctx.issues.push({ code: 'custom', message: keyMessage, input, path: ['__proto__'] });
      }
      return input;
    },
    z.record(key, value),
  );
}
