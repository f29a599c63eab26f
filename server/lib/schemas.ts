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
