const TEXT = {
  orders: '我的订单',
  contact: '联系门店',
};

Component({
  data: { text: TEXT },
  methods: {
    onContact() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
