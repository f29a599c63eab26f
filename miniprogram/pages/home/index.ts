// Home: the store card (open state, hours, map, phone, notice), featured goods, the official
// account's articles and a store switcher sorted by distance when the customer allows location.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { StoreView } from '../../domain/api';
import { formatDistance } from '../../domain/geo';
import { articleUrl } from '../../domain/routes';
import { navigateOnce, openTab } from '../../services/navigation';
import {
  catalog,
  catalogStateFields,
  moveToNearestStore,
  refreshCatalog,
  refreshIfStale,
  session,
  startSession,
  switchStore,
} from '../../stores/index';
import { goodsCardView, STORE_STATE_TEXT, storeStateView } from '../shared/views';
import { imageSrc } from '../../services/images';
import { articles } from '../../stores/articles';
import { storeList } from '../../stores/store-list';

const TEXT = {
  address: '门店地址',
  phone: '联系电话',
  table: '桌号',
  orderNow: '开始点单',
  featured: '店长推荐',
  soldOut: '售罄',
  articles: '门店动态',
  switchStore: '切换门店',
  locating: '正在获取位置…',
  noLocation: '未获得位置，按门店顺序排列',
  currentStore: '当前',
  loading: '加载中…',
  retry: '重试',
  loadFailed: '门店信息加载失败',
  stale: '网络不给力，显示的是上次保存的信息，点此重试',
  movedToNearest: (name: string) => `已为你选择最近的门店：${name}`,
};

interface StoreOption {
  id: string;
  name: string;
  address: string;
  distance: string;
  stateText: string;
  current: boolean;
}

function storeOption(store: StoreView): StoreOption {
  return {
    id: store._id,
    name: store.name,
    address: store.address,
    distance: store.distanceMeters === null ? '' : formatDistance(store.distanceMeters),
    stateText: STORE_STATE_TEXT[store.status.state],
    current: store._id === session.storeId,
  };
}

ComponentWithStore({
  data: { text: TEXT },
  storeBindings: {
    store: catalog,
    structuralComparison: true,
    fields: {
      ...catalogStateFields,
      store: () =>
        catalog.store && {
          name: catalog.store.name,
          logo: imageSrc(catalog.store.logo),
          cover: catalog.store.cover ? imageSrc(catalog.store.cover) : '',
          address: catalog.store.address,
          phone: catalog.store.phone,
          notice: catalog.store.notice,
          ...storeStateView(catalog.store),
        },
      featured: () => catalog.goods.filter((goods) => goods.featured).map(goodsCardView),
      tableNo: () => session.tableNo,
      storeListOpen: () => storeList.open,
      storeListLoading: () => storeList.loading,
      storeListNote: () => {
        if (storeList.loading) return TEXT.locating;
        return storeList.errorText || (storeList.unlocated ? TEXT.noLocation : '');
      },
      stores: () => storeList.stores.map(storeOption),
      articles: () =>
        articles.latest.map(({ _id, title, digest, thumbUrl, url }) => ({
          id: _id,
          title,
          digest,
          thumbUrl,
          url,
        })),
    },
    actions: {},
  },
  lifetimes: {
    created() {
      startSession(); // the cached store renders with the very first setData
    },
    attached() {
      void refreshCatalog().then(() => this.offerNearestStore());
    },
    ready() {
      // Articles sit below the fold: fetched when their slot comes into view, so the first
      // screen still needs one call.
      const observer = this.createIntersectionObserver({});
      observer.relativeToViewport({ bottom: 200 }).observe('.articles-slot', (result) => {
        if (result.intersectionRatio <= 0) return;
        observer.disconnect();
        void this.loadArticles();
      });
    },
  },
  pageLifetimes: {
    show() {
      void refreshIfStale(); // back after a while: today's open state and menu
    },
  },
  methods: {
    /** A first launch that named no store: the default shows at once, the nearest follows. */
    async offerNearestStore() {
      const nearest = await moveToNearestStore();
      if (nearest) wx.showToast({ title: TEXT.movedToNearest(nearest.name), icon: 'none' });
    },
    loadArticles(): Promise<unknown> {
      return articles.load(3);
    },
    onArticleTap(event: WechatMiniprogram.TouchEvent<object, object, { url: string }>) {
      navigateOnce(articleUrl(event.currentTarget.dataset.url));
    },
    onRetry() {
      void refreshCatalog(true);
    },
    onOrderNow() {
      openTab('menu');
    },
    onAddressTap() {
      const store = catalog.store;
      if (!store) return;
      wx.openLocation({
        latitude: store.location.lat,
        longitude: store.location.lng,
        name: store.name,
        address: store.address,
        scale: 16,
      });
    },
    onPhoneTap() {
      const phone = catalog.store?.phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
    /** Location is asked for on this tap (or once on a first launch that named no store). */
    onSwitchStoreTap() {
      void storeList.toggle();
    },
    onStorePick(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      storeList.close();
      void switchStore(event.currentTarget.dataset.id);
    },
  },
});
