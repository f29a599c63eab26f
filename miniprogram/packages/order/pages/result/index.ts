// After the payment sheet: waits for the server to confirm the payment (order.detail a few times
// with backoff, then one order.sync — the server's active query), and says what happened and
// what to do next. The cart takes the paid lines out itself, from any order answer (stores/cart).
import type { OrderView } from '../../../../domain/api';
import { formatPrice } from '../../../../domain/money';
import { followCardShown } from '../../../../domain/oa';
import { handoverText } from '../../../../domain/order-display';
import { errorMessage } from '../../../../services/api';
import { fetchOrder, syncOrder } from '../../../../services/orders';
import { payOrder, type PayOutcome } from '../../../../services/payment';
import { cart, startSession } from '../../../../stores/index';

const TEXT = {
  checking: '正在确认支付结果…',
  paid: '支付成功',
  pickupNo: '取餐号',
  total: '实付',
  waiting: '支付结果确认中',
  waitingHint: '如已付款，通常几秒内到账，可稍后刷新或在订单里查看',
  unpaid: '支付未完成',
  unpaidHint: (minutes: number) => `订单已保留，请在 ${minutes} 分钟内完成支付，超时将自动取消`,
  expiring: '订单即将超时',
  expiringHint: '剩余时间不够完成支付，请重新下单',
  closed: '订单已关闭',
  failed: '查询订单失败',
  refresh: '刷新',
  retryPay: '重新支付',
  reorder: '重新下单',
  viewOrder: '查看订单',
  backToMenu: '继续点单',
  follow: '关注公众号，取餐和优惠消息不错过',
};

/** Waits between order.detail polls; then one order.sync. */
const POLL_DELAYS_MS = [0, 400, 800, 1600, 3200];

const DETAIL_PAGE = '/packages/order/pages/detail/index';
const CART_PAGE = '/packages/order/pages/cart/index';
const MENU_PAGE = '/pages/menu/index';

type Phase = 'checking' | 'paid' | 'waiting' | 'unpaid' | 'expiring' | 'closed' | 'error';

const PAID_STATUSES = ['paid', 'accepted', 'ready', 'completed', 'refunding', 'refunded'];

const orders = new WeakMap<object, OrderView>();
/** Pages closed by the customer: their polling stops at its next step, and nothing is set. */
const closedPages = new WeakSet<object>();
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Paid and numbered (the number follows the payment by a moment), or no longer payable. */
function settled(order: OrderView): boolean {
  if (order.status === 'pending_payment') return false;
  return order.status !== 'paid' || order.pickupNo !== '';
}

/** `code`: order.pay's refusal; ORDER_NOT_PAYABLE on a pending order = under ~65 s left. */
function phaseOf(order: OrderView, outcome: PayOutcome, code: string): Phase {
  if (PAID_STATUSES.includes(order.status)) return 'paid';
  if (order.status !== 'pending_payment') return 'closed';
  if (code === 'ORDER_NOT_PAYABLE') return 'expiring';
  return outcome === 'paid' ? 'waiting' : 'unpaid';
}

/** Whole minutes left to pay, by this phone's clock (at least 1 while the order is pending). */
function minutesLeft(order: OrderView | null): number {
  return Math.max(1, Math.ceil(((order?.expiresAt ?? 0) - Date.now()) / 60_000));
}

function view(phase: Phase, order: OrderView | null, message = '') {
  const titles: Record<Phase, string> = {
    checking: TEXT.checking,
    paid: TEXT.paid,
    waiting: TEXT.waiting,
    unpaid: TEXT.unpaid,
    expiring: TEXT.expiring,
    closed: TEXT.closed,
    error: TEXT.failed,
  };
  const unpaidHint = TEXT.unpaidHint(minutesLeft(order));
  const hints: Record<Phase, string> = {
    checking: '',
    paid: '',
    waiting: TEXT.waitingHint,
    unpaid: message ? `${message}。${unpaidHint}` : unpaidHint,
    expiring: TEXT.expiringHint,
    closed: order?.statusLabel ?? '',
    error: message,
  };
  const themes: Record<Phase, string> = {
    checking: 'default',
    paid: 'success',
    waiting: 'warning',
    unpaid: 'warning',
    expiring: 'warning',
    closed: 'default',
    error: 'error',
  };
  const marks: Record<Phase, string> = {
    checking: '…',
    paid: '✓',
    waiting: '!',
    unpaid: '!',
    expiring: '!',
    closed: '×',
    error: '×',
  };
  return {
    phase,
    title: titles[phase],
    hint: hints[phase],
    theme: themes[phase],
    mark: marks[phase],
    ticket: phase === 'paid' && order ? ticketView(order) : null,
  };
}

/** The pickup number first and largest, what to do with it, then the amount and the items. */
function ticketView(order: OrderView) {
  return {
    pickupNo: order.pickupNo,
    handover: handoverText(order),
    total: formatPrice(order.amounts.totalFen),
    lines: order.lines.map((line, index) => ({ key: index, name: line.name, qty: line.qty })),
  };
}

Component({
  lifetimes: {
    // Closed mid-poll (back, or another page): no more requests for a page nobody sees.
    detached() {
      closedPages.add(this);
    },
  },
  data: {
    text: TEXT,
    orderId: '',
    showFollowCard: false,
    ...view('checking', null),
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      startSession(); // the cart, for 重新下单
      const orderId = decodeURIComponent(query.id ?? '');
      const outcome = (query.outcome as PayOutcome | undefined) ?? 'paid';
      const message = query.message ? decodeURIComponent(query.message) : '';
      const code = query.code ? decodeURIComponent(query.code) : '';
      // Room for the OA follow card only where WeChat will show it (table and poster codes, …).
      const showFollowCard = followCardShown(
        wx.getLaunchOptionsSync().scene,
        wx.getEnterOptionsSync().scene,
      );
      this.setData({ orderId, showFollowCard });
      void this.confirm(outcome, message, code);
    },
    onUnload() {
      closedPages.add(this);
    },

    async confirm(outcome: PayOutcome, message = '', code = '') {
      const closed = () => closedPages.has(this);
      if (closed()) return; // e.g. the pay sheet came back after the page was left
      const orderId = this.data.orderId;
      this.setData({ ...view('checking', null), busy: true });
      try {
        let order = await fetchOrder(orderId);
        if (outcome === 'paid') {
          for (const delay of POLL_DELAYS_MS.slice(1)) {
            if (settled(order)) break;
            await wait(delay);
            if (closed()) return;
            order = await fetchOrder(orderId);
          }
          if (closed()) return;
          if (order.status === 'pending_payment') order = await syncOrder(orderId);
        }
        if (closed()) return;
        orders.set(this, order);
        this.setData({ ...view(phaseOf(order, outcome, code), order, message), busy: false });
      } catch (err) {
        if (!closed()) this.setData({ ...view('error', null, errorMessage(err)), busy: false });
      }
    },

    onRefresh() {
      void this.confirm('paid');
    },
    onRetryPay() {
      const order = orders.get(this);
      if (!order || this.data.busy) return;
      this.setData({ busy: true });
      void payOrder(order).then((result) =>
        this.confirm(result.outcome, result.message, result.code),
      );
    },
    /** Too late to pay this one: its lines are still in the cart, one tap from a new order. */
    onReorder() {
      const order = orders.get(this);
      if (order && cart.storeId === order.storeId && cart.count > 0) {
        wx.redirectTo({ url: CART_PAGE });
      } else {
        wx.switchTab({ url: MENU_PAGE });
      }
    },
    onViewOrder() {
      wx.redirectTo({ url: `${DETAIL_PAGE}?id=${encodeURIComponent(this.data.orderId)}` });
    },
    onBackToMenu() {
      wx.switchTab({ url: MENU_PAGE });
    },
  },
});
