// The spec and add-on picker: a bottom popup whose price follows the options as they change,
// priced by the shared domain function. Emits `add` with { selection, qty } and `close`.
// It ships in the order subpackage: the menu tab loads it as an async component (issue 17).
import type { GoodsSummary } from '../../../../domain/api';
import {
  defaultSelection,
  describeSelection,
  unitPriceFen,
  type GoodsSelection,
} from '../../../../domain/catalog';
import { formatPrice, formatPriceDelta, multiplyFen } from '../../../../domain/money';
import { asGoods } from '../../../../stores/goods';
import { firstMissingGroup, groupHint, toggleAddOn, toggleOption } from './selection';
import { imageSrc } from '../../../../services/images';

const TEXT = {
  multiple: '可多选',
  addOns: '加料',
  add: '加入购物车',
  closed: '门店休息中',
  choose: (group: string) => `请选择${group}`,
};

interface OptionView {
  id: string;
  label: string;
  checked: boolean;
}

interface GroupView {
  id: string;
  name: string;
  hint: string;
  /** What a screen reader calls each chip: one of several (radio) or any number (checkbox) */
  role: 'radio' | 'checkbox';
  options: OptionView[];
}

function groupViews(goods: GoodsSummary, selection: GoodsSelection): GroupView[] {
  return goods.specs.map((group) => ({
    id: group.id,
    name: group.name,
    hint: groupHint(group),
    role: group.multiple ? 'checkbox' : 'radio',
    options: group.options.map((option) => ({
      id: option.id,
      label: [option.name, formatPriceDelta(option.priceDeltaFen)].filter(Boolean).join(' '),
      checked: (selection.specs?.[group.id] ?? []).includes(option.id),
    })),
  }));
}

function addOnViews(goods: GoodsSummary, selection: GoodsSelection): OptionView[] {
  return goods.addOns.map((addOn) => ({
    id: addOn.id,
    label: `${addOn.name} ${formatPriceDelta(addOn.priceFen)}`.trim(),
    checked: (selection.addOns ?? []).includes(addOn.id),
  }));
}

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    goods: { type: Object, value: null as unknown as GoodsSummary },
    visible: { type: Boolean, value: false },
    /** The store is not taking orders: the picker shows prices but cannot add. */
    disabled: { type: Boolean, value: false },
    /** What the add button says meanwhile: closed, or busy (staff paused orders). */
    disabledText: { type: String, value: TEXT.closed },
    /** What the add button says (staff adding to a table's round: 加入本轮). */
    actionText: { type: String, value: TEXT.add },
  },
  data: {
    text: TEXT,
    selection: {} as GoodsSelection,
    groups: [] as GroupView[],
    addOns: [] as OptionView[],
    qty: 1,
    image: '',
    summary: '',
    priceText: '',
    valid: true,
    addText: TEXT.add,
  },
  observers: {
    goods(goods: GoodsSummary | null) {
      if (goods) this.select(defaultSelection(asGoods(goods)), 1);
    },
  },
  methods: {
    /** Re-renders everything that depends on the selection and quantity. */
    select(selection: GoodsSelection, qty: number) {
      const goods = this.data.goods as GoodsSummary;
      const full = asGoods(goods);
      let priceText = '';
      let valid = true;
      try {
        priceText = formatPrice(multiplyFen(unitPriceFen(full, selection), qty));
      } catch {
        valid = false; // e.g. a required group left empty: nothing to price yet
      }
      // The add button says what is missing rather than just going grey.
      const missing = firstMissingGroup(full.specs, selection);
      this.setData({
        selection,
        qty,
        groups: groupViews(goods, selection),
        addOns: addOnViews(goods, selection),
        image: imageSrc(goods.image),
        summary: describeSelection(full, selection),
        priceText,
        valid,
        addText: missing ? TEXT.choose(missing.name) : (this.data.actionText as string),
      });
    },
    onOptionTap(
      event: WechatMiniprogram.CustomEvent<object, object, { group: string; option: string }>,
    ) {
      const { group: groupId, option } = event.currentTarget.dataset;
      const group = (this.data.goods as GoodsSummary).specs.find((item) => item.id === groupId);
      if (group) this.select(toggleOption(this.data.selection, group, option), this.data.qty);
    },
    onAddOnTap(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      this.select(toggleAddOn(this.data.selection, event.currentTarget.dataset.id), this.data.qty);
    },
    onQtyChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.select(this.data.selection, Math.max(1, Number(event.detail.value) || 1));
    },
    onAdd() {
      if (!this.data.valid || this.data.disabled) return;
      this.triggerEvent('add', { selection: this.data.selection, qty: this.data.qty });
    },
    onVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.triggerEvent('close');
    },
  },
});
