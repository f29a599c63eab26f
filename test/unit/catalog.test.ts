import {
  bySortThenName,
  defaultSelection,
  describeSelection,
  isOrderable,
  lineKey,
  unitPriceFen,
  type Goods,
  type GoodsSelection,
} from '../../miniprogram/domain/catalog';
import { DomainError } from '../../miniprogram/domain/errors';

const latte: Goods = {
  _id: 'latte',
  storeId: 's1',
  categoryId: 'c1',
  name: '拿铁',
  description: '',
  images: [],
  priceFen: 2800,
  specs: [
    {
      id: 'size',
      name: '杯型',
      required: true,
      multiple: false,
      defaultOptionId: 'medium',
      options: [
        { id: 'small', name: '小杯', priceDeltaFen: -200 },
        { id: 'medium', name: '中杯', priceDeltaFen: 0 },
        { id: 'large', name: '大杯', priceDeltaFen: 300 },
      ],
    },
    {
      id: 'temp',
      name: '温度',
      required: true,
      multiple: false,
      options: [
        { id: 'iced', name: '冰', priceDeltaFen: 0 },
        { id: 'hot', name: '热', priceDeltaFen: 0 },
      ],
    },
    {
      id: 'toppings',
      name: '小料',
      required: false,
      multiple: true,
      options: [
        { id: 'cream', name: '奶油', priceDeltaFen: 300 },
        { id: 'cocoa', name: '可可粉', priceDeltaFen: 100 },
      ],
    },
  ],
  addOns: [
    { id: 'shot', name: '浓缩加一份', priceFen: 400 },
    { id: 'oat', name: '换燕麦奶', priceFen: 500 },
  ],
  stock: null,
  onShelf: true,
  soldOut: false,
  featured: false,
  sort: 1,
};

const plain: Goods = {
  ...latte,
  _id: 'croissant',
  name: '可颂',
  priceFen: 1600,
  specs: [],
  addOns: [],
};

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('unitPriceFen', () => {
  it('prices goods without options', () => {
    expect(unitPriceFen(plain)).toBe(1600);
    expect(unitPriceFen(plain, {})).toBe(1600);
  });

  it.each<[GoodsSelection, number]>([
    [{ specs: { size: ['medium'], temp: ['hot'] } }, 2800],
    [{ specs: { size: ['large'], temp: ['iced'] } }, 3100],
    [{ specs: { size: ['small'], temp: ['iced'] } }, 2600],
    [{ specs: { size: ['large'], temp: ['iced'], toppings: ['cream', 'cocoa'] } }, 3500],
    [{ specs: { size: ['large'], temp: ['iced'], toppings: [] }, addOns: ['shot'] }, 3500],
    [{ specs: { size: ['large'], temp: ['hot'] }, addOns: ['oat', 'shot'] }, 4000],
  ])('prices %j at %i fen', (selection, fen) => {
    expect(unitPriceFen(latte, selection)).toBe(fen);
  });

  it.each<[string, GoodsSelection, RegExp]>([
    ['a missing required group', { specs: { size: ['large'] } }, /请选择「温度」/],
    [
      'two options in a single-choice group',
      { specs: { size: ['large', 'small'], temp: ['hot'] } },
      /只能选一项/,
    ],
    [
      'an unknown group',
      { specs: { size: ['large'], temp: ['hot'], milk: ['oat'] } },
      /没有规格 "milk"/,
    ],
    ['an unknown option', { specs: { size: ['venti'], temp: ['hot'] } }, /没有选项 "venti"/],
    [
      'a repeated option',
      { specs: { size: ['large'], temp: ['hot'], toppings: ['cream', 'cream'] } },
      /重复/,
    ],
    [
      'an unknown add-on',
      { specs: { size: ['large'], temp: ['hot'] }, addOns: ['gold'] },
      /没有加料 "gold"/,
    ],
    [
      'a repeated add-on',
      { specs: { size: ['large'], temp: ['hot'] }, addOns: ['shot', 'shot'] },
      /重复/,
    ],
    [
      'a non-array pick',
      { specs: { size: 'large' as unknown as string[], temp: ['hot'] } },
      /格式不对/,
    ],
  ])('refuses %s with INVALID_SELECTION', (_label, selection, message) => {
    const error = errorOf(() => unitPriceFen(latte, selection));
    expect(error.code).toBe('INVALID_SELECTION');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('拿铁');
  });

  it('refuses catalog data with fractional or negative prices', () => {
    expect(errorOf(() => unitPriceFen({ ...plain, priceFen: 12.5 })).code).toBe('INVALID_AMOUNT');
    const cheap = { ...latte, priceFen: 100 };
    const selection = { specs: { size: ['small'], temp: ['hot'] } };
    expect(errorOf(() => unitPriceFen(cheap, selection)).code).toBe('INVALID_AMOUNT');
  });

  it('never depends on the order of the picks', () => {
    const a = {
      specs: { toppings: ['cocoa', 'cream'], temp: ['hot'], size: ['large'] },
      addOns: ['oat', 'shot'],
    };
    const b = {
      specs: { size: ['large'], temp: ['hot'], toppings: ['cream', 'cocoa'] },
      addOns: ['shot', 'oat'],
    };
    expect(unitPriceFen(latte, a)).toBe(unitPriceFen(latte, b));
  });
});

describe('defaultSelection', () => {
  it('uses each group’s default, else the first option of required groups', () => {
    expect(defaultSelection(latte)).toEqual({
      specs: { size: ['medium'], temp: ['iced'] },
      addOns: [],
    });
    expect(unitPriceFen(latte, defaultSelection(latte))).toBe(2800);
    expect(defaultSelection(plain)).toEqual({ specs: {}, addOns: [] });
  });
});

describe('lineKey', () => {
  it('is the same for the same choices in any order', () => {
    const a = lineKey('latte', {
      specs: { size: ['large'], toppings: ['cream', 'cocoa'] },
      addOns: ['shot', 'oat'],
    });
    const b = lineKey('latte', {
      specs: { toppings: ['cocoa', 'cream'], size: ['large'] },
      addOns: ['oat', 'shot'],
    });
    expect(a).toBe(b);
    expect(a).toBe('latte|size=large;toppings=cocoa,cream|oat,shot');
  });

  it('ignores empty groups and treats no selection as empty', () => {
    expect(lineKey('latte', { specs: { toppings: [] }, addOns: [] })).toBe(lineKey('latte'));
    expect(lineKey('latte')).toBe('latte||');
  });

  it('differs when goods or choices differ', () => {
    const keys = new Set([
      lineKey('latte'),
      lineKey('mocha'),
      lineKey('latte', { specs: { size: ['large'] } }),
      lineKey('latte', { specs: { size: ['medium'] } }),
      lineKey('latte', { addOns: ['shot'] }),
      lineKey('latte', { specs: { size: ['large'] }, addOns: ['shot'] }),
    ]);
    expect(keys.size).toBe(6);
  });

  it('does not mutate the selection it is given', () => {
    const selection = { specs: { toppings: ['cream', 'cocoa'] }, addOns: ['shot', 'oat'] };
    lineKey('latte', selection);
    expect(selection).toEqual({ specs: { toppings: ['cream', 'cocoa'] }, addOns: ['shot', 'oat'] });
  });
});

describe('describeSelection', () => {
  it('lists option names in group order, then add-ons', () => {
    const selection = { specs: { temp: ['iced'], size: ['large'] }, addOns: ['oat'] };
    expect(describeSelection(latte, selection)).toBe('大杯 / 冰 + 换燕麦奶');
    expect(describeSelection(latte, { specs: { size: ['large'] } })).toBe('大杯');
    expect(describeSelection(latte, { addOns: ['shot', 'ghost'] })).toBe('+ 浓缩加一份');
    expect(describeSelection(plain)).toBe('');
  });
});

describe('isOrderable', () => {
  it.each([
    [{ onShelf: true, soldOut: false, stock: null }, true],
    [{ onShelf: true, soldOut: false, stock: 3 }, true],
    [{ onShelf: true, soldOut: false, stock: 0 }, false],
    [{ onShelf: true, soldOut: true, stock: null }, false],
    [{ onShelf: false, soldOut: false, stock: null }, false],
  ])('%j → %p', (goods, orderable) => expect(isOrderable(goods)).toBe(orderable));
});

describe('bySortThenName', () => {
  it('orders by sort, then by name', () => {
    const items = [
      { sort: 2, name: 'b' },
      { sort: 1, name: 'z' },
      { sort: 2, name: 'a' },
      { sort: 2, name: 'a' },
    ];
    expect([...items].sort(bySortThenName).map((item) => `${item.sort}${item.name}`)).toEqual([
      '1z',
      '2a',
      '2a',
      '2b',
    ]);
  });
});
