// The "me" tab. Kept thin (main package): the staff console entry appears only when the server
// says the caller is staff somewhere (staff.me); the console itself is the staff subpackage.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { followCardShown } from '../../domain/oa';
import { articleUrl, staffPageUrl, url } from '../../domain/routes';
import { STAFF_ROLE_LABELS } from '../../domain/roles';
import { articles } from '../../stores/articles';
import { navigateOnce, openTab } from '../../services/navigation';
import { catalog, startSession } from '../../stores/index';
import { memberships } from '../../stores/memberships';

const TEXT = {
  orders: '我的订单',
  contact: '联系门店',
  follow: '关注公众号',
  followHint: '新品、取餐和优惠消息不错过',
  followFallback: '在微信里搜索门店的公众号即可关注',
  console: '店员入口',
  join: '我是店员 · 输入邀请码',
};

ComponentWithStore({
  data: { text: TEXT, showFollowCard: false },
  storeBindings: {
    store: memberships,
    structuralComparison: true,
    fields: {
      storeName: () => catalog.store?.name ?? '',
      staffStores: () =>
        memberships.stores.map((store) => ({
          storeId: store.storeId,
          title: `${TEXT.console} · ${store.storeName}`,
          role: STAFF_ROLE_LABELS[store.role],
        })),
    },
    actions: {},
  },
  methods: {
    onShow() {
      startSession(); // the store the customer is at, from storage when this tab opens first
      this.setData({
        showFollowCard: followCardShown(
          wx.getLaunchOptionsSync().scene,
          wx.getEnterOptionsSync().scene,
        ),
      });
      void memberships.load();
    },
    onConsole(event: WechatMiniprogram.TouchEvent<object, object, { storeId: string }>) {
      navigateOnce(staffPageUrl('staffBoard', event.currentTarget.dataset.storeId));
    },
    onJoin() {
      navigateOnce(url('staffJoin'));
    },
    /** Calls the store the customer is ordering from; without one yet, home shows the stores. */
    onContact() {
      const phoneNumber = catalog.store?.phone;
      if (phoneNumber) wx.makePhoneCall({ phoneNumber });
      else openTab('home');
    },
    /** The latest article opens in the web-view, whose page carries the account's follow button. */
    async onFollow() {
      const [latest] = await articles.load();
      if (latest) navigateOnce(articleUrl(latest.url));
      else wx.showToast({ title: TEXT.followFallback, icon: 'none' });
    },
  },
});
