// Goods switches: sold out (any staff), on/off shelf, price and stock (managers; the server
// says FORBIDDEN otherwise). Each change bumps the catalog version customers refresh by.
import { formatPrice } from '../../../../domain/money';
import type { StaffGoodsUpdateRequest } from '../../../../domain/staff';
import { errorMessage } from '../../../../services/api';
import { storeGoods, updateGoods } from '../../../../services/staff';
import { parseYuan } from '../../hours-text';
import { storePage } from '../../store-page';

const TEXT = {
  soldOut: '售罄',
  onShelf: '上架',
  price: '价格',
  stock: '库存',
  unlimited: '不限',
  editPrice: '新价格（元）',
  editStock: '剩余库存（留空为不限）',
  badPrice: '请输入正确的价格',
  badStock: '请输入 0 或正整数',
  saved: '已保存',
};

interface GoodsRow {
  id: string;
  name: string;
  price: string;
  stock: string;
  soldOut: boolean;
  onShelf: boolean;
}

Component({
  behaviors: [storePage],
  data: { text: TEXT, goods: [] as GoodsRow[] },
  methods: {
    load(): Promise<void> {
      return this.loadInto(storeGoods, (goods) => ({
        goods: goods.map((g) => ({
          id: g._id,
          name: g.name,
          price: formatPrice(g.priceFen),
          stock: g.stock === null ? TEXT.unlimited : String(g.stock),
          soldOut: g.soldOut,
          onShelf: g.onShelf,
        })),
      }));
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
    onSoldOut(event: WechatMiniprogram.CustomEvent<{ value: boolean }, object, { index: number }>) {
      void this.save(this.index(event), { soldOut: event.detail.value });
    },
    onShelf(event: WechatMiniprogram.CustomEvent<{ value: boolean }, object, { index: number }>) {
      void this.save(this.index(event), { onShelf: event.detail.value });
    },
    async onPrice(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = this.index(event);
      const { confirm, content } = await wx.showModal({
        title: TEXT.editPrice,
        editable: true,
        placeholderText: this.data.goods[index].price,
      });
      if (!confirm) return;
      const priceFen = parseYuan(content ?? '');
      if (priceFen === null) return void wx.showToast({ title: TEXT.badPrice, icon: 'none' });
      await this.save(index, { priceFen });
    },
    async onStock(event: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
      const index = this.index(event);
      const { confirm, content } = await wx.showModal({ title: TEXT.editStock, editable: true });
      if (!confirm) return;
      const text = (content ?? '').trim();
      const stock = text === '' ? null : Number(text);
      if (stock !== null && !(Number.isInteger(stock) && stock >= 0)) {
        return void wx.showToast({ title: TEXT.badStock, icon: 'none' });
      }
      await this.save(index, { stock });
    },
  },
});
