// The orders tab: the customer's orders by state, newest first, ten at a time (more on reaching
// the bottom). Kept thin — it lives in the main package; the detail page is in the subpackage.
import type { OrderSummary } from '../../domain/api';
import { formatPrice } from '../../domain/money';
import type { OrderTab } from '../../domain/order';
import { errorMessage } from '../../services/api';
import { navigateOnce } from '../../services/navigation';
import { listOrders } from '../../services/orders';
import { statusTone } from '../../domain/order-display';
import { formatOrderTime } from '../shared/order-format';

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

const PAGE_SIZE = 10;
const DETAIL_PAGE = '/packages/order/pages/detail/index';

function cardView(order: OrderSummary) {
  return {
    id: order._id,
    storeName: order.storeName,
    itemsText: order.itemsText,
    count: TEXT.items(order.itemCount),
    total: formatPrice(order.totalFen),
    status: order.status,
    statusLabel: order.statusLabel,
    tone: statusTone(order.status),
    pickupNo: order.pickupNo,
    createdAt: formatOrderTime(order.createdAt),
    /** 去支付 with the minutes left, while it can be paid */
    payLabel: order.actions.includes('pay')
      ? TEXT.pay(Math.max(1, Math.ceil((order.expiresAt - Date.now()) / 60_000)))
      : '',
  };
}

// The tab page has one instance: the latest request wins, older answers are dropped.
let requestSeq = 0;

Component({
  data: {
    text: TEXT,
    tabs: TABS,
    activeTab: 'all' as OrderTab,
    orders: [] as ReturnType<typeof cardView>[],
    hasMore: false,
    loading: false,
    loaded: false,
    errorText: '',
  },
  methods: {
    onShow() {
      void this.load(true);
    },
    onPullDownRefresh() {
      void this.load(true).then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      if (this.data.hasMore && !this.data.loading) void this.load(false);
    },
    onTabChange(event: WechatMiniprogram.CustomEvent<{ value: OrderTab }>) {
      this.setData({ activeTab: event.detail.value, orders: [], loaded: false, hasMore: false });
      void this.load(true);
    },
    onRetry() {
      void this.load(this.data.orders.length === 0);
    },
    onCardTap(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      navigateOnce(`${DETAIL_PAGE}?id=${encodeURIComponent(event.currentTarget.dataset.id)}`);
    },
    /** 去支付: the order's page opens with the pay sheet. */
    onPayTap(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const id = encodeURIComponent(event.currentTarget.dataset.id);
      navigateOnce(`${DETAIL_PAGE}?id=${id}&pay=1`);
    },
    onGoOrder() {
      wx.switchTab({ url: '/pages/menu/index' });
    },

    /** First page (`reset`) or the next one, appended by path so the shown cards are not resent. */
    async load(reset: boolean) {
      const seq = ++requestSeq;
      const offset = reset ? 0 : this.data.orders.length;
      this.setData({ loading: true, errorText: '' });
      try {
        const answer = await listOrders(this.data.activeTab, offset, PAGE_SIZE);
        if (seq !== requestSeq) return;
        const cards = answer.orders.map(cardView);
        const patch: Record<string, unknown> = {
          hasMore: answer.hasMore,
          loading: false,
          loaded: true,
        };
        if (reset) patch.orders = cards;
        else cards.forEach((card, i) => (patch[`orders[${offset + i}]`] = card));
        this.setData(patch);
      } catch (err) {
        if (seq !== requestSeq) return;
        this.setData({ loading: false, loaded: true, errorText: errorMessage(err) });
      }
    },
  },
});
