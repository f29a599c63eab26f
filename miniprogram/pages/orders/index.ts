// The orders tab: the customer's orders by state, newest first, ten at a time (more on reaching
// the bottom). Kept thin — it lives in the main package; the detail page is in the subpackage.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { OrderSummary } from '../../domain/api';
import { formatPrice } from '../../domain/money';
import type { OrderTab } from '../../domain/order';
import { formatOrderTime, itemsText, minutesToPay, statusTone } from '../../domain/order-display';
import { ORDER_STATUS_LABELS } from '../../domain/order-status';
import { orderDetailUrl } from '../../domain/routes';
import { navigateOnce, openTab } from '../../services/navigation';
import { orderList } from '../../stores/order-list';

const TEXT = {
  empty: '还没有订单',
  goOrder: '去点单',
  pay: (minutes: number) => `去支付（剩 ${minutes} 分钟）`,
  loading: '加载中…',
  noMore: '没有更多了',
  loadMore: '加载更多',
  pickupNo: '取餐号',
  items: (n: number) => `共 ${n} 件`,
  retry: '重试',
};

const TABS: { value: OrderTab; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'pending_payment', label: '待支付' },
  { value: 'in_progress', label: '进行中' },
  { value: 'completed', label: '已完成' },
  { value: 'closed', label: '取消/退款' },
];

function cardView(order: OrderSummary) {
  return {
    id: order._id,
    storeName: order.storeName,
    itemsText: itemsText(order.items),
    count: TEXT.items(order.items.reduce((sum, item) => sum + item.qty, 0)),
    total: formatPrice(order.totalFen),
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    tone: statusTone(order.status),
    pickupNo: order.pickupNo,
    createdAt: formatOrderTime(order.createdAt),
    /** 去支付 with the minutes left, while it can be paid */
    payLabel: order.actions.includes('pay') ? TEXT.pay(minutesToPay(order.expiresAt)) : '',
  };
}

ComponentWithStore({
  data: { text: TEXT, tabs: TABS },
  storeBindings: {
    store: orderList,
    structuralComparison: true,
    fields: {
      activeTab: () => orderList.tab,
      orders: () => orderList.orders.map(cardView),
      hasMore: () => orderList.hasMore,
      loading: () => orderList.loading,
      loaded: () => orderList.loaded,
      errorText: () => orderList.errorText,
    },
    actions: {},
  },
  methods: {
    onShow() {
      void orderList.load(true);
    },
    onPullDownRefresh() {
      void orderList.load(true).then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      orderList.loadMore();
    },
    onTabChange(event: WechatMiniprogram.CustomEvent<{ value: OrderTab }>) {
      void orderList.showTab(event.detail.value);
    },
    onRetry() {
      void orderList.load(orderList.orders.length === 0);
    },
    onCardTap(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      navigateOnce(orderDetailUrl({ orderId: event.currentTarget.dataset.id }));
    },
    /** 去支付: the order's page opens with the pay sheet. */
    onPayTap(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      navigateOnce(orderDetailUrl({ orderId: event.currentTarget.dataset.id, pay: true }));
    },
    onGoOrder() {
      openTab('menu');
    },
  },
});
