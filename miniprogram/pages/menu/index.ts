// Menu: categories in a TDesign side bar kept in step with the scrolled goods list, goods cards
// with "+" / stepper or the spec picker, and a cart bar. A "+" tap changes the cart store only;
// the bindings then send the few fields that changed in one setData.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { GoodsSummary } from '../../domain/api';
import { isOrderable, lineKey, type GoodsSelection } from '../../domain/catalog';
import { formatPrice } from '../../domain/money';
import { ORDER_MODE_LABELS, orderModes } from '../../domain/order';
import { url } from '../../domain/routes';
import { navigateOnce, openTab } from '../../services/navigation';
import { needsPicker } from '../../stores/goods';
import { table } from '../../stores/table';
import {
  cart,
  catalog,
  catalogStateFields,
  refreshCatalog,
  refreshIfStale,
  session,
  startSession,
} from '../../stores/index';
import { notOrderingText, STORE_STATE_TEXT } from '../shared/views';
import { sectionAt, sectionTops } from './layout';
import { menuSections, type MenuSection } from './sections';

const TEXT = {
  loading: '菜单加载中',
  empty: '菜单还没有上架商品',
  loadFailed: '菜单加载失败',
  retry: '重试',
  soldOut: '已售罄',
  chooseSpecs: '选规格',
  addToCart: '加入购物车',
  cartEmpty: '购物车是空的',
  checkout: '去结算',
  toTable: '去下单',
  tableCart: '本桌购物车是空的',
  switchStore: '切换门店',
  switchMode: '切换用餐方式',
  cartIssues: '部分商品有变动',
  added: '已加入购物车',
  stale: '网络不给力，显示的是上次保存的菜单，点此重试',
};

/** After a side-bar tap, the scroll it causes must not move the side bar to another category. */
const SCROLL_LOCK_MS = 600;

type TapEvent = WechatMiniprogram.TouchEvent<object, object, { id: string }>;

function ordering(): boolean {
  return catalog.store?.status.open === true;
}

function toastClosed(): void {
  wx.showToast({ title: notOrderingText(catalog.store), icon: 'none' });
}

/** The table's server refused a line (sold out meanwhile, the bill being paid …). */
function toastRefusal(refusal: string): void {
  if (refusal) wx.showToast({ title: refusal, icon: 'none' });
}

ComponentWithStore({
  // Fields starting with "_" are the instance's own state, never drawn (WeChat's pure data).
  options: { pureDataPattern: /^_/ },
  data: {
    text: TEXT,
    _scrollLockUntil: 0,
    activeCategory: '',
    intoView: '',
    pickerVisible: false,
    pickerGoods: null as GoodsSummary | null,
  },
  storeBindings: {
    store: catalog,
    structuralComparison: true,
    fields: {
      ...catalogStateFields,
      sections: () => menuSections(catalog.categories, catalog.goods),
      open: () => catalog.store?.status.open ?? false,
      notOrdering: () => notOrderingText(catalog.store),
      pickerDisabledText: () => STORE_STATE_TEXT[catalog.store?.status.state ?? 'closed'],
      storeName: () => catalog.store?.name ?? '',
      // "堂食 · A2", "自取", "外送": how this order goes, switchable here.
      modeText: () =>
        session.mode === 'dine_in' && session.tableNo
          ? `${ORDER_MODE_LABELS.dine_in} · ${session.tableNo}`
          : ORDER_MODE_LABELS[session.mode],
      // At a table paid after eating, the cart is the table's shared one (stores/table).
      atTable: () => table.active,
      qty: () => (table.active ? table.qtyByGoods : cart.qtyByGoods),
      cartCount: () => (table.active ? table.cartCount : cart.count),
      cartTotal: () =>
        formatPrice(
          table.active ? table.cartTotalFen((id) => catalog.goodsById(id)) : cart.totalFen,
        ),
      cartIssues: () => !table.active && cart.hasIssues,
    },
    actions: {},
  },
  observers: {
    sections(sections: MenuSection[]) {
      const active = this.data.activeCategory;
      if (sections.length > 0 && !sections.some((section) => section.id === active)) {
        this.setData({ activeCategory: sections[0].id });
      }
    },
  },
  lifetimes: {
    created() {
      startSession(); // a cached menu renders with the first setData, before any request
    },
    async attached() {
      await refreshCatalog();
      this.showLinkedGoods();
    },
  },
  pageLifetimes: {
    // A card tapped while the app is open (a warm entry) lands here with the menu already up;
    // a customer coming back after a while sees today's open state and menu.
    show() {
      if (catalog.phase === 'ready') this.showLinkedGoods();
      void refreshIfStale();
    },
  },
  methods: {
    /** The store is switched on home, where the stores are listed by distance. */
    onStoreTap() {
      openTab('home');
    },
    onModeTap() {
      const modes = orderModes(catalog.store);
      wx.showActionSheet({
        itemList: modes.map((mode) => ORDER_MODE_LABELS[mode]),
        success: (res) => session.chooseMode(modes[res.tapIndex]),
      });
    },
    /** An article's goods card opened the menu: scroll to that item and offer its options. */
    showLinkedGoods() {
      const goods = catalog.goodsById(session.takeLinkedGoods());
      if (!goods) return;
      this.setData({
        _scrollLockUntil: Date.now() + SCROLL_LOCK_MS,
        activeCategory: goods.categoryId,
        intoView: `cat-${goods.categoryId}`,
      });
      if (needsPicker(goods) && isOrderable(goods)) {
        this.setData({ pickerGoods: goods, pickerVisible: true });
      }
    },
    onRetry() {
      void refreshCatalog(true);
    },
    onCategoryChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const id = event.detail.value;
      // scroll-into-view only acts on a change: after scrolling by hand away from the category
      // tapped last, tapping it again must clear the anchor first.
      if (this.data.intoView === `cat-${id}`) this.setData({ intoView: '' });
      this.setData({
        _scrollLockUntil: Date.now() + SCROLL_LOCK_MS,
        activeCategory: id,
        intoView: `cat-${id}`,
      });
    },
    onGoodsScroll(event: WechatMiniprogram.ScrollViewScroll) {
      const { scrollTop } = event.detail;
      if (typeof scrollTop !== 'number' || Date.now() < this.data._scrollLockUntil) return;
      const sections = this.data.sections as MenuSection[];
      const tops = sectionTops(
        sections.map((section) => ({ id: section.id, goodsCount: section.goods.length })),
        wx.getWindowInfo().windowWidth,
      );
      const section = sections[sectionAt(tops, scrollTop)];
      if (section && section.id !== this.data.activeCategory) {
        this.setData({ activeCategory: section.id });
      }
    },
    onAdd(event: TapEvent) {
      const goods = catalog.goodsById(event.currentTarget.dataset.id);
      if (!goods) return;
      if (needsPicker(goods)) {
        this.setData({ pickerGoods: goods, pickerVisible: true });
        return;
      }
      if (!ordering()) {
        toastClosed();
        return;
      }
      if (table.active) void table.add(goods).then(toastRefusal);
      else cart.add(goods);
    },
    onStepperChange(
      event: WechatMiniprogram.CustomEvent<{ value: number }, object, { id: string }>,
    ) {
      const goods = catalog.goodsById(event.currentTarget.dataset.id);
      if (!goods) return;
      const qty = Number(event.detail.value);
      if (table.active) {
        const had = table.qtyByGoods[goods._id] ?? 0;
        if (qty > had && !ordering()) return toastClosed();
        const last = table.lastLineOf(goods._id);
        if (qty > had) void table.add(goods, {}, qty - had).then(toastRefusal);
        else if (qty < had && last) void table.remove(last.lineId).then(toastRefusal);
        return;
      }
      const key = lineKey(goods._id);
      if (qty > (cart.lineOf(key)?.qty ?? 0) && !ordering()) {
        toastClosed();
        return;
      }
      if (cart.lineOf(key)) cart.setQty(key, qty);
      else if (qty > 0) cart.add(goods, {}, qty);
    },
    onPickerAdd(event: WechatMiniprogram.CustomEvent<{ selection: GoodsSelection; qty: number }>) {
      const goods = this.data.pickerGoods;
      if (!goods) return;
      if (!ordering()) {
        toastClosed();
        return;
      }
      if (table.active) {
        void table.add(goods, event.detail.selection, event.detail.qty).then(toastRefusal);
      } else {
        cart.add(goods, event.detail.selection, event.detail.qty);
      }
      this.setData({ pickerVisible: false });
      wx.showToast({ title: TEXT.added, icon: 'success' });
    },
    onPickerClose() {
      this.setData({ pickerVisible: false });
    },
    onCartTap() {
      navigateOnce(url(table.active ? 'table' : 'cart'));
    },
    onCheckout() {
      if (table.active) {
        navigateOnce(url('table'));
        return;
      }
      if (cart.count === 0) return;
      if (!ordering()) {
        toastClosed();
        return;
      }
      navigateOnce(url('checkout'));
    },
  },
});
