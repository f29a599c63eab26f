// After the payment sheet: says what happened and what to do next, while
// ../../stores/payment-result waits for the server to confirm the payment.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { OrderView } from '../../../../domain/api';
import { formatPrice } from '../../../../domain/money';
import { followCardShown } from '../../../../domain/oa';
import { handoverText, minutesToPay } from '../../../../domain/order-display';
import { ORDER_STATUS_LABELS } from '../../../../domain/order-status';
import { orderDetailUrl, parseResultQuery, url, type PageQuery } from '../../../../domain/routes';
import { openTab } from '../../../../services/navigation';
import { cart, startSession } from '../../../../stores/index';
import { paymentResult, type ResultPhase } from '../../stores/payment-result';

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

/** Whole minutes left to pay, by this phone's clock (at least 1 while the order is pending). */
function minutesLeft(order: OrderView | null): number {
  return minutesToPay(order?.expiresAt ?? 0);
}

function view(phase: ResultPhase, order: OrderView | null, message = '') {
  const titles: Record<ResultPhase, string> = {
    checking: TEXT.checking,
    paid: TEXT.paid,
    waiting: TEXT.waiting,
    unpaid: TEXT.unpaid,
    expiring: TEXT.expiring,
    closed: TEXT.closed,
    error: TEXT.failed,
  };
  const unpaidHint = TEXT.unpaidHint(minutesLeft(order));
  const hints: Record<ResultPhase, string> = {
    checking: '',
    paid: '',
    waiting: TEXT.waitingHint,
    unpaid: message ? `${message}。${unpaidHint}` : unpaidHint,
    expiring: TEXT.expiringHint,
    closed: order ? ORDER_STATUS_LABELS[order.status] : '',
    error: message,
  };
  const themes: Record<ResultPhase, string> = {
    checking: 'default',
    paid: 'success',
    waiting: 'warning',
    unpaid: 'warning',
    expiring: 'warning',
    closed: 'default',
    error: 'error',
  };
  const marks: Record<ResultPhase, string> = {
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

const shown = () => view(paymentResult.phase, paymentResult.order, paymentResult.message);

ComponentWithStore({
  data: { text: TEXT, showFollowCard: false },
  storeBindings: {
    store: paymentResult,
    structuralComparison: true,
    fields: {
      phase: () => shown().phase,
      title: () => shown().title,
      hint: () => shown().hint,
      theme: () => shown().theme,
      mark: () => shown().mark,
      ticket: () => shown().ticket,
      busy: () => paymentResult.busy,
    },
    actions: {},
  },
  lifetimes: {
    // Closed mid-poll (back, or another page): no more requests for a page nobody sees.
    detached() {
      paymentResult.close();
    },
  },
  methods: {
    onLoad(query: PageQuery) {
      startSession(); // the cart, for 重新下单
      const { orderId, outcome, message, code } = parseResultQuery(query);
      // Room for the OA follow card only where WeChat will show it (table and poster codes, …).
      const showFollowCard = followCardShown(
        wx.getLaunchOptionsSync().scene,
        wx.getEnterOptionsSync().scene,
      );
      this.setData({ showFollowCard });
      paymentResult.open(orderId);
      void paymentResult.confirm(outcome, message, code);
    },
    onUnload() {
      paymentResult.close();
    },
    onRefresh() {
      void paymentResult.confirm('paid');
    },
    onRetryPay() {
      paymentResult.retryPay();
    },
    /** Too late to pay this one: its lines are still in the cart, one tap from a new order. */
    onReorder() {
      const order = paymentResult.order;
      if (order && cart.storeId === order.storeId && cart.count > 0) {
        wx.redirectTo({ url: url('cart') });
      } else {
        openTab('menu');
      }
    },
    onViewOrder() {
      wx.redirectTo({ url: orderDetailUrl({ orderId: paymentResult.orderId }) });
    },
    onBackToMenu() {
      openTab('menu');
    },
  },
});
