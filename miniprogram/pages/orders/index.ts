const TEXT = {
  empty: '还没有订单',
};

const TABS = [
  { value: 'all', label: '全部' },
  { value: 'active', label: '进行中' },
  { value: 'done', label: '已完成' },
  { value: 'refund', label: '退款' },
];

Component({
  data: {
    text: TEXT,
    tabs: TABS,
    activeTab: 'all',
  },
  methods: {
    onTabChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ activeTab: event.detail.value });
    },
  },
});
