// A local cloud with the demo seed and the built api, payNotify and cron functions, plus
// shortcuts the order tests share.

import type { ActionName, ActionResponse, Envelope } from '../../../miniprogram/domain/api';
import type { Order, OrderDraft } from '../../../miniprogram/domain/order';
import type { StartOptions } from '../../helpers/local-cloud';
import { type DemoCloud, startDemoCloud } from '../catalog/demo-cloud';

export { dataOf } from '../catalog/demo-cloud';

export interface OrderCloud extends DemoCloud {
  as<A extends ActionName>(
    openid: string,
    action: A,
    data?: unknown,
  ): Promise<Envelope<ActionResponse<A>>>;
  setStock(goodsId: string, stock: number | null): Promise<void>;
  stockOf(goodsId: string): Promise<number | null>;
  order(orderId: string): Promise<Order>;
  count(collection: string, where?: Record<string, unknown>): Promise<number>;
  /** Waits until `check` passes (callbacks such as refund results arrive asynchronously). */
  eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T>;
}

export const STORE = 'xujiahui';
/** 意式浓缩 ¥18, no specs; takeaway adds the store's ¥1 packaging. */
export const ESPRESSO = 'xujiahui-espresso';

export function pickupDraft(goodsId = ESPRESSO, qty = 1): OrderDraft {
  return { storeId: STORE, mode: 'pickup', pickup: { asap: true }, lines: [{ goodsId, qty }] };
}

export async function startOrderCloud(options: StartOptions = {}): Promise<OrderCloud> {
  const demo = await startDemoCloud(options);
  const { db, cloud } = demo;
  const countOf = async (collection: string, where: Record<string, unknown> = {}) =>
    (await db.collection(collection).where(where).count()).total as number;
  return {
    ...demo,
    as: (openid, action, data = {}) => cloud.callFunction('api', { action, data }, { openid }),
    async setStock(goodsId, stock) {
      await db.collection('goods').doc(goodsId).update({ data: { stock } });
    },
    async stockOf(goodsId) {
      return (await db.collection('goods').doc(goodsId).get()).data.stock;
    },
    async order(orderId) {
      return (await db.collection('orders').doc(orderId).get()).data as Order;
    },
    count: countOf,
    async eventually(read, check) {
      for (let attempt = 0; ; attempt += 1) {
        const value = await read();
        if (check(value) || attempt >= 50) return value;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
