// The cart of the current store: change quantities, remove lines, clear; lines the latest menu
// no longer allows (removed, sold out, options or price changed) say why. The cart store is
// the truth; the page binds its view of it.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { formatPrice, multiplyFen } from '../../../../domain/money';
import { isBlocking, type CartLine, type LineIssue } from '../../../../stores/cart';
import { cart, catalog, refreshCatalog, startSession } from '../../../../stores/index';
import { imageSrc } from '../../../../services/images';
import { url } from '../../../../domain/routes';
import { navigateOnce, openTab } from '../../../../services/navigation';
import { notOrderingText } from '../../../../pages/shared/views';

const TEXT = {
  empty: '购物车是空的',
  goShopping: '去点单',
  clear: '清空',
  clearConfirm: '确定清空购物车吗？',
  remove: '删除',
  removeUnavailable: '移除失效商品',
  total: '合计',
  checkout: '去结算',
  issue: {
    removed: '该商品已下架',
    sold_out: '该商品已售罄',
    options_changed: '规格或加料已调整，请删除后重新选择',
    price_changed: (before: string, after: string) => `价格已由 ${before} 调整为 ${after}`,
  },
};

function issueText(issue: LineIssue | null, unitPriceFen: number): string {
  if (!issue) return '';
  if (issue.kind === 'price_changed') {
    return TEXT.issue.price_changed(formatPrice(issue.previousPriceFen), formatPrice(unitPriceFen));
  }
  return TEXT.issue[issue.kind];
}

function lineView(line: CartLine) {
  return {
    key: line.key,
    name: line.name,
    image: imageSrc(line.image),
    selectionText: line.selectionText,
    unitPrice: formatPrice(line.unitPriceFen),
    qty: line.qty,
    lineTotal: formatPrice(multiplyFen(line.unitPriceFen, line.qty)),
    issue: issueText(line.issue, line.unitPriceFen),
    blocked: isBlocking(line.issue),
  };
}

type KeyEvent = WechatMiniprogram.TouchEvent<object, object, { key: string }>;

ComponentWithStore({
  data: { text: TEXT },
  storeBindings: {
    store: cart,
    structuralComparison: true,
    fields: {
      lines: () => cart.lines.map(lineView),
      count: () => cart.count,
      total: () => formatPrice(cart.totalFen),
      hasBlocked: () => cart.lines.some((line) => isBlocking(line.issue)),
      open: () => catalog.store?.status.open ?? false,
      /** Why 去结算 is off: "休息中 · 周二 08:00 开始接单" */
      notOrdering: () => notOrderingText(catalog.store),
    },
    actions: {},
  },
  lifetimes: {
    attached() {
      startSession();
      void refreshCatalog();
    },
  },
  methods: {
    onQtyChange(event: WechatMiniprogram.CustomEvent<{ value: number }, object, { key: string }>) {
      cart.setQty(event.currentTarget.dataset.key, Number(event.detail.value));
    },
    onRemove(event: KeyEvent) {
      cart.remove(event.currentTarget.dataset.key);
    },
    onRemoveUnavailable() {
      cart.removeUnavailable();
    },
    onClear() {
      wx.showModal({
        content: TEXT.clearConfirm,
        success: (res) => {
          if (res.confirm) cart.clear();
        },
      });
    },
    onGoShopping() {
      openTab('menu');
    },
    onCheckout() {
      if (cart.count === 0) return;
      if (!this.data.open) {
        wx.showToast({ title: notOrderingText(catalog.store), icon: 'none' });
        return;
      }
      navigateOnce(url('checkout'));
    },
  },
});
