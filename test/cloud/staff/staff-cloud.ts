// The order cloud plus staff shortcuts: grant a role directly in the `staff` collection (the
// claim / invite flows have their own tests), and a paid order in one call.

import type { StaffRole } from '../../../miniprogram/domain/roles';
import type { StartOptions } from '../../helpers/local-cloud';
import { type OrderCloud, pickupDraft, startOrderCloud } from '../orders/order-cloud';
import { dataOf } from '../orders/order-cloud';

export { dataOf, ESPRESSO, pickupDraft, STORE } from '../orders/order-cloud';
export const OTHER_STORE = 'jingan';

export interface StaffCloud extends OrderCloud {
  grant(openid: string, storeId: string, role: StaffRole): Promise<void>;
  /** order.create → order.pay → sandbox succeed; resolves to the paid order's id. */
  paidOrder(customer: string, goodsId?: string, qty?: number): Promise<string>;
  messages(where: Record<string, unknown>): Promise<Array<Record<string, unknown>>>;
}

export async function startStaffCloud(options: StartOptions = {}): Promise<StaffCloud> {
  const cloud = await startOrderCloud(options);
  return {
    ...cloud,
    async grant(openid, storeId, role) {
      await cloud.db
        .collection('staff')
        .doc(`${storeId}:${openid}`)
        .set({ data: { storeId, openid, role, name: '', addedBy: 'test', createdAt: Date.now() } });
    },
    async paidOrder(customer, goodsId, qty) {
      const draft = goodsId ? pickupDraft(goodsId, qty) : pickupDraft();
      const { order } = dataOf(await cloud.as(customer, 'order.create', draft));
      dataOf(await cloud.as(customer, 'order.pay', { orderId: order._id }));
      const paid = await cloud.cloud.pay(order._id, 'succeed');
      if (paid.status !== 200) throw new Error(`sandbox pay failed: ${paid.text}`);
      return order._id;
    },
    async messages(where) {
      return (await cloud.db.collection('messages').where(where).get()).data;
    },
  };
}
