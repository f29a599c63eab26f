// The money path on the demo store, through the built api and payNotify functions: quote,
// create (one goods item, so DESIGN's goal is ≤ 3 + 1 database operations), pay (cloudPay
// unifiedOrder in the sandbox) and the pay callback (the sandbox invoking payNotify).
import type { Envelope } from '../../miniprogram/domain/api';
import type { OrderDraft } from '../../miniprogram/domain/order';
import { COLLECTIONS } from '../../server/lib/collections';
import { startDemoCloud } from '../../test/cloud/catalog/demo-cloud';
import { callFunction, post } from './client';
import { measure, type Row } from './measure';

const STORE = 'xujiahui';
const GOODS = 'xujiahui-espresso';
const DRAFT: OrderDraft = {
  storeId: STORE,
  mode: 'pickup',
  pickup: { asap: true },
  lines: [{ goodsId: GOODS, qty: 1 }],
};

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`bench call failed: ${JSON.stringify(envelope.error)}`);
  return envelope.data;
}

export async function benchOrders(callerCounts: number[]): Promise<Row[]> {
  const { cloud, db } = await startDemoCloud();
  const api = (action: string, data: object) =>
    callFunction<Envelope<{ order?: { _id: string } }>>(
      cloud.url,
      'api',
      { action, data },
      'o-bench',
    );
  // The sandbox's "the payer paid": it invokes payNotify and answers with the callback's result.
  const payCallback = (orderId: string) => post(cloud.url, `/pay/${orderId}/succeed`);
  const apiAction = (action: string) => (r: Record<string, unknown>) =>
    r.function === 'api' && r.action === action;
  try {
    // Unlimited stock, so the bench measures ordering rather than selling out.
    await db
      .collection(COLLECTIONS.goods)
      .doc(GOODS)
      .update({ data: { stock: null } });
    // Warm containers, as for ping: api's workers, then payNotify's (8 callbacks at once).
    await Promise.all(Array.from({ length: 8 }, () => api('order.quote', DRAFT)));
    const warm = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const orderId = (unwrap(await api('order.create', DRAFT)).order as { _id: string })._id;
        unwrap(await api('order.pay', { orderId }));
        return orderId;
      }),
    );
    await Promise.all(warm.map(payCallback));
    const rows: Row[] = [];
    for (const callers of callerCounts) {
      const created: string[] = [];
      const payable: string[] = [];
      const quote = async () => (unwrap(await api('order.quote', DRAFT)), true);
      const create = async () => {
        created.push((unwrap(await api('order.create', DRAFT)).order as { _id: string })._id);
        return true;
      };
      const pay = async () => {
        const orderId = created.pop();
        if (!orderId) return false;
        unwrap(await api('order.pay', { orderId }));
        payable.push(orderId);
        return true;
      };
      const callback = async () => {
        const orderId = payable.pop();
        if (!orderId) return false;
        await payCallback(orderId);
        return true;
      };
      rows.push(await measure(cloud, 'order.quote', callers, quote, apiAction('order.quote')));
      rows.push(await measure(cloud, 'order.create', callers, create, apiAction('order.create')));
      rows.push(await measure(cloud, 'order.pay', callers, pay, apiAction('order.pay')));
      rows.push(
        await measure(cloud, 'pay callback', callers, callback, (r) => r.function === 'payNotify'),
      );
    }
    return rows;
  } finally {
    await cloud.stop();
  }
}
