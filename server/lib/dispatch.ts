// The request pipeline of an RPC-style function: event → action spec → role check → input
// validation → handler → envelope. Everything it needs from the platform is passed in, so the
// pipeline is unit-tested without a cloud.

import type * as z from 'zod';
import type { Envelope } from '../../miniprogram/domain/api';
import { DomainError } from '../../miniprogram/domain/errors';
import { fail, ok, toFailure } from './envelope';
import type { Identity } from './identity';
import { satisfies, STAFF_ROLE_LABELS, type Role } from '../../miniprogram/domain/roles';
import { strongestRole, type StoreRoles } from './roles';

export interface Caller extends Identity {
  /** The caller's role as far as this action needed to know it (no lookup for 'anyone'). */
  role: Role;
  /** The caller's role per store, read once for actions that need staff or more (else empty). */
  storeRoles: StoreRoles;
}

export interface ActionSpec<Input, Output> {
  input: z.ZodType<Input>;
  role: Role;
  handler: (input: Input, caller: Caller) => Promise<Output>;
}

interface DispatchDeps {
  identify: () => Identity;
  lookupStoreRoles: (identity: Identity) => Promise<StoreRoles>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has its own types
type AnyActionTable = Record<string, ActionSpec<any, unknown>>;

const MAX_LISTED_ISSUES = 3;

function describeIssues(error: z.ZodError): string {
  const listed = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const path = ['data', ...issue.path.map(String)].join('.');
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length - listed.length;
  return `输入有误 (invalid input): ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** The caller's roles, looked up only when the action needs more than a customer. */
async function authorise(
  spec: { role: Role },
  identity: Identity,
  deps: DispatchDeps,
): Promise<Pick<Caller, 'role' | 'storeRoles'>> {
  const basic: Role = identity.openid ? 'customer' : 'anyone';
  if (satisfies(basic, spec.role)) return { role: basic, storeRoles: new Map() };
  if (!identity.openid) {
    throw new DomainError('UNAUTHENTICATED', '请在微信中打开小程序后再试 (no WeChat identity)');
  }
  const storeRoles = await deps.lookupStoreRoles(identity);
  const role = strongestRole(storeRoles);
  if (!satisfies(role, spec.role)) {
    const needed = STAFF_ROLE_LABELS[spec.role === 'owner' ? 'owner' : 'staff'];
    throw new DomainError('FORBIDDEN', `需要${needed}权限`);
  }
  return { role, storeRoles };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function createDispatcher(table: AnyActionTable, deps: DispatchDeps) {
  return async function dispatch(event: unknown): Promise<Envelope<unknown>> {
    try {
      const action = isRecord(event) ? event.action : undefined;
      if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(table, action)) {
        return fail({
          code: 'UNKNOWN_ACTION',
          message: `未知的操作 "${String(action)}" (known: ${Object.keys(table).join(', ')})`,
        });
      }
      const spec = table[action];
      const identity = deps.identify();
      const access = await authorise(spec, identity, deps);
      const parsed = spec.input.safeParse((event as Record<string, unknown>).data ?? {});
      if (!parsed.success) {
        return fail({ code: 'INVALID_INPUT', message: describeIssues(parsed.error) });
      }
      return ok(await spec.handler(parsed.data, { ...identity, ...access }));
    } catch (error) {
      return toFailure(error);
    }
  };
}
