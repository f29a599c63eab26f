// Goods switches: sold out (any staff), on/off shelf, price and stock (managers; the server
// says FORBIDDEN otherwise, so plain staff are not shown those controls). Each change bumps the
// catalog version customers refresh by. The edit modals open with the current value; confirming
// it untouched or emptied changes nothing, so unlimited stock takes the word 不限. Goods are
// grouped by category in the menu's order, with a search and a category filter; the board's
// 售罄 entry opens this page, so marking an item sold out is two taps from the board.
import { formatPrice, formatPriceCompact } from '../../../../domain/money';
import type { StaffGoodsListResponse, StaffGoodsUpdateRequest } from '../../../../domain/staff';
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { parseStaffQuery, type PageQuery } from '../../../../domain/routes';
import { updateGoods } from '../../services/staff';
import { ALL_CATEGORIES, goodsGroups, inMenuOrder } from '../../goods-groups';
import { parseYuan } from '../../hours-text';
import { goodsData, goodsFilter } from '../../stores/console';
import { consoleFields } from '../../stores/store-data';

const TEXT = {
  soldOut: '售罄',
  onShelf: '上架',
  offShelf: '已下架',
  search: '搜索商品名称',
  all: '全部',
  none: '没有找到这样的商品',
  showAll: '显示全部商品',
  price: '价格',
  stock: '库存',
  unlimited: '不限',
  editPrice: '新价格（元）',
  editStock: '剩余库存',
  stockHint: '填数字，或填“不限”不限量；留空不修改',
  badPrice: '请输入正确的价格',
  badStock: '请输入 0、正整数或“不限”',
  saved: '已保存',
};

interface GoodsRow {
  id: string;
  name: string;
  categoryId: string;
  price: string;
  /** The price as typed in the modal, "18.5" */
  yuan: string;
  stock: string;
  soldOut: boolean;
  onShelf: boolean;
}

type Categories = StaffGoodsListResponse['categories'];

function rows(categories: Categories, goods: StaffGoodsListResponse['goods']): GoodsRow[] {
  return inMenuOrder(categories, goods).map((g) => ({
    id: g._id,
    name: g.name,
    categoryId: g.categoryId,
    price: formatPrice(g.priceFen),
    yuan: formatPriceCompact(g.priceFen),
    stock: g.stock === null ? TEXT.unlimited : String(g.stock),
    soldOut: g.soldOut,
    onShelf: g.onShelf,
  }));
}

/** The goods in menu order, as rows. */
function allRows(): GoodsRow[] {
  const value = goodsData.value;
  return value ? rows(value.categories, value.goods) : [];
}

ComponentWithStore({
  data: { text: TEXT },
  storeBindings: {
    store: goodsData,
    structuralComparison: true,
    fields: {
      ...consoleFields(goodsData),
      goods: allRows,
      categories: () => [
        { value: ALL_CATEGORIES, label: TEXT.all },
        ...(goodsData.value?.categories ?? []).map((c) => ({ value: c._id, label: c.name })),
      ],
      query: () => goodsFilter.query,
      category: () => goodsFilter.category,
      /** The groups the search and the category filter leave. */
      groups: () =>
        goodsGroups(
          goodsData.value?.categories ?? [],
          allRows(),
          goodsFilter.query,
          goodsFilter.category,
        ),
    },
    actions: {},
  },
  methods: {
    onLoad(query: PageQuery) {
      goodsFilter.clear();
      void goodsData.open(parseStaffQuery(query).storeId);
    },
    onSearch(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      goodsFilter.search(event.detail.value);
    },
    onClearSearch() {
      goodsFilter.search('');
    },
    onCategory(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      goodsFilter.pick(event.detail.value);
    },
    onShowAll() {
      goodsFilter.clear();
    },
    async save(index: number, change: Omit<StaffGoodsUpdateRequest, 'storeId' | 'goodsId'>) {
      const row = allRows()[index];
      const refusal = await goodsData.change((storeId) =>
        updateGoods({ storeId, goodsId: row.id, ...change }).then(() => undefined),
      );
      if (refusal) wx.showToast({ title: refusal, icon: 'none' });
      else wx.showToast({ title: TEXT.saved, icon: 'success' });
    },
    index(event: { currentTarget: { dataset: { index?: number } } }): number {
      return Number(event.currentTarget.dataset.index);
    },
    /** What was typed in a modal opened with `current`; null when cancelled, empty or untouched. */
    async edit(title: string, current: string, placeholderText = ''): Promise<string | null> {
      const { confirm, content } = await wx.showModal({
        title,
        editable: true,
        content: current,
        placeholderText,
      });
      const text = (content ?? '').trim();
      return confirm && text && text !== current ? text : null;
    },
    onSoldOut(event: WechatMiniprogram.CustomEvent<{ value: boolean }, object, { index: number }>) {
      void this.save(this.index(event), { soldOut: event.detail.value });
    },
    onShelf(event: WechatMiniprogram.CustomEvent<{ value: boolean }, object, { index: number }>) {
      void this.save(this.index(event), { onShelf: event.detail.value });
    },
    async onPrice(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = this.index(event);
      const text = await this.edit(TEXT.editPrice, allRows()[index].yuan);
      if (text === null) return;
      const priceFen = parseYuan(text);
      if (priceFen === null) return void wx.showToast({ title: TEXT.badPrice, icon: 'none' });
      await this.save(index, { priceFen });
    },
    async onStock(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = this.index(event);
      const text = await this.edit(TEXT.editStock, allRows()[index].stock, TEXT.stockHint);
      if (text === null) return;
      const stock = text === TEXT.unlimited ? null : Number(text);
      if (stock !== null && !(Number.isInteger(stock) && stock >= 0)) {
        return void wx.showToast({ title: TEXT.badStock, icon: 'none' });
      }
      await this.save(index, { stock });
    },
  },
});
