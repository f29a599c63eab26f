// One order: items with their specs, the server's amounts, pickup number, table / pickup time /
// address, the status timeline from the order's log, and the actions its status allows (the
// server's `actions`): pay a pending order, cancel (a refund once paid), call the store.
// A failed refresh keeps the order on screen with a note and a retry; only a first load that
// fails fills the page. The order and its moves live in ../../stores/order.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { OrderView } from '../../../../domain/api';
import { formatPrice } from '../../../../domain/money';
import { ORDER_MODE_LABELS } from '../../../../domain/order';
import {
  addressText,
  amountsView,
  formatClock,
  formatOrderTime,
  handoverText,
  lineViews,
  minutesToPay,
  progressSteps,
  statusTone,
  type ProgressStep,
} from '../../../../domain/order-display';
import { ORDER_STATUS_LABELS } from '../../../../domain/order-status';
import { parseOrderDetailQuery, type PageQuery } from '../../../../domain/routes';
import { orderDetail } from '../../stores/order';

const TEXT = {
  loading: '订单加载中…',
  retry: '重试',
  stale: '订单未能刷新：',
  pickupNo: '取餐号',
  mode: '用餐方式',
  table: '桌号',
  diners: (n: number) => `${n} 人`,
  pickupTime: '取餐时间',
  asap: '尽快取餐',
  address: '收货地址',
  items: '商品金额',
  packaging: '打包费',
  delivery: '配送费',
  total: '实付',
  remark: '备注',
  cancelNote: (note: string) => `原因：${note}`,
  orderNo: '订单号',
  createdAt: '下单时间',
  refund: (amount: string, done: boolean) => `${done ? '已退款' : '退款中'} ${amount}`,
  timeline: '订单进度',
  pay: (minutes: number) => `去支付（剩 ${minutes} 分钟）`,
  cancel: '取消订单',
  refundRequest: '申请退款',
  cancelConfirm: '确定取消这个订单吗？',
  refundConfirm: '订单将取消，款项原路退回，确定吗？',
  call: '联系门店',
  noPhone: '暂未获取到门店电话',
};

/** TDesign's step states: done → finish, now → process, to come → default, stopped → error. */
const STEP_STATUS = {
  done: 'finish',
  current: 'process',
  todo: 'default',
  stopped: 'error',
} as const;

function stepView(step: ProgressStep) {
  return {
    title: step.title,
    content: step.at === null ? '' : formatOrderTime(step.at),
    status: STEP_STATUS[step.state],
  };
}

function pickupText(order: OrderView): string {
  if (!order.pickup) return '';
  return 'asap' in order.pickup ? TEXT.asap : formatClock(order.pickup.at);
}

function orderView(order: OrderView) {
  const paid = order.status !== 'pending_payment';
  return {
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    tone: statusTone(order.status),
    storeName: order.storeName,
    pickupNo: order.pickupNo,
    handover: handoverText(order),
    modeLabel: ORDER_MODE_LABELS[order.mode],
    table: order.dineIn ? `${order.dineIn.tableNo} · ${TEXT.diners(order.dineIn.diners)}` : '',
    pickupTime: order.mode === 'pickup' ? pickupText(order) : '',
    address: order.delivery ? addressText(order.delivery) : '',
    lines: lineViews(order.lines),
    amounts: amountsView(order.amounts),
    refund: order.refund
      ? TEXT.refund(formatPrice(order.refund.refundFen), order.refund.completed)
      : '',
    remark: order.remark,
    // Why the store rejected it (or why the customer cancelled), in their words.
    cancelNote: order.cancelNote ? TEXT.cancelNote(order.cancelNote) : '',
    orderNo: order.orderNo,
    createdAt: formatOrderTime(order.createdAt),
    steps: progressSteps(order).map(stepView),
    canPay: order.actions.includes('pay'),
    payLabel: TEXT.pay(minutesToPay(order.expiresAt)),
    canCancel: order.actions.includes('cancel'),
    cancelLabel: paid ? TEXT.refundRequest : TEXT.cancel,
  };
}

ComponentWithStore({
  data: { text: TEXT },
  storeBindings: {
    store: orderDetail,
    structuralComparison: true,
    fields: {
      loaded: () => orderDetail.loaded,
      loading: () => orderDetail.loading,
      errorText: () => orderDetail.errorText,
      busy: () => orderDetail.busy,
      order: () => (orderDetail.order ? orderView(orderDetail.order) : null),
    },
    actions: {},
  },
  methods: {
    onLoad(query: PageQuery) {
      const { orderId, pay } = parseOrderDetailQuery(query);
      orderDetail.open(orderId);
      // From 去支付 on the orders list: the pay sheet follows the order's first load.
      void orderDetail.load().then(() => {
        if (pay && orderDetail.order?.actions.includes('pay')) this.onPay();
      });
    },
    onShow() {
      // Back from paying or from the store: the status may have moved on.
      if (orderDetail.loaded) void orderDetail.load();
    },
    onPullDownRefresh() {
      void orderDetail.load().then(() => wx.stopPullDownRefresh());
    },
    onRetry() {
      if (!orderDetail.loading) void orderDetail.load();
    },
    onPay() {
      void orderDetail.pay().then((url) => {
        if (url) wx.redirectTo({ url });
      });
    },
    onCancel() {
      const order = orderDetail.order;
      if (!order || orderDetail.busy) return;
      wx.showModal({
        content: order.status === 'pending_payment' ? TEXT.cancelConfirm : TEXT.refundConfirm,
        success: (res) => {
          if (!res.confirm) return;
          void orderDetail.cancel().then((refusal) => {
            if (refusal) wx.showToast({ title: refusal, icon: 'none' });
          });
        },
      });
    },
    onCall() {
      void orderDetail.storePhone().then((phoneNumber) => {
        if (phoneNumber) wx.makePhoneCall({ phoneNumber });
        else wx.showToast({ title: TEXT.noPhone, icon: 'none' });
      });
    },
  },
});
