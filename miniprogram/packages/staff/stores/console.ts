// The console pages' data, one StoreData per page, and the goods page's search.
import { makeAutoObservable } from 'mobx-miniprogram';
import { storePrinters } from '../services/printing';
import {
  staffMembers,
  storeGoods,
  storeSettings,
  storeTables,
  todayFigures,
} from '../services/staff';
import { ALL_CATEGORIES } from '../goods-groups';
import { StoreData } from './store-data';

export const goodsData = new StoreData(storeGoods);
export const settingsData = new StoreData(storeSettings);
export const tablesData = new StoreData(storeTables);
export const teamData = new StoreData(staffMembers);
export const todayData = new StoreData(todayFigures);
export const printersData = new StoreData(storePrinters);

/** What the goods page is narrowed to: a name search and a category. */
export class GoodsFilter {
  query = '';
  category: string = ALL_CATEGORIES;

  constructor() {
    makeAutoObservable(this);
  }

  search(query: string): void {
    this.query = query;
  }

  pick(category: string): void {
    this.category = category;
  }

  clear(): void {
    this.query = '';
    this.category = ALL_CATEGORIES;
  }
}

export const goodsFilter = new GoodsFilter();
