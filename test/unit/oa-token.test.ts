// The OA access-token cache over a tiny in-memory stand-in for the database client: refreshed
// before it expires, replaced when WeChat refuses it, one refresh for concurrent callers.

jest.mock('../../server/lib/oa/http', () => ({ requestJson: jest.fn() }));

import type { Database } from '../../server/lib/cloud';
import type { OaSettings } from '../../server/config';
import { requestJson } from '../../server/lib/oa/http';
import { accessToken, forgetCachedTokens, REFRESH_MARGIN_MS } from '../../server/lib/oa/token';

type Doc = Record<string, unknown> & { _id: string };
type Condition = Record<string, unknown>;

function fakeDb(): { db: Database; docs: Map<string, Doc> } {
  const docs = new Map<string, Doc>();
  const matches = (doc: Doc, where: Condition) =>
    Object.entries(where).every(([key, want]) =>
      want && typeof want === 'object' && '$lt' in want
        ? (doc[key] as number) < (want as { $lt: number }).$lt
        : doc[key] === want,
    );
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  const collection = () => ({
    where: (where: Condition) => ({
      limit: () => ({
        get: async () => {
          await tick();
          return {
            data: [...docs.values()].filter((d) => matches(d, where)).map((d) => ({ ...d })),
          };
        },
      }),
      update: async ({ data }: { data: Condition }) => {
        await tick();
        const hits = [...docs.values()].filter((d) => matches(d, where));
        for (const doc of hits) Object.assign(doc, data);
        return { stats: { updated: hits.length } };
      },
    }),
    add: async ({ data }: { data: Doc }) => {
      await tick();
      if (docs.has(data._id)) throw new Error('duplicate key');
      docs.set(data._id, { ...data });
      return { _id: data._id };
    },
    doc: (id: string) => ({
      update: async ({ data }: { data: Condition }) => {
        await tick();
        Object.assign(docs.get(id) ?? {}, data);
        return { stats: { updated: docs.has(id) ? 1 : 0 } };
      },
    }),
  });
  const db = { collection, command: { lt: (value: number) => ({ $lt: value }) } };
  return { db: db as unknown as Database, docs };
}

const settings: OaSettings = {
  appid: 'wxoa',
  secret: 's',
  token: 't',
  aesKey: '',
  apiBase: 'http://oa.test',
  miniAppid: 'wxmini',
};
const fetchToken = requestJson as jest.MockedFunction<typeof requestJson>;
let issued = 0;

beforeEach(() => {
  forgetCachedTokens();
  issued = 0;
  fetchToken.mockReset();
  fetchToken.mockImplementation(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    issued += 1;
    return { access_token: `token-${issued}`, expires_in: 7200 };
  });
});

it('fetches once for many concurrent callers and shares the result', async () => {
  const { db, docs } = fakeDb();
  const tokens = await Promise.all(Array.from({ length: 10 }, () => accessToken(db, settings)));
  expect(new Set(tokens)).toEqual(new Set(['token-1']));
  expect(fetchToken).toHaveBeenCalledTimes(1);
  expect(fetchToken.mock.calls[0][1]).toBe('http://oa.test/cgi-bin/stable_token');
  expect(docs.get('wxoa')).toMatchObject({ accessToken: 'token-1', lockUntil: 0 });
});

it('refreshes a token about to expire (within the margin), not one with time left', async () => {
  const { db, docs } = fakeDb();
  docs.set('wxoa', {
    _id: 'wxoa',
    accessToken: 'old',
    expiresAt: Date.now() + REFRESH_MARGIN_MS + 60_000,
    lockUntil: 0,
  });
  expect(await accessToken(db, settings)).toBe('old');
  forgetCachedTokens();
  docs.get('wxoa')!.expiresAt = Date.now() + REFRESH_MARGIN_MS - 60_000;
  expect(await accessToken(db, settings)).toBe('token-1');
  expect(fetchToken).toHaveBeenCalledTimes(1);
});

it('replaces a token WeChat refused, once, even for concurrent callers', async () => {
  const { db } = fakeDb();
  const first = await accessToken(db, settings);
  const again = await Promise.all([
    accessToken(db, settings, first),
    accessToken(db, settings, first),
    accessToken(db, settings, first),
  ]);
  expect(new Set(again)).toEqual(new Set(['token-2']));
  expect(fetchToken).toHaveBeenCalledTimes(2);
});

it('releases the lock when the refresh fails, so the next caller can try', async () => {
  const { db, docs } = fakeDb();
  fetchToken.mockResolvedValueOnce({ errcode: 40125, errmsg: 'invalid appsecret' });
  await expect(accessToken(db, settings)).rejects.toThrow(/40125/);
  expect(docs.get('wxoa')).toMatchObject({ lockUntil: 0 });
  expect(await accessToken(db, settings)).toBe('token-1');
});
