// A local cloud running the built `api` function over the demo seed, for the catalog tests.

import type { ActionName, ActionResponse, Envelope } from '../../../miniprogram/domain/api';
import { demoData } from '../../../tools/seed/demo';
import {
  type LocalCloud,
  type StartOptions,
  startLocalCloud,
  withSdk,
} from '../../helpers/local-cloud';

export interface DemoCloud {
  cloud: LocalCloud;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the real wx-server-sdk
  db: any;
  call<A extends ActionName>(
    action: A,
    data?: unknown,
    openid?: string,
  ): Promise<Envelope<ActionResponse<A>>>;
  /** For malformed events: sends `event` as is. */
  raw(event: unknown): Promise<Envelope<unknown>>;
}

/**
 * The local cloud seeds the demo into an empty database; if this one came up empty (seeding not
 * wired yet), the demo is written through the real SDK so the tests still see the demo data.
 */
async function ensureSeeded(db: DemoCloud['db']): Promise<void> {
  const { total } = await db.collection('stores').count();
  if (total > 0) return;
  for (const [collection, docs] of Object.entries(demoData)) {
    for (const doc of docs) {
      const { _id, ...data } = doc as { _id: string };
      await db.collection(collection).doc(_id).set({ data });
    }
  }
}

export async function startDemoCloud(options: StartOptions = {}): Promise<DemoCloud> {
  const cloud = await startLocalCloud(options);
  const db = withSdk(cloud).database();
  await ensureSeeded(db);
  return {
    cloud,
    db,
    call: (action, data = {}, openid = 'o-customer-1') =>
      cloud.callFunction('api', { action, data }, { openid }),
    raw: (event) => cloud.callFunction('api', event, { openid: 'o-customer-1' }),
  };
}

/** The data of a successful answer; fails the test with the error otherwise. */
export function dataOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.data;
}
