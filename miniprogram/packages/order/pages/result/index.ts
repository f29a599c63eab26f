// After the payment sheet: waits for the server to confirm the payment (order.detail a few times
// with backoff, then one order.sync — the server's active query), and says what happened and
// what to do next. Once paid, that store's cart is emptied.
import type { OrderView } from '../../../../domain/api';
import { followCardShown } from '../../../../domain/oa';
import { errorMessage } from '../../../../services/api';
import { fetchOrder, syncOrder } from '../../../../services/orders';
import { payOrder, type PayOutcome } from '../../../../services/payment';
import { cart } from '../../../../stores/index';

const TEXT = {
  checking: '正在确认支付结果…',
  paid: '支付成功',
  pickupNo: (no: string) => `取餐号 ${no}`,
  waiting: '支付结果确认中',
  waitingHint: '如已付款，通常几秒内到账，可稍后刷新或在订单里查看',
  unpaid: '支付未完成',
  unpaidHint: '订单已保留，请在 15 分钟内完成支付，超时将自动取消',
  closed: '订单已关闭',
  failed: '查询订单失败',
  refresh: '刷新',
  retryPay: '重新支付',
  viewOrder: '查看订单',
  backToMenu: '继续点单',
  follow: '关注公众号，取餐和优惠消息不错过',
};

/** Waits between order.detail polls; then one order.sync. */
const POLL_DELAYS_MS = [0, 400, 800, 1600, 3200];

const DETAIL_PAGE = '/packages/order/pages/detail/index';
const MENU_PAGE = '/pages/menu/index';

type Phase = 'checking' | 'paid' | 'waiting' | 'unpaid' | 'closed' | 'error';

const PAID_STATUSES = ['paid', 'accepted', 'ready', 'completed', 'refunding', 'refunded'];

const orders = new WeakMap<object, OrderView>();
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Paid and numbered (the number follows the payment by a moment), or no longer payable. */
function settled(order: OrderView): boolean {
  if (order.status === 'pending_payment') return false;
  return order.status !== 'paid' || order.pickupNo !== '';
}

function phaseOf(order: OrderView, outcome: PayOutcome): Phase {
  if (PAID_STATUSES.includes(order.status)) return 'paid';
  if (order.status === 'pending_payment') return outcome === 'paid' ? 'waiting' : 'unpaid';
  return 'closed';
}

function view(phase: Phase, order: OrderView | null, message = '') {
  const titles: Record<Phase, string> = {
    checking: TEXT.checking,
    paid: TEXT.paid,
    waiting: TEXT.waiting,
    unpaid: TEXT.unpaid,
    closed: TEXT.closed,
    error: TEXT.failed,
  };
  const hints: Record<Phase, string> = {
    checking: '',
    paid: order?.pickupNo ? TEXT.pickupNo(order.pickupNo) : '',
    waiting: TEXT.waitingHint,
    unpaid: message ? `${message}。${TEXT.unpaidHint}` : TEXT.unpaidHint,
    closed: order?.statusLabel ?? '',
    error: message,
  };
  const themes: Record<Phase, string> = {
    checking: 'default',
    paid: 'success',
    waiting: 'warning',
    unpaid: 'warning',
    closed: 'default',
    error: 'error',
  };
  const marks: Record<Phase, string> = {
    checking: '…',
    paid: '✓',
    waiting: '!',
    unpaid: '!',
    closed: '×',
    error: '×',
  };
  return {
    phase,
    title: titles[phase],
    hint: hints[phase],
    theme: themes[phase],
    mark: marks[phase],
  };
}

Component({
  data: {
    text: TEXT,
    orderId: '',
    showFollowCard: false,
    ...view('checking', null),
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const orderId = decodeURIComponent(query.id ?? '');
      const outcome = (query.outcome as PayOutcome | undefined) ?? 'paid';
      const message = query.message ? decodeURIComponent(query.message) : '';
      // Room for the OA follow card only where WeChat will show it (table and poster codes, …).
      const showFollowCard = followCardShown(
        wx.getLaunchOptionsSync().scene,
        wx.getEnterOptionsSync().scene,
      );
      this.setData({ orderId, showFollowCard });
      void this.confirm(outcome, message);
    },

    async confirm(outcome: PayOutcome, message = '') {
      const orderId = this.data.orderId;
      this.setData({ ...view('checking', null), busy: true });
      try {
        let order = await fetchOrder(orderId);
        if (outcome === 'paid') {
          for (const delay of POLL_DELAYS_MS.slice(1)) {
            if (settled(order)) break;
            await wait(delay);
            order = await fetchOrder(orderId);
          }
          if (order.status === 'pending_payment') order = await syncOrder(orderId);
        }
        this.show(order, outcome, message);
      } catch (err) {
        this.setData({ ...view('error', null, errorMessage(err)), busy: false });
      }
    },

    show(order: OrderView, outcome: PayOutcome, message: string) {
      orders.set(this, order);
      const phase = phaseOf(order, outcome);
      if (phase === 'paid') cart.clearStore(order.storeId);
      this.setData({ ...view(phase, order, message), busy: false });
    },

    onRefresh() {
      void this.confirm('paid');
    },
    onRetryPay() {
      const order = orders.get(this);
      if (!order || this.data.busy) return;
      this.setData({ busy: true });
      void payOrder(order).then((result) => this.confirm(result.outcome, result.message));
    },
    onViewOrder() {
      wx.redirectTo({ url: `${DETAIL_PAGE}?id=${encodeURIComponent(this.data.orderId)}` });
    },
    onBackToMenu() {
      wx.switchTab({ url: MENU_PAGE });
    },
  },
});
