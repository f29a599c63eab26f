// Today's figures for the store (staff.today, computed by aggregation on the server), with the
// pictures: orders by hour beside the same weekday last week, the last 7 days' revenue and a
// bar per entry source (today-charts.ts, plain views).
import { formatPrice } from '../../../../domain/money';
import { ORDER_MODE_LABELS, type OrderMode } from '../../../../domain/order';
import type { StaffTodayResponse, TodayBucket } from '../../../../domain/staff';
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { parseStaffQuery, type PageQuery } from '../../../../domain/routes';
import { todayData } from '../../stores/console';
import { consoleFields } from '../../stores/store-data';
import { todayCharts } from '../../today-charts';

const TEXT = {
  orders: '订单数',
  revenue: '营业额',
  average: '客单价',
  refunded: '已退款',
  byMode: '按方式',
  bySource: '按来源',
  byHour: '按小时下单',
  last7Days: '近 7 天营业额',
  today: '今日',
  topGoods: '热销商品',
  none: '今天还没有订单',
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
    topGoods: today.topGoods.map((g) => ({
      key: g.goodsId,
      label: g.name,
      value: `${g.qty} 份 · ${formatPrice(g.revenueFen)}`,
    })),
  };
}

ComponentWithStore({
  data: { text: TEXT },
  storeBindings: {
    store: todayData,
    structuralComparison: true,
    fields: {
      ...consoleFields(todayData),
      today: () => (todayData.value ? view(todayData.value) : null),
      charts: () => (todayData.value ? todayCharts(todayData.value) : null),
    },
    actions: {},
  },
  methods: {
    onLoad(query: PageQuery) {
      void todayData.open(parseStaffQuery(query).storeId);
    },
    onPullDownRefresh() {
      void todayData.load().then(() => wx.stopPullDownRefresh());
    },
  },
});
