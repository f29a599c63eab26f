// 1,000 malformed or hostile inputs across every order action: each gets a structured error
// (never INTERNAL, never a crash) and nothing in the database changes.

import { defaultSelection } from '../../../miniprogram/domain/catalog';
import { isErrorCode } from '../../../miniprogram/domain/errors';
import type { ActionName } from '../../../miniprogram/domain/api';
import {
  dataOf,
  ESPRESSO,
  type OrderCloud,
  pickupDraft,
  startOrderCloud,
  STORE,
} from './order-cloud';

jest.setTimeout(60_000);

let cloud: OrderCloud;
let victimOrderId = '';

beforeAll(async () => {
  cloud = await startOrderCloud();
  await cloud.setStock(ESPRESSO, 10);
  victimOrderId = dataOf(await cloud.as('o-victim', 'order.create', pickupDraft())).order._id;
}, 60_000);
afterAll(() => cloud?.cloud.stop());

// A small deterministic PRNG, so a failure names a reproducible case.
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const random = prng(20261123);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const GARBAGE: unknown[] = [
  null,
  -1,
  0,
  1.5,
  1e12,
  -1e12,
  '',
  'x',
  ' ',
  'a'.repeat(5000),
  true,
  [],
  [1, 2],
  {},
  { $ne: null },
  { $gt: '' },
  '../../etc/passwd',
  '<script>',
  '; drop table orders',
];
const garbageExcept = (...valid: unknown[]) =>
  GARBAGE.filter((value) => !valid.some((v) => JSON.stringify(v) === JSON.stringify(value)));

const DRAFT_ACTIONS = ['order.quote', 'order.create'] as const;
const REF_ACTIONS = ['order.pay', 'order.sync', 'order.detail', 'order.cancel'] as const;

function hostileDraft(): unknown {
  const draft: Record<string, unknown> = { ...pickupDraft() };
  const line: Record<string, unknown> = { goodsId: ESPRESSO, qty: 1 };
  draft.lines = [line];
  switch (Math.floor(random() * 7)) {
    case 0: // a required field broken
      draft[pick(['storeId', 'mode', 'lines', 'pickup'])] = pick(garbageExcept());
      if (draft.storeId === 'x' || draft.storeId === STORE) draft.storeId = '';
      break;
    case 1: // a line field broken
      {
        const key = pick(['goodsId', 'qty', 'specs', 'addOns']);
        line[key] = pick(
          key === 'specs' ? garbageExcept({}) : key === 'addOns' ? garbageExcept([]) : GARBAGE,
        );
      }
      break;
    case 2: // a field the client must never send
      draft[pick(['openid', '_openid', 'priceFen', 'totalFen', 'status', '_id'])] = pick(GARBAGE);
      break;
    case 3: // someone else's or nobody's goods
      line.goodsId = pick([
        'jingan-espresso',
        'jingan-latte',
        'xujiahui-nothing',
        'xujiahui-cold_brew',
        'xujiahui-tiramisu',
      ]);
      break;
    case 4: // absurd quantities
      line.qty = pick([0, -1, -99, 100, 1e6, 2 ** 53, 0.1, '1', null]);
      break;
    case 5: // a mode without its details
      draft.mode = pick(['dine_in', 'delivery']);
      break;
    default: // the whole data is not an object
      return pick(['x', 5, [draft], true]);
  }
  return draft;
}

function hostileRef(): unknown {
  switch (Math.floor(random() * 4)) {
    case 0:
      return { orderId: pick(garbageExcept()) };
    case 1:
      return { orderId: victimOrderId }; // someone else's order
    case 2:
      return { orderId: victimOrderId, openid: 'o-victim' };
    default:
      return pick([{}, 'x', 7, [victimOrderId], { orderId: `${victimOrderId}x` }]);
  }
}

function hostileList(): unknown {
  const key = pick(['tab', 'offset', 'limit', 'openid']);
  const bad: Record<string, unknown[]> = {
    tab: ['x', 1, null, 'ALL', {}, []],
    offset: [-1, 1.5, 'x', 1e9, null],
    limit: [0, 21, 1000, -1, 'x', null],
    openid: ['o-victim'],
  };
  return { [key]: pick(bad[key]) };
}

function hostileCase(): [ActionName, unknown] {
  const roll = random();
  if (roll < 0.5) return [pick(DRAFT_ACTIONS), hostileDraft()];
  if (roll < 0.9) return [pick(REF_ACTIONS), hostileRef()];
  return ['order.list', hostileList()];
}

async function snapshot() {
  return {
    orders: await cloud.count('orders'),
    counters: (await cloud.db.collection('counters').get()).data,
    messages: await cloud.count('messages'),
    payments: await cloud.count('payments'),
    stock: await cloud.stockOf(ESPRESSO),
    victim: await cloud.order(victimOrderId),
  };
}

it('answers 1,000 hostile inputs with structured errors and writes nothing', async () => {
  const before = await snapshot();
  const cases = Array.from({ length: 1000 }, hostileCase);
  const failures: string[] = [];
  const BATCH = 25;
  for (let start = 0; start < cases.length; start += BATCH) {
    const batch = cases.slice(start, start + BATCH);
    const answers = await Promise.all(
      batch.map(([action, data]) => cloud.as('o-attacker', action, data)),
    );
    answers.forEach((answer, i) => {
      const structured =
        !answer.ok &&
        isErrorCode(answer.error.code) &&
        answer.error.code !== 'INTERNAL' &&
        answer.error.message.length > 0;
      if (!structured)
        failures.push(
          `${JSON.stringify(batch[i]).slice(0, 200)} → ${JSON.stringify(answer).slice(0, 200)}`,
        );
    });
  }
  expect(failures).toEqual([]);
  expect(await snapshot()).toEqual(before);
});

describe('maps a client sends (specs)', () => {
  const LATTE = 'xujiahui-osmanthus_latte';
  /** A draft for the latte with valid specs, plus `extraKey` in the specs map, as the wire sends it. */
  async function latteDraftWith(extraKey?: string): Promise<unknown> {
    const home = dataOf(await cloud.as('o-maps', 'catalog.home', { storeId: 'xujiahui' }));
    const goods = !home.unchanged && home.goods.find((item) => item._id === LATTE);
    if (!goods) throw new Error(`${LATTE} is not on the menu`);
    const { specs } = defaultSelection({ ...goods, description: '', images: [] });
    const draft = { ...pickupDraft(), lines: [{ goodsId: LATTE, qty: 1, specs }] };
    if (!extraKey) return draft;
    // JSON.parse makes "__proto__" an own key, exactly as a client's request body arrives.
    const wire = JSON.stringify(draft).replace('"specs":{', `"specs":{"${extraKey}":["x"],`);
    return JSON.parse(wire);
  }

  it('a "__proto__" key is refused with INVALID_INPUT naming its path; nothing is created', async () => {
    const before = await cloud.count('orders');
    dataOf(await cloud.as('o-maps', 'order.quote', await latteDraftWith())); // valid without it
    const draft = await latteDraftWith('__proto__');
    expect(Object.keys((draft as { lines: Array<{ specs: object }> }).lines[0].specs)).toContain(
      '__proto__',
    );
    for (const action of DRAFT_ACTIONS) {
      const answer = await cloud.as('o-maps', action, draft);
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: expect.stringContaining('data.lines.0.specs.__proto__: must be a spec group id'),
        },
      });
    }
    expect(await cloud.count('orders')).toBe(before);
  });

  it('a key that is not one of the goods spec groups ("constructor") is INVALID_INPUT naming its path', async () => {
    const before = await cloud.count('orders');
    for (const action of DRAFT_ACTIONS) {
      const answer = await cloud.as('o-maps', action, await latteDraftWith('constructor'));
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: expect.stringContaining('data.lines.0.specs.constructor:'),
        },
      });
    }
    expect(await cloud.count('orders')).toBe(before);
  });
});
