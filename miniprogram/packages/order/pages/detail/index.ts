// One order: items with their specs, the server's amounts, pickup number, table / pickup time /
// address, the status timeline from the order's log, and the actions its status allows (the
// server's `actions`): pay a pending order, cancel (a refund once paid), call the store.
// A failed refresh keeps the order on screen with a note and a retry; only a first load that
// fails fills the page.
import type { OrderView } from '../../../../domain/api';
import { formatPrice } from '../../../../domain/money';
import { ORDER_MODE_LABELS } from '../../../../domain/order';
import {
  addressLine,
  addresseeLine,
  handoverText,
  progressSteps,
  statusTone,
  type ProgressStep,
} from '../../../../domain/order-display';
import { formatClock, formatOrderTime } from '../../../../pages/shared/order-format';
import { errorMessage } from '../../../../services/api';
import { fetchStores } from '../../../../services/catalog';
import { cancelOrder, fetchOrder } from '../../../../services/orders';
import { payOrder } from '../../../../services/payment';
import { catalog } from '../../../../stores/index';
import { resultUrl } from '../../result-url';

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

const orders = new WeakMap<object, OrderView>();

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

/** Whole minutes left to pay (at least 1 while the order can still be paid). */
function minutesLeft(order: OrderView): number {
  return Math.max(1, Math.ceil((order.expiresAt - Date.now()) / 60_000));
}

function pickupText(order: OrderView): string {
  if (!order.pickup) return '';
  return 'asap' in order.pickup ? TEXT.asap : formatClock(order.pickup.at);
}

function addressText(order: OrderView): string {
  const a = order.delivery;
  return a ? `${addresseeLine(a)} ${addressLine(a)}` : '';
}

function orderView(order: OrderView) {
  const paid = order.status !== 'pending_payment';
  return {
    status: order.status,
    statusLabel: order.statusLabel,
    tone: statusTone(order.status),
    storeName: order.storeName,
    pickupNo: order.pickupNo,
    handover: handoverText(order),
    modeLabel: ORDER_MODE_LABELS[order.mode],
    table: order.dineIn ? `${order.dineIn.tableNo} · ${TEXT.diners(order.dineIn.diners)}` : '',
    pickupTime: order.mode === 'pickup' ? pickupText(order) : '',
    address: addressText(order),
    lines: order.lines.map((line, index) => ({
      key: `${line.goodsId}-${index}`,
      name: line.name,
      description: line.description,
      qty: line.qty,
      lineTotal: formatPrice(line.lineTotalFen),
    })),
    amounts: {
      items: formatPrice(order.amounts.itemsFen),
      packaging: order.amounts.packagingFeeFen ? formatPrice(order.amounts.packagingFeeFen) : '',
      delivery: order.amounts.deliveryFeeFen ? formatPrice(order.amounts.deliveryFeeFen) : '',
      total: formatPrice(order.amounts.totalFen),
    },
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
    payLabel: TEXT.pay(minutesLeft(order)),
    canCancel: order.actions.includes('cancel'),
    cancelLabel: paid ? TEXT.refundRequest : TEXT.cancel,
  };
}

/** The store's phone: from the open catalog when it is that store, else from the store list. */
async function storePhone(storeId: string): Promise<string> {
  if (catalog.store?._id === storeId) return catalog.store.phone;
  const { stores } = await fetchStores();
  return stores.find((store) => store._id === storeId)?.phone ?? '';
}

Component({
  data: {
    text: TEXT,
    orderId: '',
    loaded: false,
    loading: false,
    errorText: '',
    busy: false,
    order: null as ReturnType<typeof orderView> | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ orderId: decodeURIComponent(query.id ?? '') });
      // From 去支付 on the orders list: the pay sheet follows the order's first load.
      void this.load().then(() => {
        if (query.pay === '1' && this.data.order?.canPay) this.onPay();
      });
    },
    onShow() {
      // Back from paying or from the store: the status may have moved on.
      if (this.data.loaded) void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    onRetry() {
      if (!this.data.loading) void this.load();
    },

    async load() {
      this.setData({ loading: true });
      try {
        this.render(await fetchOrder(this.data.orderId));
      } catch (err) {
        // The order already shown stays (with a note); errorText alone fills an empty page.
        this.setData({ errorText: errorMessage(err), loaded: true, loading: false });
      }
    },

    render(order: OrderView) {
      orders.set(this, order);
      this.setData({ order: orderView(order), loaded: true, loading: false, errorText: '' });
    },

    onPay() {
      const order = orders.get(this);
      if (!order || this.data.busy) return;
      this.setData({ busy: true });
      void payOrder(order).then((result) => {
        this.setData({ busy: false });
        wx.redirectTo({ url: resultUrl(order._id, result) });
      });
    },

    onCancel() {
      const order = orders.get(this);
      if (!order || this.data.busy) return;
      wx.showModal({
        content: order.status === 'pending_payment' ? TEXT.cancelConfirm : TEXT.refundConfirm,
        success: (res) => {
          if (res.confirm) void this.cancel(order._id);
        },
      });
    },
    async cancel(orderId: string) {
      this.setData({ busy: true });
      try {
        this.render(await cancelOrder(orderId));
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
        await this.load();
      }
      this.setData({ busy: false });
    },

    onCall() {
      const order = orders.get(this);
      if (!order) return;
      void storePhone(order.storeId)
        .catch(() => '')
        .then((phoneNumber) => {
          if (phoneNumber) wx.makePhoneCall({ phoneNumber });
          else wx.showToast({ title: TEXT.noPhone, icon: 'none' });
        });
    },
  },
});
