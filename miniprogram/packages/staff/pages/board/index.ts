// The order board: tabs new / accepted / ready / done / refunds for one store, cards with the
// moves the server allows; polling, the new-order alert and the unseen highlight live in
// ../../stores/board. It keeps the screen on while shown: the counter phone must not lock and
// stop polling. One header, the tabs; at the bottom, where a thumb reaches, 标记售罄 (the goods
// page's sold-out switches: two taps from the board) and 更多 (the console's other pages).
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import {
  parseStaffQuery,
  staffPageUrl,
  type PageQuery,
  type StaffStorePage,
} from '../../../../domain/routes';
import type { BoardTab } from '../../../../domain/staff';
import { errorMessage } from '../../../../services/api';
import { navigateOnce } from '../../../../services/navigation';
import type { BoardMove } from '../../services/staff';
import { BOARD_TEXT } from '../../board-model';
import { board } from '../../stores/board';

const TEXT = {
  empty: '暂无订单',
  unseen: BOARD_TEXT.unseen,
  total: BOARD_TEXT.total,
  soldOut: '标记售罄',
  soldOutLabel: '售罄：把商品标为售罄',
  more: '更多',
  moreLabel: '更多：商品、门店、桌码、今日经营、店员、打印、桌台',
  links: [
    { page: 'staffGoods', label: '商品' },
    { page: 'staffStore', label: '门店' },
    { page: 'staffTables', label: '桌码' },
    { page: 'staffToday', label: '今日' },
    { page: 'staffTeam', label: '店员' },
    { page: 'staffPrinters', label: '打印' },
    { page: 'staffFloor', label: '桌台' },
  ] as Array<{ page: StaffStorePage; label: string }>,
  confirmReject: '拒单并原路退款',
  confirmRefund: '原路退款',
  reasonHint: '原因（选填，顾客可见），如：售罄',
  done: '已更新',
  reprint: '补打',
  reprinted: (n: number) => `已补打 ${n} 张`,
};

ComponentWithStore({
  properties: { storeId: { type: String, value: '' } },
  data: { text: TEXT },
  storeBindings: {
    store: board,
    structuralComparison: true,
    fields: {
      tabs: () => board.tabs,
      activeTab: () => board.tab,
      cards: () => board.cards,
      loaded: () => board.loaded,
      errorText: () => board.errorText,
      busyId: () => board.busyId,
    },
    actions: {},
  },
  lifetimes: {
    detached() {
      board.stop(); // leaving the page (navigateBack) does not call onHide
    },
  },
  methods: {
    onLoad(query: PageQuery) {
      board.open(parseStaffQuery(query).storeId || (this.data as { storeId: string }).storeId);
    },
    onShow() {
      board.start();
    },
    onHide() {
      board.stop();
    },
    /** Asks now (the poll does this every 3 s). */
    refresh(): Promise<void> {
      return board.refresh();
    },
    onSeen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      board.markSeen(event.currentTarget.dataset.id);
    },
    onTabChange(event: WechatMiniprogram.CustomEvent<{ value: BoardTab }>) {
      board.showTab(event.detail.value);
    },
    async onAction(
      event: WechatMiniprogram.TouchEvent<object, object, { id: string; action: BoardMove }>,
    ) {
      const { id, action } = event.currentTarget.dataset;
      let reason = '';
      if (action === 'reject' || action === 'refund') {
        // The reason goes to the customer's order page: "售罄" beats a silent refund.
        const { confirm, content } = await wx.showModal({
          title: action === 'reject' ? TEXT.confirmReject : TEXT.confirmRefund,
          editable: true,
          placeholderText: TEXT.reasonHint,
        });
        if (!confirm) return;
        reason = (content ?? '').trim().slice(0, 100);
      }
      const refusal = await board.move(id, action, reason);
      if (refusal) wx.showToast({ title: refusal, icon: 'none' });
      else wx.showToast({ title: TEXT.done, icon: 'success' });
    },
    /** One more ticket per printer role (issue 16); the printers page shows how each went. */
    async onReprint(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      try {
        const count = await board.reprint(event.currentTarget.dataset.id);
        wx.showToast({ title: TEXT.reprinted(count), icon: 'none' });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      }
    },
    /** 标记售罄: the goods page, where one more tap marks an item sold out. */
    onSoldOutList() {
      navigateOnce(staffPageUrl('staffGoods', board.storeId));
    },
    /** 更多: the console's pages, one tap away. */
    async onMore() {
      try {
        const { tapIndex } = await wx.showActionSheet({
          itemList: TEXT.links.map((link) => link.label),
        });
        const link = TEXT.links[tapIndex];
        if (link) navigateOnce(staffPageUrl(link.page, board.storeId));
      } catch {
        // Cancelled: nothing to open.
      }
    },
  },
});
