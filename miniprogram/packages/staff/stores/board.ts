// The order board's flow for one store: polls the open tab every 3 s while shown, rings (sound
// and vibration) when a new order shows that it had not seen (board-model nextAlert), keeps
// the orders that arrived while it was open highlighted until touched, and makes the moves.
// See docs/API.md "New orders: polling".
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { BoardTab } from '../../../domain/staff';
import { errorMessage } from '../../../services/api';
import { reprintOrder } from '../services/printing';
import { boardOrders, moveOrder, type BoardMove } from '../services/staff';
import { ring, soundThroughMuteSwitch } from '../alert';
import {
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
} from '../board-model';

export class BoardStore {
  storeId = '';
  tab: BoardTab = 'new';
  /** The last answer's cards, before the unseen highlight. */
  answerCards: BoardCard[] = [];
  tabs = tabLabels({});
  seen: SeenMemory = FIRST_SEEN_MEMORY;
  /** The tab has had its first answer. */
  loaded = false;
  errorText = '';
  /** The order a move is being made on. */
  busyId = '';
  private alert: AlertMemory = FIRST_ALERT_MEMORY;
  private timer: ReturnType<typeof setInterval> | null = null;
  private loading = false;
  /** Asked again while an answer was on its way (a tab tapped mid-poll): ask once it is in. */
  private askAgain = false;

  constructor() {
    makeAutoObservable<BoardStore, 'alert' | 'timer' | 'loading' | 'askAgain'>(this, {
      alert: false,
      timer: false,
      loading: false,
      askAgain: false,
    });
  }

  /** The cards with their highlight. */
  get cards(): BoardCard[] {
    return this.answerCards.map((card) => ({
      ...card,
      unseen: this.seen.unseen.includes(card.id),
    }));
  }

  /** A board opened: what an earlier board remembered (seen, rung for) starts over. */
  open(storeId: string): void {
    this.storeId = storeId;
    this.tab = 'new';
    this.answerCards = [];
    this.tabs = tabLabels({});
    this.seen = FIRST_SEEN_MEMORY;
    this.alert = FIRST_ALERT_MEMORY;
    this.loaded = false;
    this.errorText = '';
  }

  /** The board is on screen: the screen stays on, and it asks now and every 3 s. */
  start(): void {
    wx.setKeepScreenOn({ keepScreenOn: true });
    soundThroughMuteSwitch();
    void this.refresh();
    if (!this.timer) this.timer = setInterval(() => void this.refresh(), POLL_INTERVAL_MS);
  }

  stop(): void {
    wx.setKeepScreenOn({ keepScreenOn: false });
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async refresh(): Promise<void> {
    if (!this.storeId) return;
    if (this.loading) {
      this.askAgain = true;
      return;
    }
    this.loading = true;
    const tab = this.tab;
    try {
      const answer = await boardOrders(this.storeId, tab);
      if (tab !== this.tab) return; // the tab changed meanwhile: that answer is stale
      const alert = nextAlert(this.alert, tab, answer);
      if (alert.ring) ring();
      runInAction(() => {
        this.alert = alert.memory;
        const ids = answer.orders.map((order) => order._id);
        this.seen = noticeArrivals(this.seen, tab, ids);
        this.answerCards = answer.orders.map(toCard);
        this.tabs = tabLabels(answer.counts);
        this.loaded = true;
        this.errorText = ''; // the board works again: the last failure is over
      });
    } catch (err) {
      runInAction(() => (this.errorText = errorMessage(err)));
    } finally {
      this.loading = false;
      if (this.askAgain) {
        this.askAgain = false;
        void this.refresh();
      }
    }
  }

  /** A touch on a card: that order has been seen. */
  markSeen(orderId: string): void {
    if (this.seen.unseen.includes(orderId)) this.seen = markSeen(this.seen, orderId);
  }

  showTab(tab: BoardTab): void {
    this.tab = tab;
    this.answerCards = [];
    this.loaded = false;
    void this.refresh();
  }

  /** Makes a move; resolves to the server's refusal, or '' when it went. */
  async move(orderId: string, action: BoardMove, reason: string): Promise<string> {
    this.busyId = orderId;
    let refusal = '';
    try {
      await moveOrder(this.storeId, orderId, action, reason);
    } catch (err) {
      refusal = errorMessage(err);
    }
    runInAction(() => (this.busyId = ''));
    await this.refresh();
    return refusal;
  }

  /** One more ticket per printer role; resolves to how many were queued. */
  reprint(orderId: string): Promise<number> {
    return reprintOrder(this.storeId, orderId).then((jobs) => jobs.length);
  }
}

export const board = new BoardStore();
