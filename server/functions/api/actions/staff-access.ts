// Staff actions act on one store named in their input. The dispatcher has already read the
// caller's store roles (once) and checked the strongest; this checks the role in *that* store.

import type { StaffRole } from '../../../../miniprogram/domain/roles';
import { getDb, type Database } from '../../../lib/cloud';
import type { ActionSpec, Caller } from '../../../lib/dispatch';
import { requireStoreRole } from '../../../lib/roles';
import type * as z from 'zod';

interface StoreContext {
  db: Database;
  caller: Caller;
  /** The caller's role in the input's store. */
  role: StaffRole;
}

export function storeAction<Input extends { storeId: string }, Output>(spec: {
  input: z.ZodType<Input>;
  role: StaffRole;
  handler: (input: Input, context: StoreContext) => Promise<Output>;
}): ActionSpec<Input, Output> {
  return {
    input: spec.input,
    role: spec.role,
    async handler(input, caller) {
      const role = requireStoreRole(caller.storeRoles, input.storeId, spec.role);
      return spec.handler(input, { db: getDb(), caller, role });
    },
  };
}
