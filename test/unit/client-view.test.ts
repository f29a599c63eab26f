// Pure client helpers: the spec picker's choice rules, the menu's
// section offsets and the launch handling of the session.
import type { SpecGroup } from '../../miniprogram/domain/catalog';
import {
  firstMissingGroup,
  groupHint,
  toggleAddOn,
  toggleOption,
} from '../../miniprogram/packages/order/components/spec-picker/selection';
import { sectionAt, sectionTops } from '../../miniprogram/pages/menu/layout';

describe('spec picker choices', () => {
  const size: SpecGroup = {
    id: 'size',
    name: '杯型',
    required: true,
    multiple: false,
    options: [
      { id: 'm', name: '中杯', priceDeltaFen: 0 },
      { id: 'l', name: '大杯', priceDeltaFen: 300 },
    ],
  };
  const toppings: SpecGroup = { ...size, id: 'top', required: false, multiple: true };
  const warm: SpecGroup = { ...size, id: 'warm', required: false };

  it('switches a single choice and never empties a required one', () => {
    const medium = { specs: { size: ['m'] } };
    expect(toggleOption(medium, size, 'l').specs).toEqual({ size: ['l'] });
    expect(toggleOption(medium, size, 'm').specs).toEqual({ size: ['m'] });
  });

  it('lets an optional single choice be cleared and toggles multiple choices', () => {
    expect(toggleOption({ specs: { warm: ['m'] } }, warm, 'm').specs).toEqual({});
    const one = toggleOption({}, toppings, 'm');
    expect(toggleOption(one, toppings, 'l').specs).toEqual({ top: ['m', 'l'] });
    expect(toggleAddOn(toggleAddOn({}, 'oat'), 'oat').addOns).toEqual([]);
  });
});

describe('menu section offsets', () => {
  it('puts each category after the previous one’s title and cards', () => {
    // 750 px wide: 1 rpx = 1 px. Title 72, cards 200 each.
    const tops = sectionTops(
      [
        { id: 'a', goodsCount: 2 },
        { id: 'b', goodsCount: 1 },
        { id: 'c', goodsCount: 3 },
      ],
      750,
    );
    expect(tops).toEqual([0, 472, 744]);
    expect(sectionAt(tops, 0)).toBe(0);
    expect(sectionAt(tops, 471)).toBe(0);
    expect(sectionAt(tops, 471.6)).toBe(1);
    expect(sectionAt(tops, 5000)).toBe(2);
  });
});

describe('spec groups the customer must still choose in', () => {
  const toppings: SpecGroup = {
    id: 'toppings',
    name: '小料',
    required: true,
    multiple: true,
    options: [
      { id: 'pearl', name: '珍珠', priceDeltaFen: 0 },
      { id: 'pudding', name: '布丁', priceDeltaFen: 200 },
    ],
  };

  it('says a group is both required and multiple, and names it until something is chosen', () => {
    expect(groupHint(toppings)).toBe('必选 · 可多选');
    expect(groupHint({ ...toppings, required: false })).toBe('可多选');
    expect(firstMissingGroup([toppings], {})?.name).toBe('小料');
    expect(firstMissingGroup([toppings], { specs: { toppings: ['pearl'] } })).toBeUndefined();
  });
});
