// How an order reads to people, the same on every page and on the server (the staff board, the
// printed ticket, the template messages): lines, amounts, the address in one format, times, what
// to do next, the status as progress, and the colour that means. Pure data in, text out: the
// server sends the order's data and each reader formats it here.
import { localTimeAt } from './hours';
import { formatPrice } from './money';
import type { DeliveryAddress, OrderAmounts, OrderMode, PricedLine } from './order';
import {
  IN_PROGRESS_STATUSES,
  ORDER_STATUS_LABELS,
  type OrderStatus,
  type StatusLogEntry,
} from './order-status';

/** "上海市徐汇区漕溪北路 100 号": a city that is its own province (上海市上海市) is named once. */
export function addressLine(
  a: Pick<DeliveryAddress, 'provinceName' | 'cityName' | 'countyName' | 'detailInfo'>,
): string {
  const city = a.cityName === a.provinceName ? '' : a.cityName;
  return `${a.provinceName}${city}${a.countyName}${a.detailInfo}`;
}

/** "张三 13800000000": who receives it. */
export function addresseeLine(a: Pick<DeliveryAddress, 'userName' | 'telNumber'>): string {
  return `${a.userName} ${a.telNumber}`;
}

type AddressParts = Pick<
  DeliveryAddress,
  'provinceName' | 'cityName' | 'countyName' | 'detailInfo' | 'userName' | 'telNumber'
>;

/**
 * The delivery address as every reader shows it (checkout, order page, board, printed ticket):
 * where on the first line (the rider's question), who on the second —
 * "上海市徐汇区漕溪北路 100 号\n张三 13800000000". Shown with `white-space: pre-line`.
 */
export function addressText(a: AddressParts): string {
  return `${addressLine(a)}\n${addresseeLine(a)}`;
}

/** "拿铁 ×2、美式咖啡": the items in one line (order lists, template messages). */
export function itemsText(lines: Array<Pick<PricedLine, 'name' | 'qty'>>): string {
  return lines.map((line) => (line.qty > 1 ? `${line.name} ×${line.qty}` : line.name)).join('、');
}

export interface LineView {
  key: string;
  name: string;
  /** "大杯 / 少糖 / 加珍珠" */
  description: string;
  qty: number;
  /** "¥56.00" */
  lineTotal: string;
}

/** Priced lines (a quote, an order) as the checkout and the order page list them. */
export function lineViews(
  lines: Array<Pick<PricedLine, 'goodsId' | 'name' | 'description' | 'qty' | 'lineTotalFen'>>,
): LineView[] {
  return lines.map((line, index) => ({
    key: `${line.goodsId}-${index}`,
    name: line.name,
    description: line.description,
    qty: line.qty,
    lineTotal: formatPrice(line.lineTotalFen),
  }));
}

export interface AmountsView {
  items: string;
  /** '' when there is no such fee (the row is then left out) */
  packaging: string;
  delivery: string;
  total: string;
}

export function amountsView(amounts: OrderAmounts): AmountsView {
  return {
    items: formatPrice(amounts.itemsFen),
    packaging: amounts.packagingFeeFen ? formatPrice(amounts.packagingFeeFen) : '',
    delivery: amounts.deliveryFeeFen ? formatPrice(amounts.deliveryFeeFen) : '',
    total: formatPrice(amounts.totalFen),
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Epoch ms → "11-23 14:05" in the store's time zone (orders are the store's local business). */
export function formatOrderTime(epochMs: number, timeZone = 'Asia/Shanghai'): string {
  const t = localTimeAt(epochMs, timeZone);
  return `${pad(t.month)}-${pad(t.day)} ${pad(Math.floor(t.minutes / 60))}:${pad(t.minutes % 60)}`;
}

/** Epoch ms → "14:05" in `timeZone`. */
export function formatClock(epochMs: number, timeZone = 'Asia/Shanghai'): string {
  const t = localTimeAt(epochMs, timeZone);
  return `${pad(Math.floor(t.minutes / 60))}:${pad(t.minutes % 60)}`;
}

/** Whole minutes left to pay, by this clock (at least 1 while the order can still be paid). */
export function minutesToPay(expiresAt: number, now = Date.now()): number {
  return Math.max(1, Math.ceil((expiresAt - now) / 60_000));
}

/** What a status means at a glance: TDesign's themes (success, warning, danger, primary, default). */
export type StatusTone = 'primary' | 'success' | 'warning' | 'danger' | 'default';

const TONES: Record<OrderStatus, StatusTone> = {
  pending_payment: 'warning',
  paid: 'primary',
  accepted: 'primary',
  ready: 'success',
  completed: 'default',
  cancelled: 'default',
  refunding: 'danger',
  refunded: 'default',
};

export function statusTone(status: OrderStatus): StatusTone {
  return TONES[status];
}

interface HandoverSource {
  mode: OrderMode;
  status: OrderStatus;
  pickupNo: string;
  dineIn?: { tableNo: string } | null;
}

/**
 * What the customer does next, said under the pickup number: "凭取餐号 A001 到柜台取餐",
 * "做好后送到 A2 桌", "配送中". Empty when there is nothing to do (unpaid, finished, cancelled).
 */
export function handoverText(order: HandoverSource): string {
  const { mode, status, pickupNo } = order;
  if (!IN_PROGRESS_STATUSES.includes(status)) return '';
  if (mode === 'dine_in') {
    const table = order.dineIn?.tableNo ?? '';
    return status === 'ready' ? `已出餐，马上送到 ${table} 桌` : `做好后送到 ${table} 桌`;
  }
  if (mode === 'delivery') return status === 'ready' ? '配送中' : '做好后马上配送';
  if (status === 'ready') return `已做好，请凭取餐号 ${pickupNo} 到柜台取餐`;
  return `做好后凭取餐号 ${pickupNo} 到柜台取餐`;
}

export type StepState = 'done' | 'current' | 'todo' | 'stopped';

export interface ProgressStep {
  title: string;
  /** When it happened, for steps that did */
  at: number | null;
  state: StepState;
}

/** The happy path; each step is named as done once passed, by what is happening while current. */
const PATH: Array<{ status: OrderStatus; done: string; current: (mode: OrderMode) => string }> = [
  { status: 'pending_payment', done: '已下单', current: () => '已下单' },
  { status: 'paid', done: '已支付', current: () => '待支付' },
  { status: 'accepted', done: '已接单', current: () => '待接单' },
  { status: 'ready', done: '已出餐', current: () => '制作中' },
  {
    status: 'completed',
    done: '已完成',
    current: (mode) => ({ pickup: '待取餐', dine_in: '上菜中', delivery: '配送中' })[mode],
  },
];

const STOPPED: Partial<Record<OrderStatus, string>> = {
  cancelled: ORDER_STATUS_LABELS.cancelled,
  refunding: ORDER_STATUS_LABELS.refunding,
  refunded: ORDER_STATUS_LABELS.refunded,
};

/**
 * The order's progress: past steps named as done (已支付, 已接单, 已出餐) with their time, the
 * current one by what is happening now, later ones still to come; a cancelled or refunded order
 * ends at the step where it stopped.
 */
export function progressSteps(order: {
  mode: OrderMode;
  status: OrderStatus;
  statusLog: StatusLogEntry[];
}): ProgressStep[] {
  const at = (status: OrderStatus): number | null => {
    const entry = order.statusLog.find(
      (e) => e.to === status && (status !== 'pending_payment' || e.from === e.to),
    );
    return entry ? entry.at : null;
  };
  const stopped = STOPPED[order.status];
  const lastReached = PATH.map(
    (step) => at(step.status) !== null || step.status === order.status,
  ).lastIndexOf(true);
  const steps: ProgressStep[] = [];
  PATH.forEach((step, index) => {
    if (index <= lastReached) steps.push({ title: step.done, at: at(step.status), state: 'done' });
    else if (stopped) return;
    else if (index === lastReached + 1)
      steps.push({ title: step.current(order.mode), at: null, state: 'current' });
    else steps.push({ title: step.done, at: null, state: 'todo' });
  });
  if (stopped) {
    const entry = [...order.statusLog].reverse().find((e) => e.to === order.status);
    steps.push({ title: stopped, at: entry?.at ?? null, state: 'stopped' });
  }
  return steps;
}
