// A week of the demo store's orders for today's figures: placed and paid the way customers do
// (order.create with the entry they came from, the pay sandbox), completed by staff, then moved
// in the database to the hour and day they stand for — the server has no other way to have
// orders from past days. Used by the today page's UI test and its screens.
import { goodsNamed, postJson } from './order-flow';

export interface WeekTools {
  url: string;
  api<T>(openid: string, action: string, data: unknown): Promise<T>;
  update(collection: string, doc: string, data: Record<string, unknown>): Promise<void>;
  store: string;
  owner: string;
  customer: string;
}

/** One order: days before today, the local hour:minute placed, entry source, espresso count. */
export type WeekOrder = [days: number, hour: number, source: string, espressos: number];

/** Today: 5 orders at 8, 9, 12 and 12, 15 o'clock; the same weekday last week: 3; and 4 more. */
export const A_WEEK: WeekOrder[] = [
  [0, 8, 'table_qr', 1],
  [0, 9, 'nearby', 2],
  [0, 12, 'table_qr', 1],
  [0, 12, 'oa_menu', 3],
  [0, 15, 'share', 1],
  [7, 9, 'table_qr', 2],
  [7, 12, 'oa_article', 1],
  [7, 18, 'nearby', 1],
  [1, 10, 'share', 4],
  [2, 12, 'table_qr', 2],
  [4, 11, 'oa_menu', 6],
  [6, 13, 'nearby', 3],
];

const DAY_MS = 86_400_000;
/** The demo store keeps Asia/Shanghai time: UTC+8, no daylight saving. */
const SHANGHAI_MS = 8 * 3600_000;

function daysBefore(date: string, days: number): string {
  const utc = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) - days * DAY_MS;
  return new Date(utc).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Places `orders` and returns the store's business day they count from. */
export async function placeWeek(tools: WeekTools, orders: WeekOrder[] = A_WEEK): Promise<string> {
  const { date } = await tools.api<{ date: string }>(tools.owner, 'staff.today', {
    storeId: tools.store,
  });
  const midnight =
    Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) - SHANGHAI_MS;
  for (const [days, hour, source, qty] of orders) {
    const { order } = await tools.api<{ order: { _id: string } }>(tools.customer, 'order.create', {
      storeId: tools.store,
      mode: 'pickup',
      pickup: { asap: true },
      lines: [{ goodsId: goodsNamed('意式浓缩', tools.store)._id, qty }],
      entry: { source, scene: 0 },
    });
    await tools.api(tools.customer, 'order.pay', { orderId: order._id });
    await postJson(`${tools.url}/pay/${order._id}/succeed`, {});
    for (const move of ['staff.accept', 'staff.ready', 'staff.complete']) {
      await tools.api(tools.owner, move, { storeId: tools.store, orderId: order._id });
    }
    await tools.update('orders', order._id, {
      businessDate: daysBefore(date, days),
      createdAt: midnight - days * DAY_MS + hour * 3600_000 + 20 * 60_000,
    });
  }
  return date;
}
