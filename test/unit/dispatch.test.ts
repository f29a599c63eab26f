import * as z from 'zod';
import { DomainError } from '../../miniprogram/domain/errors';
import { createDispatcher, type Caller } from '../../server/lib/dispatch';
import type { Identity } from '../../server/lib/identity';
import type { Role } from '../../miniprogram/domain/roles';

const seen: Array<{ input: unknown; caller: Caller }> = [];

const table = {
  'echo.anyone': {
    input: z.strictObject({ n: z.number().int().min(1) }),
    role: 'anyone' as const,
    handler: async (input: { n: number }, caller: Caller) => {
      seen.push({ input, caller });
      return { doubled: input.n * 2 };
    },
  },
  'echo.customer': {
    input: z.strictObject({}),
    role: 'customer' as const,
    handler: async (_input: object, caller: Caller) => ({ openid: caller.openid }),
  },
  'echo.staff': {
    input: z.strictObject({}),
    role: 'staff' as const,
    handler: async (_input: object, caller: Caller) => ({
      role: caller.role,
      stores: [...caller.storeRoles],
    }),
  },
  'fail.domain': {
    input: z.strictObject({}),
    role: 'anyone' as const,
    handler: async () => {
      throw new DomainError('NOT_FOUND', '门店不存在');
    },
  },
  'fail.crash': {
    input: z.strictObject({}),
    role: 'anyone' as const,
    handler: async () => {
      throw new TypeError('cannot read properties of undefined (secret detail)');
    },
  },
};

function dispatcherFor(identity: Partial<Identity>, role: Role = 'customer') {
  const lookups: Identity[] = [];
  const dispatch = createDispatcher(table, {
    identify: () => ({ openid: '', unionid: '', appid: '', ...identity }),
    lookupStoreRoles: async (who) => {
      lookups.push(who);
      return new Map(
        role === 'staff' || role === 'manager' || role === 'owner' ? [['s-1', role]] : [],
      );
    },
  });
  return { dispatch, lookups };
}

beforeEach(() => {
  seen.length = 0;
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('dispatch', () => {
  it('runs the handler with parsed input and the caller from the platform context', async () => {
    const { dispatch, lookups } = dispatcherFor({ openid: 'o-1', unionid: 'u-1' });
    await expect(dispatch({ action: 'echo.anyone', data: { n: 21 } })).resolves.toEqual({
      ok: true,
      data: { doubled: 42 },
    });
    expect(seen[0].caller).toEqual({
      openid: 'o-1',
      unionid: 'u-1',
      appid: '',
      role: 'customer',
      storeRoles: new Map(),
    });
    expect(lookups).toHaveLength(0); // no role lookup for actions open to anyone
  });

  it('answers UNKNOWN_ACTION for a missing or unknown action, naming the known ones', async () => {
    const { dispatch } = dispatcherFor({});
    for (const event of [
      { action: 'nope' },
      {},
      null,
      'catalog.home',
      { action: 'toString' },
      { action: 7 },
    ]) {
      const result = await dispatch(event);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
      if (!result.ok) expect(result.error.message).toContain('echo.anyone');
    }
  });

  it('answers INVALID_INPUT with the path of the bad field and never calls the handler', async () => {
    const { dispatch } = dispatcherFor({});
    const result = await dispatch({ action: 'echo.anyone', data: { n: 'many' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) expect(result.error.message).toMatch(/data\.n: /);
    const extra = await dispatch({ action: 'echo.anyone', data: { n: 1, openid: 'someone-else' } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(seen).toHaveLength(0);
  });

  it('treats missing data as an empty object', async () => {
    const { dispatch } = dispatcherFor({ openid: 'o-1' });
    await expect(dispatch({ action: 'echo.customer' })).resolves.toEqual({
      ok: true,
      data: { openid: 'o-1' },
    });
  });

  it('needs an openid for customer actions', async () => {
    const { dispatch } = dispatcherFor({});
    await expect(dispatch({ action: 'echo.customer', data: {} })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('looks the role up for staff actions and refuses customers', async () => {
    const customer = dispatcherFor({ openid: 'o-1' }, 'customer');
    await expect(customer.dispatch({ action: 'echo.staff', data: {} })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(customer.lookups).toEqual([{ openid: 'o-1', unionid: '', appid: '' }]);

    const owner = dispatcherFor({ openid: 'o-2' }, 'owner');
    await expect(owner.dispatch({ action: 'echo.staff', data: {} })).resolves.toEqual({
      ok: true,
      data: { role: 'owner', stores: [['s-1', 'owner']] }, // read once, handed to the action
    });
    expect(owner.lookups).toHaveLength(1);
  });

  it('passes DomainErrors through and hides unexpected ones as INTERNAL', async () => {
    const { dispatch } = dispatcherFor({});
    await expect(dispatch({ action: 'fail.domain' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '门店不存在' },
    });
    const crash = await dispatch({ action: 'fail.crash' });
    expect(crash).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(crash)).not.toContain('secret');
    expect(console.error).toHaveBeenCalled();
  });
});
