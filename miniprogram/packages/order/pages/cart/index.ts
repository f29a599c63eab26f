// The cart of the current store: change quantities, remove lines, clear; lines the latest menu
// no longer allows (removed, sold out, options or price changed) say why. Edits are sent as
// path updates ("lines[2].qty") by syncView, not as the whole list.
import { formatPrice, multiplyFen } from '../../../../domain/money';
import { isBlocking, type CartLine, type LineIssue } from '../../../../stores/cart';
import { cart, catalog, refreshCatalog, startSession } from '../../../../stores/index';
import { syncView } from '../../../../stores/sync-view';
import { imageSrc } from '../../../../services/images';
import { navigateOnce } from '../../../../services/navigation';
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

const MENU_PAGE = '/pages/menu/index';
const CHECKOUT_PAGE = '/packages/order/pages/checkout/index';

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

function cartView() {
  return {
    lines: cart.lines.map(lineView),
    count: cart.count,
    total: formatPrice(cart.totalFen),
    hasBlocked: cart.lines.some((line) => isBlocking(line.issue)),
    open: catalog.store?.status.open ?? false,
    /** Why 去结算 is off: "休息中 · 周二 08:00 开始接单" */
    notOrdering: notOrderingText(catalog.store),
  };
}

type KeyEvent = WechatMiniprogram.TouchEvent<object, object, { key: string }>;

// A page can be opened twice in the stack; each instance keeps its own reaction.
const disposers = new WeakMap<object, () => void>();

Component({
  data: {
    text: TEXT,
    lines: [] as ReturnType<typeof lineView>[],
    count: 0,
    total: '',
    hasBlocked: false,
    open: false,
    notOrdering: '',
  },
  lifetimes: {
    attached() {
      startSession();
      disposers.set(this, syncView(this, cartView));
      void refreshCatalog();
    },
    detached() {
      disposers.get(this)?.();
      disposers.delete(this);
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
      wx.switchTab({ url: MENU_PAGE });
    },
    onCheckout() {
      if (cart.count === 0) return;
      if (!this.data.open) {
        wx.showToast({ title: notOrderingText(catalog.store), icon: 'none' });
        return;
      }
      navigateOnce(CHECKOUT_PAGE);
    },
  },
});
