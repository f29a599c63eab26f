// Goods switches: sold out (any staff), on/off shelf, price and stock (managers; the server
// says FORBIDDEN otherwise, so plain staff are not shown those controls). Each change bumps the
// catalog version customers refresh by. The edit modals open with the current value; confirming
// it untouched or emptied changes nothing, so unlimited stock takes the word 不限. Goods are
// grouped by category in the menu's order, with a search and a category filter; the board's
// 售罄 entry opens this page, so marking an item sold out is two taps from the board.
import { formatPrice, formatPriceCompact } from '../../../../domain/money';
import type { StaffGoodsListResponse, StaffGoodsUpdateRequest } from '../../../../domain/staff';
import { errorMessage } from '../../../../services/api';
import { storeGoods, updateGoods } from '../../../../services/staff';
import { ALL_CATEGORIES, goodsGroups, inMenuOrder } from '../../goods-groups';
import { parseYuan } from '../../hours-text';
import { storePage } from '../../store-page';

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

Component({
  behaviors: [storePage],
  data: {
    text: TEXT,
    goods: [] as GoodsRow[],
    categoryList: [] as Categories,
    categories: [{ value: ALL_CATEGORIES, label: TEXT.all }],
    category: ALL_CATEGORIES,
    query: '',
    groups: [] as ReturnType<typeof goodsGroups<GoodsRow>>,
    loaded: false,
  },
  methods: {
    load(): Promise<void> {
      return this.loadInto(storeGoods, ({ categories, goods }) => ({
        loaded: true,
        categoryList: categories,
        categories: [
          { value: ALL_CATEGORIES, label: TEXT.all },
          ...categories.map((c) => ({ value: c._id, label: c.name })),
        ],
        ...this.shown(categories, this.rows(categories, goods)),
      }));
    },
    rows(categories: Categories, goods: StaffGoodsListResponse['goods']): GoodsRow[] {
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
    },
    /** The rows and the groups the search and the category filter leave. */
    shown(categories: Categories, goods: GoodsRow[], query?: string, category?: string) {
      const { data } = this as unknown as { data: { query: string; category: string } };
      return {
        goods,
        groups: goodsGroups(categories, goods, query ?? data.query, category ?? data.category),
      };
    },
    onSearch(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const query = event.detail.value;
      this.setData({ query, ...this.shown(this.data.categoryList, this.data.goods, query) });
    },
    onClearSearch() {
      this.setData({ query: '', ...this.shown(this.data.categoryList, this.data.goods, '') });
    },
    onCategory(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const category = event.detail.value;
      const { categoryList, goods, query } = this.data;
      this.setData({ category, ...this.shown(categoryList, goods, query, category) });
    },
    onShowAll() {
      const { categoryList, goods } = this.data;
      this.setData({
        query: '',
        category: ALL_CATEGORIES,
        ...this.shown(categoryList, goods, '', ALL_CATEGORIES),
      });
    },
    async save(index: number, change: Omit<StaffGoodsUpdateRequest, 'storeId' | 'goodsId'>) {
      const row = this.data.goods[index];
      try {
        await updateGoods({ storeId: this.data.storeId, goodsId: row.id, ...change });
        wx.showToast({ title: TEXT.saved, icon: 'success' });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      }
      await this.load();
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
      const text = await this.edit(TEXT.editPrice, this.data.goods[index].yuan);
      if (text === null) return;
      const priceFen = parseYuan(text);
      if (priceFen === null) return void wx.showToast({ title: TEXT.badPrice, icon: 'none' });
      await this.save(index, { priceFen });
    },
    async onStock(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = this.index(event);
      const text = await this.edit(TEXT.editStock, this.data.goods[index].stock, TEXT.stockHint);
      if (text === null) return;
      const stock = text === TEXT.unlimited ? null : Number(text);
      if (stock !== null && !(Number.isInteger(stock) && stock >= 0)) {
        return void wx.showToast({ title: TEXT.badStock, icon: 'none' });
      }
      await this.save(index, { stock });
    },
  },
});
