import { randomBytes } from 'node:crypto';

/** Cloud document ids are 32 lowercase hex characters; ours look the same. */
export function newDocumentId(): string {
  return randomBytes(16).toString('hex');
}
