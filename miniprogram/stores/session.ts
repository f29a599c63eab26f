// Who the customer is visiting: store, table and how they arrived. The launch is parsed once,
// here; later entries (a table code scanned while the app is open) can only switch the store.
import { makeAutoObservable } from 'mobx-miniprogram';
import { parseLaunch, type EntrySource, type LaunchInfo } from '../domain/entry';
import type { OrderMode } from '../domain/order';
import { readStored, STORAGE_KEYS, writeStored } from './storage';

/** What identifies an entry: the same scene, page and query is the same entry again. */
function entryKey(launch: LaunchInfo): string {
  const query = launch.query ?? {};
  const sorted = Object.keys(query)
    .sort()
    .map((name) => [name, query[name]]);
  return JSON.stringify([launch.scene ?? 0, (launch.path ?? '').replace(/^\//, ''), sorted]);
}

export class SessionStore {
  /** '' until known: the server then picks the chain's default store. */
  storeId = '';
  tableNo = '';
  source: EntrySource = 'other';
  scene = 0;
  /** A goods item an entry asked to show (an OA article's card), until the menu shows it. */
  linkedGoodsId = '';
  /** How the customer chose to get this order ('' = not chosen: dine-in at a table, else pickup). */
  chosenMode: OrderMode | '' = '';
  /** Neither the entry nor last time named a store: the default one stands in for the nearest. */
  storeGuessed = false;
  private started = false;
  /** The entry last acted on; App.onShow repeats it when the customer merely comes back. */
  private lastEntryKey = '';

  constructor() {
    makeAutoObservable(this);
  }

  /** The cold launch: the entry's store, else the store used last time. Runs once. */
  start(launch: LaunchInfo): void {
    if (this.started) return;
    this.started = true;
    this.lastEntryKey = entryKey(launch);
    const entry = parseLaunch(launch);
    this.source = entry.source;
    this.scene = entry.scene;
    this.storeId = entry.storeId ?? readStored<string>(STORAGE_KEYS.lastStoreId) ?? '';
    this.storeGuessed = this.storeId === '';
    this.tableNo = entry.tableNo ?? '';
    // A table code means dine-in at that table; otherwise the mode chosen last time.
    this.chosenMode = entry.tableNo ? '' : (readStored<OrderMode>(STORAGE_KEYS.orderMode) ?? '');
    this.linkedGoodsId = entry.goodsId ?? '';
    if (entry.storeId) writeStored(STORAGE_KEYS.lastStoreId, entry.storeId);
  }

  /**
   * A warm entry (App.onShow): a code naming a store moves the session there, with its table.
   * Returns true when the store changed.
   */
  enter(launch: LaunchInfo): boolean {
    const key = entryKey(launch);
    if (key === this.lastEntryKey) return false; // back from paying, a call, the map…
    this.lastEntryKey = key;
    const entry = parseLaunch(launch);
    if (entry.goodsId) this.linkedGoodsId = entry.goodsId;
    if (!entry.storeId) return false;
    const changed = entry.storeId !== this.storeId;
    this.source = entry.source;
    this.scene = entry.scene;
    this.storeId = entry.storeId;
    this.tableNo = entry.tableNo ?? '';
    if (entry.tableNo) this.chosenMode = ''; // a table code: dine-in at that table
    writeStored(STORAGE_KEYS.lastStoreId, entry.storeId);
    return changed;
  }

  /** Dine-in at the table from the code, pickup otherwise, unless the customer chose. */
  get mode(): OrderMode {
    return this.chosenMode || (this.tableNo ? 'dine_in' : 'pickup');
  }

  /** The menu's switch and the checkout's chips set the same choice. */
  chooseMode(mode: OrderMode): void {
    this.chosenMode = mode;
    writeStored(STORAGE_KEYS.orderMode, mode);
  }

  /** True once, on a launch whose store was guessed: time to look for the nearest one. */
  takeStoreGuess(): boolean {
    const guessed = this.storeGuessed;
    this.storeGuessed = false;
    return guessed;
  }

  /** The linked goods item, once: the menu shows it and it is forgotten. */
  takeLinkedGoods(): string {
    const goodsId = this.linkedGoodsId;
    this.linkedGoodsId = '';
    return goodsId;
  }

  /** The customer picked another store: a table belongs to the old one, so it is dropped. */
  selectStore(storeId: string): void {
    if (storeId === this.storeId) return;
    this.storeId = storeId;
    this.tableNo = '';
    writeStored(STORAGE_KEYS.lastStoreId, storeId);
  }

  /** The server named the store it served (the default one, when none was asked for). */
  confirmStore(storeId: string): void {
    if (storeId === this.storeId) return;
    if (this.storeId) this.tableNo = '';
    this.storeId = storeId;
    writeStored(STORAGE_KEYS.lastStoreId, storeId);
  }
}
