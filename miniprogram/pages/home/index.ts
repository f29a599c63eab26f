const TEXT = {
  title: '欢迎光临',
  subtitle: '现点现做，到店或外带',
  hours: '营业时间',
  address: '门店地址',
  loading: '加载中…',
  orderNow: '开始点单',
};

Component({
  data: { text: TEXT },
  methods: {
    onOrderNow() {
      wx.switchTab({ url: '/pages/menu/index' });
    },
  },
});
