// The order board's view model: board orders → cards, and when to ring. Pure, so it is
// unit-tested without a page (test/unit/staff-board.test.ts).
import { formatPrice } from '../../domain/money';
import { ORDER_MODE_LABELS } from '../../domain/order';
import { addressText } from '../../domain/order-display';
import { ORDER_STATUS_LABELS } from '../../domain/order-status';
import type { BoardAction, BoardOrder, BoardTab, StaffOrdersResponse } from '../../domain/staff';

export const BOARD_TEXT = {
  tabs: { new: '新订单', accepted: '制作中', ready: '待取餐', done: '已完成', refunds: '退款' },
  actions: {
    accept: '接单',
    reject: '拒单退款',
    ready: '出餐',
    complete: '已取餐',
    refund: '退款',
  } as Record<BoardAction, string>,
  pickup: '到店自取',
  table: (tableNo: string, diners: number) => `${tableNo} 号桌 · ${diners} 人`,
  waiting: (minutes: number) => (minutes < 1 ? '刚刚' : `已等 ${minutes} 分钟`),
  remark: '备注：',
  unseen: '新',
  total: '合计',
};

/** A paid order shows on an open board within this (+ one request): under the 5 s promise. */
export const POLL_INTERVAL_MS = 3000;

export const BOARD_TAB_ORDER: BoardTab[] = ['new', 'accepted', 'ready', 'done', 'refunds'];

export interface BoardCard {
  id: string;
  pickupNo: string;
  modeLabel: string;
  statusLabel: string;
  where: string;
  lines: Array<{ key: string; name: string; qty: string; spec: string }>;
  remark: string;
  waiting: string;
  total: string;
  /**
   * The moves, the destructive ones (拒单退款, 退款) first and outlined, so they never sit as
   * filled buttons beside 接单 / 出餐; the page puts the forward move at the far right.
   */
  actions: Array<{
    action: BoardAction;
    label: string;
    theme: 'primary' | 'danger' | 'default';
    variant: 'base' | 'outline';
  }>;
  /** A new order that arrived while the board was open and nobody has touched yet. */
  unseen: boolean;
}

const THEMES: Record<BoardAction, 'primary' | 'danger' | 'default'> = {
  accept: 'primary',
  ready: 'primary',
  complete: 'primary',
  reject: 'danger',
  refund: 'danger',
};

const DESTRUCTIVE: BoardAction[] = ['reject', 'refund'];

export function toCard(order: BoardOrder): BoardCard {
  let where = BOARD_TEXT.pickup;
  if (order.dineIn) where = BOARD_TEXT.table(order.dineIn.tableNo, order.dineIn.diners);
  else if (order.delivery) where = addressText(order.delivery);
  return {
    id: order._id,
    pickupNo: order.pickupNo,
    modeLabel: ORDER_MODE_LABELS[order.mode],
    statusLabel: ORDER_STATUS_LABELS[order.status],
    where,
    lines: order.lines.map((line, index) => ({
      key: `${index}`,
      name: line.name,
      qty: `×${line.qty}`,
      spec: line.description,
    })),
    remark: order.remark,
    waiting: BOARD_TEXT.waiting(order.waitingMinutes),
    total: formatPrice(order.amounts.totalFen),
    actions: [...order.actions]
      .sort((a, b) => Number(DESTRUCTIVE.includes(b)) - Number(DESTRUCTIVE.includes(a)))
      .map((action) => ({
        action,
        label: BOARD_TEXT.actions[action],
        theme: THEMES[action],
        variant: DESTRUCTIVE.includes(action) ? 'outline' : 'base',
      })),
    unseen: false,
  };
}

export function tabLabels(counts: Partial<Record<BoardTab, number>>) {
  return BOARD_TAB_ORDER.map((value) => {
    const count = counts[value] ?? 0;
    return { value, label: count ? `${BOARD_TEXT.tabs[value]} ${count}` : BOARD_TEXT.tabs[value] };
  });
}

/** Ring when orders waiting to be accepted grew since the last answer (not on the first one). */
export function shouldRing(previousNew: number | null, currentNew: number): boolean {
  return previousNew !== null && currentNew > previousNew;
}

/** What the alert remembers of the last answer: the new tab's count, and its ids if shown. */
export interface AlertMemory {
  newCount: number | null;
  newIds: string[] | null;
}

export const FIRST_ALERT_MEMORY: AlertMemory = { newCount: null, newIds: null };

/**
 * Whether an answer rings, and what to remember of it. On the new tab: when an order id shows
 * that the last answer did not have — an accept elsewhere and an arrival within one poll keep
 * the count as it was. Other tabs carry no new ids, so there (and on coming back to the new
 * tab) the count growing is all there is to go by. Never on the first answer.
 */
export function nextAlert(
  memory: AlertMemory,
  tab: BoardTab,
  answer: Pick<StaffOrdersResponse, 'orders' | 'counts'>,
): { ring: boolean; memory: AlertMemory } {
  const newCount = answer.counts.new;
  const newIds = tab === 'new' ? answer.orders.map((order) => order._id) : null;
  const seen = memory.newIds;
  const arrived = seen !== null && newIds !== null && newIds.some((id) => !seen.includes(id));
  return { ring: arrived || shouldRing(memory.newCount, newCount), memory: { newCount, newIds } };
}

/**
 * Which new orders nobody has seen yet. `known` is every order id the new tab has shown since
 * the board opened (null before its first answer: what is there on opening counts as seen);
 * `unseen` those that arrived later and were not touched since. Only new-tab answers add.
 */
export interface SeenMemory {
  known: string[] | null;
  unseen: string[];
}

export const FIRST_SEEN_MEMORY: SeenMemory = { known: null, unseen: [] };

export function noticeArrivals(memory: SeenMemory, tab: BoardTab, ids: string[]): SeenMemory {
  if (tab !== 'new') return memory;
  const known = memory.known;
  const arrived = known === null ? [] : ids.filter((id) => !known.includes(id));
  return {
    known: [...new Set([...(known ?? []), ...ids])],
    // Accepted or rejected elsewhere: no longer waiting, no longer highlighted.
    unseen: [...memory.unseen.filter((id) => ids.includes(id)), ...arrived],
  };
}

export function markSeen(memory: SeenMemory, id: string): SeenMemory {
  return { ...memory, unseen: memory.unseen.filter((other) => other !== id) };
}
