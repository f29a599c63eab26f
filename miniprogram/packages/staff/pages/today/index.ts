// Today's figures for the store (staff.today, computed by aggregation on the server).
import { formatPrice } from '../../../../domain/money';
import type { EntrySource } from '../../../../domain/entry';
import { ORDER_MODE_LABELS, type OrderMode } from '../../../../domain/order';
import type { StaffTodayResponse, TodayBucket } from '../../../../domain/staff';
import { todayFigures } from '../../../../services/staff';
import { storePage } from '../../store-page';

const TEXT = {
  orders: '订单数',
  revenue: '营业额',
  average: '客单价',
  refunded: '已退款',
  byMode: '按方式',
  bySource: '按来源',
  topGoods: '热销商品',
  none: '今天还没有订单',
  sources: {
    table_qr: '桌码',
    poster_qr: '海报码',
    nearby: '附近的小程序',
    oa_menu: '公众号菜单',
    oa_article: '公众号文章',
    oa_template: '消息通知',
    share: '分享',
    search: '搜索',
    other: '其他',
  } as Record<EntrySource, string>,
};

function rows<K extends string>(buckets: TodayBucket<K>[], label: (key: K) => string) {
  return buckets.map((b) => ({
    key: b.key,
    label: label(b.key),
    value: `${b.orders} 单 · ${formatPrice(b.revenueFen)}`,
  }));
}

function view(today: StaffTodayResponse) {
  return {
    figures: [
      { key: 'orders', label: TEXT.orders, value: String(today.orders) },
      { key: 'revenue', label: TEXT.revenue, value: formatPrice(today.revenueFen) },
      { key: 'average', label: TEXT.average, value: formatPrice(today.averageTicketFen) },
      { key: 'refunded', label: TEXT.refunded, value: formatPrice(today.refundedFen) },
    ],
    byMode: rows(today.byMode, (key: OrderMode) => ORDER_MODE_LABELS[key] ?? key),
    bySource: rows(today.bySource, (key: EntrySource) => TEXT.sources[key] ?? key),
    topGoods: today.topGoods.map((g) => ({
      key: g.goodsId,
      label: g.name,
      value: `${g.qty} 份 · ${formatPrice(g.revenueFen)}`,
    })),
  };
}

Component({
  behaviors: [storePage],
  data: { text: TEXT, today: null as ReturnType<typeof view> | null },
  methods: {
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    load(): Promise<void> {
      return this.loadInto(todayFigures, (today) => ({ today: view(today) }));
    },
  },
});
