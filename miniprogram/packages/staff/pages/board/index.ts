// The order board: tabs new / accepted / ready / done / refunds for one store, cards with the
// moves the server allows. New orders: the board polls every 3 s while shown and rings (sound +
// vibration) when a new order shows that it had not seen (board-model nextAlert) — see
// docs/API.md "New orders: polling". It keeps the screen on while shown: the counter phone
// must not lock and stop polling. An order that arrives while the board is open stays
// highlighted (新) until someone touches its card. One header, the tabs; at the bottom, where
// a thumb reaches, 标记售罄 (the goods page's sold-out switches: two taps from the board) and
// 更多 (the console's other pages).
import type { BoardTab } from '../../../../domain/staff';
import { errorMessage } from '../../../../services/api';
import { navigateOnce } from '../../../../services/navigation';
import { reprintOrder } from '../../../../services/printing';
import { boardOrders, moveOrder, type BoardMove } from '../../../../services/staff';
import {
  BOARD_TEXT,
  FIRST_ALERT_MEMORY,
  FIRST_SEEN_MEMORY,
  markSeen,
  nextAlert,
  noticeArrivals,
  POLL_INTERVAL_MS,
  tabLabels,
  toCard,
  type AlertMemory,
  type BoardCard,
  type SeenMemory,
} from '../../board-model';

const TEXT = {
  empty: '暂无订单',
  unseen: BOARD_TEXT.unseen,
  total: BOARD_TEXT.total,
  soldOut: '标记售罄',
  soldOutLabel: '售罄：把商品标为售罄',
  more: '更多',
  moreLabel: '更多：商品、门店、桌码、今日经营、店员、打印',
  links: [
    { page: 'goods', label: '商品' },
    { page: 'store', label: '门店' },
    { page: 'tables', label: '桌码' },
    { page: 'today', label: '今日' },
    { page: 'team', label: '店员' },
    { page: 'printers', label: '打印' },
  ],
  confirmReject: '拒单并原路退款',
  confirmRefund: '原路退款',
  reasonHint: '原因（选填，顾客可见），如：售罄',
  done: '已更新',
  reprint: '补打',
  reprinted: (n: number) => `已补打 ${n} 张`,
};

type BoardTabLabel = ReturnType<typeof tabLabels>[number];

const ALERT_SOUND = '/packages/staff/assets/new-order.wav';

type PageState = {
  storeId: string;
  tab: BoardTab;
  alert: AlertMemory;
  seen: SeenMemory;
  /** The last answer's cards, before the unseen highlight. */
  cards: BoardCard[];
  timer: ReturnType<typeof setInterval> | null;
  signature: string;
  loading: boolean;
};

let soundsWhenMuted = false;

/** Once: the alert must sound on an iPhone in silent mode too (a global audio setting). */
function soundThroughMuteSwitch(): void {
  if (soundsWhenMuted) return;
  soundsWhenMuted = true;
  wx.setInnerAudioOption({ obeyMuteSwitch: false });
}

function ring(): void {
  wx.vibrateLong({});
  // Not every runtime (or test) has audio; the vibration alone still alerts.
  if (typeof wx.createInnerAudioContext !== 'function') return;
  const audio = wx.createInnerAudioContext();
  audio.src = ALERT_SOUND;
  audio.onEnded(() => audio.destroy());
  audio.play();
}

Component({
  properties: { storeId: { type: String, value: '' } },
  data: {
    text: TEXT,
    tabs: tabLabels({}),
    activeTab: 'new' as BoardTab,
    cards: [] as BoardCard[],
    loaded: false,
    errorText: '',
    busyId: '',
  },
  lifetimes: {
    created() {
      (this as unknown as { boardState: PageState }).boardState = {
        storeId: '',
        tab: 'new',
        alert: FIRST_ALERT_MEMORY,
        seen: FIRST_SEEN_MEMORY,
        cards: [],
        timer: null,
        signature: '',
        loading: false,
      };
    },
    detached() {
      this.onHide(); // leaving the page (navigateBack) does not call onHide
    },
  },
  methods: {
    state(): PageState {
      return (this as unknown as { boardState: PageState }).boardState;
    },
    onLoad(query: { storeId?: string }) {
      this.state().storeId = query.storeId
        ? decodeURIComponent(query.storeId) // sent encoded
        : (this.data as { storeId: string }).storeId;
    },
    onShow() {
      wx.setKeepScreenOn({ keepScreenOn: true });
      soundThroughMuteSwitch();
      void this.refresh();
      this.startPolling();
    },
    onHide() {
      wx.setKeepScreenOn({ keepScreenOn: false });
      this.stopPolling();
    },
    startPolling() {
      if (this.state().timer) return;
      this.state().timer = setInterval(() => void this.refresh(), POLL_INTERVAL_MS);
    },
    stopPolling() {
      const { timer } = this.state();
      if (timer) clearInterval(timer);
      this.state().timer = null;
    },
    async refresh() {
      const state = this.state();
      if (!state.storeId || state.loading) return;
      state.loading = true;
      const tab = state.tab;
      try {
        const answer = await boardOrders(state.storeId, tab);
        if (tab !== state.tab) return; // the tab changed meanwhile: that answer is stale
        const alert = nextAlert(state.alert, tab, answer);
        if (alert.ring) ring();
        state.alert = alert.memory;
        const ids = answer.orders.map((order) => order._id);
        state.seen = noticeArrivals(state.seen, tab, ids);
        state.cards = answer.orders.map(toCard);
        if (!this.show(tabLabels(answer.counts)) && this.data.errorText) {
          this.setData({ errorText: '' }); // the board works again: the last failure is over
        }
      } catch (err) {
        this.setData({ errorText: errorMessage(err) });
      } finally {
        state.loading = false;
      }
    },
    /** Shows the cards with their highlight; false when nothing changed (no render). */
    show(nextTabs?: BoardTabLabel[]): boolean {
      const state = this.state();
      const tabs = nextTabs ?? (this.data.tabs as BoardTabLabel[]);
      const cards = state.cards.map((card) => ({
        ...card,
        unseen: state.seen.unseen.includes(card.id),
      }));
      const signature = JSON.stringify([cards, tabs]);
      if (signature === state.signature && this.data.loaded) return false;
      state.signature = signature;
      this.setData({ cards, tabs, loaded: true, errorText: '' });
      return true;
    },
    /** A touch on a card: that order has been seen. */
    onSeen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const state = this.state();
      if (!state.seen.unseen.includes(event.currentTarget.dataset.id)) return;
      state.seen = markSeen(state.seen, event.currentTarget.dataset.id);
      this.show();
    },
    onTabChange(event: WechatMiniprogram.CustomEvent<{ value: BoardTab }>) {
      this.state().tab = event.detail.value;
      this.state().signature = '';
      this.setData({ activeTab: event.detail.value, cards: [], loaded: false });
      void this.refresh();
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
      this.setData({ busyId: id });
      try {
        await moveOrder(this.state().storeId, id, action, reason);
        wx.showToast({ title: TEXT.done, icon: 'success' });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      }
      this.setData({ busyId: '' });
      await this.refresh();
    },
    /** One more ticket per printer role (issue 16); the printers page shows how each went. */
    async onReprint(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      try {
        const jobs = await reprintOrder(this.state().storeId, event.currentTarget.dataset.id);
        wx.showToast({ title: TEXT.reprinted(jobs.length), icon: 'none' });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      }
    },
    onLink(event: WechatMiniprogram.TouchEvent<object, object, { page: string }>) {
      this.openConsolePage(event.currentTarget.dataset.page);
    },
    openConsolePage(page: string) {
      const storeId = encodeURIComponent(this.state().storeId);
      navigateOnce(`/packages/staff/pages/${page}/index?storeId=${storeId}`);
    },
    /** 标记售罄: the goods page, where one more tap marks an item sold out. */
    onSoldOutList() {
      this.openConsolePage('goods');
    },
    /** 更多: the console's pages, one tap away. */
    async onMore() {
      try {
        const { tapIndex } = await wx.showActionSheet({
          itemList: TEXT.links.map((link) => link.label),
        });
        const link = TEXT.links[tapIndex];
        if (link) this.openConsolePage(link.page);
      } catch {
        // Cancelled: nothing to open.
      }
    },
  },
});
