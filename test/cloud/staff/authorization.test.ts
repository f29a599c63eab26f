// The authorization matrix: EVERY action of the `api` function (read from its action table, so
// new actions are covered automatically) × every kind of caller, allowed or refused exactly as
// the role table in docs/API.md says. "Allowed" = not refused with FORBIDDEN / UNAUTHENTICATED
// (it may still fail on its input). Store-scoped roles: staff of another store are customers here.

import fs from 'node:fs';
import path from 'node:path';
import { actions } from '../../../server/functions/api/actions';
import { type Role, satisfies } from '../../../miniprogram/domain/roles';
import { PROJECT_ROOT } from '../../helpers/local-cloud';
import { ESPRESSO, OTHER_STORE, type StaffCloud, startStaffCloud, STORE } from './staff-cloud';

jest.setTimeout(120_000);

interface Documented {
  role: Role;
  /** store: the role is needed in the input's store; chain: in any store; —: no store. */
  scope: string;
}

/** `| \`action\` | \`role\` | scope | …` rows of docs/API.md's role table. */
function documentedRoles(): Map<string, Documented> {
  const doc = fs.readFileSync(path.join(PROJECT_ROOT, 'docs/API.md'), 'utf8');
  const rows = doc.matchAll(
    /^\| `([\w.]+)`\s*\| `(anyone|customer|staff|manager|owner)`\s*\| (\S+)/gm,
  );
  return new Map(
    [...rows].map(([, action, role, scope]) => [action, { role: role as Role, scope }]),
  );
}

interface Caller {
  name: string;
  openid?: string;
  /** The role this caller holds in STORE, the store every sample input names. */
  roleHere: Role;
  /** Their strongest role in any store. */
  roleAnywhere: Role;
}

const CALLERS: Caller[] = [
  { name: 'anonymous', roleHere: 'anyone', roleAnywhere: 'anyone' },
  { name: 'customer', openid: 'o-authz-customer', roleHere: 'customer', roleAnywhere: 'customer' },
  {
    name: 'staff of this store',
    openid: 'o-authz-staff',
    roleHere: 'staff',
    roleAnywhere: 'staff',
  },
  // The strongest case: an owner — of another store.
  {
    name: 'staff (owner) of another store',
    openid: 'o-authz-elsewhere',
    roleHere: 'customer',
    roleAnywhere: 'owner',
  },
  { name: 'manager', openid: 'o-authz-manager', roleHere: 'manager', roleAnywhere: 'manager' },
  { name: 'owner', openid: 'o-authz-owner', roleHere: 'owner', roleAnywhere: 'owner' },
];

const MISSING_ORDER = '20260101000000nosuchorder';
const MISSING_SESSION = 'ts-no-such-session';

/** Minimal valid input per action; an action missing here is sent `{}`. */
const SAMPLE_INPUT: Record<string, unknown> = {
  'catalog.home': { storeId: STORE },
  'store.list': {},
  'order.quote': {
    storeId: STORE,
    mode: 'pickup',
    pickup: { asap: true },
    lines: [{ goodsId: ESPRESSO, qty: 1 }],
  },
  'order.create': {
    storeId: STORE,
    mode: 'pickup',
    pickup: { asap: true },
    lines: [{ goodsId: ESPRESSO, qty: 1 }],
  },
  'order.pay': { orderId: MISSING_ORDER },
  'order.sync': { orderId: MISSING_ORDER },
  'order.list': {},
  'order.detail': { orderId: MISSING_ORDER },
  'order.cancel': { orderId: MISSING_ORDER },
  'staff.me': {},
  'staff.claimOwner': { code: 'WRONGCODE' },
  'staff.join': { code: 'WRONGCODE' },
  'staff.invite': { storeId: STORE, role: 'staff' },
  'staff.remove': { storeId: STORE, openid: 'o-nobody' },
  'staff.list': { storeId: STORE },
  'staff.orders': { storeId: STORE, tab: 'new' },
  'staff.accept': { storeId: STORE, orderId: MISSING_ORDER },
  'staff.reject': { storeId: STORE, orderId: MISSING_ORDER },
  'staff.ready': { storeId: STORE, orderId: MISSING_ORDER },
  'staff.complete': { storeId: STORE, orderId: MISSING_ORDER },
  'staff.refund': { storeId: STORE, orderId: MISSING_ORDER },
  'staff.goods.list': { storeId: STORE },
  'staff.goods.update': { storeId: STORE, goodsId: ESPRESSO, soldOut: false },
  'staff.store.get': { storeId: STORE },
  'staff.store.update': { storeId: STORE, statusOverride: null },
  'staff.tables.list': { storeId: STORE },
  'staff.tables.add': { storeId: STORE, tableNo: 'Z9' },
  'staff.tables.qrcode': { storeId: STORE, tableNo: 'A1' },
  'staff.today': { storeId: STORE },
  'staff.printers.list': { storeId: STORE },
  'staff.printers.add': {
    storeId: STORE,
    sn: '999999999',
    key: 'abcd1234',
    name: '无此打印机',
    paperMm: 58,
    role: 'receipt',
  },
  'staff.printers.remove': { storeId: STORE, printerId: 'no-such-printer' },
  'staff.printers.settings': { storeId: STORE, trigger: 'paid' },
  'staff.printers.test': { storeId: STORE, printerId: 'no-such-printer' },
  'staff.orders.reprint': { storeId: STORE, orderId: MISSING_ORDER },
  'subscribe.record': { templateIds: [] },
  'articles.latest': {},
  'table.join': { storeId: STORE, tableNo: 'A1' },
  'table.get': { sessionId: MISSING_SESSION },
  'table.cart.add': { sessionId: MISSING_SESSION, goodsId: ESPRESSO, qty: 1 },
  'table.cart.remove': { sessionId: MISSING_SESSION, lineId: 'no-such-line' },
  'table.order': { sessionId: MISSING_SESSION },
  'table.pay': { sessionId: MISSING_SESSION },
  'table.split': { sessionId: MISSING_SESSION, parts: 2 },
  'staff.table.board': { storeId: STORE },
  'staff.table.get': { storeId: STORE, sessionId: MISSING_SESSION },
  'staff.table.round': {
    storeId: STORE,
    sessionId: MISSING_SESSION,
    lines: [{ goodsId: ESPRESSO, qty: 1 }],
  },
  'staff.table.cancelLine': { storeId: STORE, sessionId: MISSING_SESSION, lineId: 'no-line' },
  'staff.table.made': { storeId: STORE, sessionId: MISSING_SESSION, roundId: 'no-round' },
  'staff.table.move': { storeId: STORE, sessionId: MISSING_SESSION, toTableNo: 'A2' },
  'staff.table.markPaid': { storeId: STORE, sessionId: MISSING_SESSION, method: 'cash' },
  'staff.table.close': { storeId: STORE, sessionId: MISSING_SESSION },
  'staff.table.settings': { storeId: STORE },
};

const REFUSALS = ['FORBIDDEN', 'UNAUTHENTICATED'];
const documented = documentedRoles();
const ACTIONS = Object.keys(actions) as Array<keyof typeof actions>;

let cloud: StaffCloud;

beforeAll(async () => {
  cloud = await startStaffCloud();
  await cloud.grant('o-authz-staff', STORE, 'staff');
  await cloud.grant('o-authz-elsewhere', OTHER_STORE, 'owner');
  await cloud.grant('o-authz-manager', STORE, 'manager');
  await cloud.grant('o-authz-owner', STORE, 'owner');
}, 60_000);
afterAll(() => cloud?.cloud.stop());

it('docs/API.md documents the role of every action, as the action table declares it', () => {
  for (const action of ACTIONS) {
    expect([action, documented.get(action)?.role]).toEqual([action, actions[action].role]);
  }
});

describe.each(ACTIONS)('%s', (action) => {
  it('is allowed or refused for each caller exactly as documented', async () => {
    const rule = documented.get(action);
    if (!rule) throw new Error(`docs/API.md has no role row for ${action}`);
    const event = { action, data: SAMPLE_INPUT[action] ?? {} };
    const outcomes = await Promise.all(
      CALLERS.map(async (caller) => {
        const answer = await cloud.cloud.callFunction<{ ok: boolean; error?: { code: string } }>(
          'api',
          event,
          { openid: caller.openid },
        );
        const code = answer.ok ? 'ok' : (answer.error?.code ?? '?');
        return { caller: caller.name, allowed: !REFUSALS.includes(code), code };
      }),
    );
    const expected = CALLERS.map((caller) => ({
      caller: caller.name,
      allowed: satisfies(rule.scope === 'chain' ? caller.roleAnywhere : caller.roleHere, rule.role),
    }));
    expect(outcomes.map(({ caller, allowed }) => ({ caller, allowed }))).toEqual(expected);
    // Refusals say why: no identity at all, or not enough role.
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.allowed) continue;
      expect([outcome.caller, outcome.code]).toEqual([
        outcome.caller,
        CALLERS[i].openid ? 'FORBIDDEN' : 'UNAUTHENTICATED',
      ]);
    }
  });
});
