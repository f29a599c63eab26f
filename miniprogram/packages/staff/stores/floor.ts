// The 桌台 view of one store: every table (free, ordering, eating, waiting to pay, paid) with its
// bill and how long it has been open, refreshed every 5 s while shown; one table opened with its
// rounds, where staff cancel a line not yet made, take payment at the counter, move or close it.
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { GoodsSummary } from '../../../domain/api';
import {
  describeSelection,
  isOrderable,
  lineKey,
  unitPriceFen,
  type GoodsSelection,
} from '../../../domain/catalog';
import type { OrderLineInput } from '../../../domain/order';
import { MAX_LINE_QTY } from '../../../domain/order-pricing';
import type { StaffTableSessionView, TableBoardEntry } from '../../../domain/tables';
import { errorMessage } from '../../../services/api';
import { fetchCatalogHome } from '../../../services/catalog';
import { asGoods, needsPicker } from '../../../stores/goods';
import {
  addTableRound,
  markRoundMade,
  cancelTableLine,
  closeTable,
  markTablePaid,
  moveTable,
  staffTable,
  tableBoard,
} from '../services/staff';
import { memberships } from '../../../stores/memberships';
import { ring as alert, soundThroughMuteSwitch } from '../alert';

const POLL_MS = 5000;

/** A line of the round staff are entering: goods, options chosen for the diner, how many. */
export interface DraftLine extends OrderLineInput {
  /** Goods and options: the same choice twice is one line. */
  key: string;
  name: string;
  /** The options, as the ticket prints them ('' for goods without any) */
  description: string;
  unitFen: number;
}

export class FloorStore {
  storeId = '';
  tables: TableBoardEntry[] = [];
  loaded = false;
  errorText = '';
  /** The table opened below the floor, with its rounds. */
  opened: StaffTableSessionView | null = null;
  busy = false;
  /** Rounds sent at all tables, as of the last answer (the alert rings when it grows). */
  roundsSeen = 0;
  /** A round staff enter for the open table (a diner asked a waiter). */
  draft: DraftLine[] | null = null;
  /** What the draft can hold: the menu's goods that can be ordered now. */
  menu: GoodsSummary[] = [];
  /** Goods whose options staff are choosing (the spec picker is open), or null. */
  picking: GoodsSummary | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    makeAutoObservable<FloorStore, 'timer'>(this, { timer: false });
  }

  get manager(): boolean {
    return memberships.manages(this.storeId);
  }

  open(storeId: string): void {
    this.storeId = storeId;
    this.tables = [];
    this.loaded = false;
    this.opened = null;
    this.errorText = '';
    this.draft = null;
    this.picking = null;
    this.menu = []; // another store's menu
    if (memberships.roleAt(storeId) === null) void memberships.load();
  }

  start(): void {
    soundThroughMuteSwitch();
    void this.refresh();
    if (!this.timer) this.timer = setInterval(() => void this.refresh(), POLL_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** `ring`: false after staff's own change (their own round is no news to them). */
  async refresh(ring = true): Promise<void> {
    if (!this.storeId) return;
    try {
      const tables = await tableBoard(this.storeId);
      const opened = this.opened;
      const fresh = opened ? await staffTable(this.storeId, opened.sessionId) : null;
      const rounds = tables.reduce((sum, table) => sum + table.rounds, 0);
      // A new round at any table rings, as a new order does on the board (not on the first look).
      if (ring && this.loaded && rounds > this.roundsSeen) alert();
      runInAction(() => {
        this.roundsSeen = rounds;
        this.tables = tables;
        this.loaded = true;
        this.errorText = '';
        if (fresh && this.opened?.sessionId === fresh.sessionId) this.opened = fresh;
      });
    } catch (err) {
      runInAction(() => (this.errorText = errorMessage(err)));
    }
  }

  /** Opens a table's session (or closes it when it is the one open). */
  async show(sessionId: string): Promise<void> {
    this.draft = null;
    this.picking = null;
    if (!sessionId || this.opened?.sessionId === sessionId) {
      this.opened = null;
      return;
    }
    try {
      const session = await staffTable(this.storeId, sessionId);
      runInAction(() => (this.opened = session));
    } catch (err) {
      runInAction(() => (this.errorText = errorMessage(err)));
    }
  }

  /** Opens (or closes) the round staff enter for the open table. */
  async toggleDraft(): Promise<void> {
    if (this.draft) {
      this.draft = null;
      this.picking = null;
      return;
    }
    this.draft = [];
    if (this.menu.length) return;
    try {
      const answer = await fetchCatalogHome({ storeId: this.storeId });
      if (answer.unchanged) return;
      runInAction(() => {
        this.menu = answer.goods.filter((goods) => isOrderable(goods));
      });
    } catch (err) {
      runInAction(() => (this.errorText = errorMessage(err)));
    }
  }

  /** Goods with options open the picker; goods without go in as one more. */
  choose(goodsId: string): void {
    const goods = this.menu.find((item) => item._id === goodsId);
    if (!goods || !this.draft) return;
    if (needsPicker(goods)) this.picking = goods;
    else this.addToDraft(goods, {}, 1);
  }

  closePicker(): void {
    this.picking = null;
  }

  /** The picker's choice (or a plain goods item) into the draft, merged with the same choice. */
  addToDraft(goods: GoodsSummary, selection: GoodsSelection, qty: number): void {
    if (!this.draft) return;
    this.picking = null;
    const key = lineKey(goods._id, selection);
    const existing = this.draft.find((line) => line.key === key);
    if (existing) {
      this.setDraftQty(key, existing.qty + qty);
      return;
    }
    const full = asGoods(goods);
    this.draft = [
      ...this.draft,
      {
        key,
        goodsId: goods._id,
        qty: Math.min(MAX_LINE_QTY, qty),
        ...(selection.specs ? { specs: selection.specs } : {}),
        ...(selection.addOns?.length ? { addOns: selection.addOns } : {}),
        name: goods.name,
        description: describeSelection(full, selection),
        unitFen: unitPriceFen(full, selection),
      },
    ];
  }

  /** 0 takes the line off the draft; a line holds at most MAX_LINE_QTY, as an order's does. */
  setDraftQty(key: string, qty: number): void {
    if (!this.draft) return;
    const kept = Math.min(MAX_LINE_QTY, qty);
    this.draft =
      kept > 0
        ? this.draft.map((line) => (line.key === key ? { ...line, qty: kept } : line))
        : this.draft.filter((line) => line.key !== key);
  }

  /** Sends the draft as a round; resolves to the refusal, or '' when it went. */
  async sendDraft(): Promise<string> {
    const lines = (this.draft ?? []).map(({ goodsId, qty, specs, addOns }) => ({
      goodsId,
      qty,
      ...(specs ? { specs } : {}),
      ...(addOns ? { addOns } : {}),
    }));
    if (!lines.length) return '';
    const refusal = await this.change((sessionId) => addTableRound(this.storeId, sessionId, lines));
    if (!refusal) runInAction(() => (this.draft = null));
    return refusal;
  }

  /** 出品: the round is made (its lines are then a manager's to cancel, with no stock back). */
  markMade(roundId: string): Promise<string> {
    return this.change((sessionId) => markRoundMade(this.storeId, sessionId, roundId));
  }

  cancelLine(lineId: string): Promise<string> {
    return this.change((sessionId) => cancelTableLine(this.storeId, sessionId, lineId));
  }

  markPaid(method: 'cash' | 'card' | 'other'): Promise<string> {
    return this.change((sessionId) => markTablePaid(this.storeId, sessionId, method));
  }

  close(reason?: string): Promise<string> {
    return this.change((sessionId) => closeTable(this.storeId, sessionId, reason));
  }

  move(toTableNo: string): Promise<string> {
    return this.change((sessionId) => moveTable(this.storeId, sessionId, toTableNo));
  }

  /** A move on the open table; resolves to the server's refusal, or '' when it went. */
  private async change(
    call: (sessionId: string) => Promise<StaffTableSessionView>,
  ): Promise<string> {
    const opened = this.opened;
    if (!opened || this.busy) return '';
    this.busy = true;
    let refusal = '';
    try {
      const session = await call(opened.sessionId);
      runInAction(() => (this.opened = session));
    } catch (err) {
      refusal = errorMessage(err);
    }
    runInAction(() => (this.busy = false));
    await this.refresh(false);
    return refusal;
  }
}

export const floor = new FloorStore();
