// The "me" tab. Kept thin (main package): the staff console entry appears only when the server
// says the caller is staff somewhere (staff.me); the console itself is the staff subpackage.
import { followCardShown } from '../../domain/oa';
import { STAFF_ROLE_LABELS } from '../../domain/staff';
import { articlePageUrl, fetchLatestArticles } from '../../services/articles';
import { navigateOnce } from '../../services/navigation';
import { myStaffStores } from '../../services/staff';
import { catalog, startSession } from '../../stores/index';

const TEXT = {
  orders: '我的订单',
  contact: '联系门店',
  follow: '关注公众号',
  followHint: '新品、取餐和优惠消息不错过',
  followFallback: '在微信里搜索门店的公众号即可关注',
  console: '店员入口',
  join: '我是店员 · 输入邀请码',
};

const STAFF_PAGES = '/packages/staff/pages';

Component({
  data: {
    text: TEXT,
    staffStores: [] as Array<{ storeId: string; title: string; role: string }>,
    storeName: '',
    showFollowCard: false,
  },
  methods: {
    onShow() {
      startSession(); // the store the customer is at, from storage when this tab opens first
      this.setData({
        storeName: catalog.store?.name ?? '',
        showFollowCard: followCardShown(
          wx.getLaunchOptionsSync().scene,
          wx.getEnterOptionsSync().scene,
        ),
      });
      void this.loadStaffStores();
    },
    async loadStaffStores() {
      try {
        const stores = await myStaffStores();
        this.setData({
          staffStores: stores.map((store) => ({
            storeId: store.storeId,
            title: `${TEXT.console} · ${store.storeName}`,
            role: STAFF_ROLE_LABELS[store.role],
          })),
        });
      } catch {
        // Not knowing is the same as not being staff: the entry stays hidden.
      }
    },
    onConsole(event: WechatMiniprogram.TouchEvent<object, object, { storeId: string }>) {
      const storeId = encodeURIComponent(event.currentTarget.dataset.storeId);
      navigateOnce(`${STAFF_PAGES}/board/index?storeId=${storeId}`);
    },
    onJoin() {
      navigateOnce(`${STAFF_PAGES}/join/index`);
    },
    /** Calls the store the customer is ordering from; without one yet, home shows the stores. */
    onContact() {
      const phoneNumber = catalog.store?.phone;
      if (phoneNumber) wx.makePhoneCall({ phoneNumber });
      else wx.switchTab({ url: '/pages/home/index' });
    },
    /** The latest article opens in the web-view, whose page carries the account's follow button. */
    async onFollow() {
      try {
        const [latest] = await fetchLatestArticles(1);
        if (latest) {
          navigateOnce(articlePageUrl(latest.url));
          return;
        }
      } catch {
        // falls through to the hint
      }
      wx.showToast({ title: TEXT.followFallback, icon: 'none' });
    },
  },
});
