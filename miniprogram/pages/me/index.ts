// The "me" tab. Kept thin (main package): the staff console entry appears only when the server
// says the caller is staff somewhere (staff.me); the console itself is the staff subpackage.
import { STAFF_ROLE_LABELS } from '../../domain/staff';
import { navigateOnce } from '../../services/navigation';
import { myStaffStores } from '../../services/staff';

const TEXT = {
  orders: '我的订单',
  contact: '联系门店',
  console: '店员入口',
  join: '我是店员 · 输入邀请码',
};

const STAFF_PAGES = '/packages/staff/pages';

Component({
  data: {
    text: TEXT,
    staffStores: [] as Array<{ storeId: string; title: string; role: string }>,
  },
  methods: {
    onShow() {
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
    onContact() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
