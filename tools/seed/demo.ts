// The demo store the local cloud loads into an empty database (`npm start`, `npm run cloud:reset`).
// Plain documents per collection, so the same data can seed a real environment too.
//
// A two-store café chain in Shanghai. The clock-independent facts tests rely on:
// - 徐家汇店 (xujiahui) is the default store and open 00:00–24:00 every day;
// - 静安寺店 (jingan) keeps ordinary hours, so it is closed at 03:00 Shanghai time on any day;
// - in each store 提拉米苏 is sold out and 冷萃咖啡 is off the shelf.
// Images are storage file ids under cloud://demo/ — nothing binary lives in the repo.

import type {
  AddOn,
  Category,
  Goods,
  SpecGroup,
  Store,
  Table,
} from '../../miniprogram/domain/catalog';
import { buildTableScene } from '../../miniprogram/domain/entry';
import type { TimeRange, WeeklyHours } from '../../miniprogram/domain/hours';

export type SeedData = Record<string, Array<Record<string, unknown>>>;

const IMAGE_ROOT = 'cloud://demo';

function everyDay(...ranges: TimeRange[]): WeeklyHours {
  return Array.from({ length: 7 }, () => ranges.map((range) => ({ ...range })));
}

const weekdaysAndWeekend = (weekday: TimeRange[], weekend: TimeRange[]): WeeklyHours => [
  weekend, // Sunday
  weekday,
  weekday,
  weekday,
  weekday,
  weekday,
  weekend, // Saturday
];

export const DEMO_STORES: Store[] = [
  {
    _id: 'xujiahui',
    name: '栖木咖啡 · 徐家汇店',
    logo: `${IMAGE_ROOT}/brand/logo.png`,
    cover: `${IMAGE_ROOT}/brand/xujiahui.png`,
    address: '上海市徐汇区漕溪北路 88 号圣爱广场 1 层 104 室',
    phone: '021-64281234',
    notice: '24 小时营业。扫桌上二维码点单，做好后送到桌边。',
    location: { type: 'Point', coordinates: [121.43752, 31.19553] },
    timeZone: 'Asia/Shanghai',
    hours: everyDay({ open: '00:00', close: '24:00' }),
    statusOverride: null,
    isDefault: true,
    sort: 1,
    catalogVersion: 1,
    delivery: { radiusMeters: 3000, feeFen: 500, minOrderFen: 3000 },
    packagingFeeFen: 100,
  },
  {
    _id: 'jingan',
    name: '栖木咖啡 · 静安寺店',
    logo: `${IMAGE_ROOT}/brand/logo.png`,
    cover: `${IMAGE_ROOT}/brand/jingan.png`,
    address: '上海市静安区南京西路 1788 号国际会所 1 层',
    phone: '021-62885678',
    notice: '周末 10 点开门。外带自取请提前下单，到店报取餐号。',
    location: { type: 'Point', coordinates: [121.44521, 31.22347] },
    timeZone: 'Asia/Shanghai',
    hours: weekdaysAndWeekend(
      [{ open: '07:30', close: '21:00' }],
      [
        { open: '10:00', close: '14:00' },
        { open: '16:00', close: '22:00' },
      ],
    ),
    statusOverride: null,
    isDefault: false,
    sort: 2,
    catalogVersion: 1,
    // 静安寺店 does not deliver: pickup and dine-in only.
    delivery: null,
    packagingFeeFen: 100,
  },
];

// ---- specs and add-ons shared by the menu ----

const size: SpecGroup = {
  id: 'size',
  name: '杯型',
  required: true,
  multiple: false,
  defaultOptionId: 'medium',
  options: [
    { id: 'medium', name: '中杯', priceDeltaFen: 0 },
    { id: 'large', name: '大杯', priceDeltaFen: 300 },
    { id: 'xlarge', name: '超大杯', priceDeltaFen: 500 },
  ],
};

const sweetness: SpecGroup = {
  id: 'sugar',
  name: '甜度',
  required: true,
  multiple: false,
  defaultOptionId: 'standard',
  options: [
    { id: 'standard', name: '标准糖', priceDeltaFen: 0 },
    { id: 'less', name: '少糖', priceDeltaFen: 0 },
    { id: 'half', name: '半糖', priceDeltaFen: 0 },
    { id: 'none', name: '不另外加糖', priceDeltaFen: 0 },
  ],
};

const temperature: SpecGroup = {
  id: 'temp',
  name: '温度',
  required: true,
  multiple: false,
  defaultOptionId: 'iced',
  options: [
    { id: 'iced', name: '冰', priceDeltaFen: 0 },
    { id: 'less_ice', name: '少冰', priceDeltaFen: 0 },
    { id: 'no_ice', name: '去冰', priceDeltaFen: 0 },
    { id: 'hot', name: '热', priceDeltaFen: 0 },
  ],
};

const coldOnly: SpecGroup = {
  ...temperature,
  options: temperature.options.filter((option) => option.id !== 'hot'),
};

const warmUp: SpecGroup = {
  id: 'warm',
  name: '加热',
  required: false,
  multiple: false,
  options: [{ id: 'warm', name: '加热', priceDeltaFen: 0 }],
};

const extraShot: AddOn = { id: 'shot', name: '浓缩加一份', priceFen: 400 };
const oatMilk: AddOn = { id: 'oat', name: '换燕麦奶', priceFen: 500 };
const vanilla: AddOn = { id: 'vanilla', name: '香草糖浆', priceFen: 200 };
const cheeseFoam: AddOn = { id: 'foam', name: '芝士奶盖', priceFen: 600 };
const coconutJelly: AddOn = { id: 'jelly', name: '椰果', priceFen: 200 };

// ---- the menu, the same in every store of the chain ----

interface MenuItem {
  key: string;
  name: string;
  priceFen: number;
  description: string;
  specs?: SpecGroup[];
  addOns?: AddOn[];
  stock?: number | null;
  onShelf?: boolean;
  soldOut?: boolean;
  featured?: boolean;
}

interface MenuSection {
  key: string;
  name: string;
  items: MenuItem[];
}

const latteSpecs = [size, sweetness, temperature];
const latteAddOns = [extraShot, oatMilk, vanilla];

const MENU: MenuSection[] = [
  {
    key: 'seasonal',
    name: '当季特调',
    items: [
      {
        key: 'osmanthus_latte',
        name: '桂花拿铁',
        priceFen: 3000,
        description: '金桂糖浆与浓缩、鲜奶，秋天的香气。',
        specs: latteSpecs,
        addOns: latteAddOns,
        featured: true,
      },
      {
        key: 'yuzu_americano',
        name: '柚子美式',
        priceFen: 2800,
        description: '韩国柚子酱配冷萃基底，清爽微酸。',
        specs: [size, coldOnly],
        featured: true,
      },
      {
        key: 'orange_americano',
        name: '橙C美式',
        priceFen: 2800,
        description: '现榨橙汁与美式分层，维C满满。',
        specs: [size, coldOnly],
      },
      {
        key: 'dirty',
        name: '脏脏拿铁',
        priceFen: 3200,
        description: '冰牛奶上直接萃取热浓缩，趁分层喝。',
        specs: [sweetness],
      },
    ],
  },
  {
    key: 'coffee',
    name: '经典咖啡',
    items: [
      {
        key: 'americano',
        name: '美式咖啡',
        priceFen: 2200,
        description: '两份浓缩加水，拼配豆带坚果与可可风味。',
        specs: [size, temperature],
        addOns: [extraShot],
        featured: true,
      },
      {
        key: 'espresso',
        name: '意式浓缩',
        priceFen: 1800,
        description: '18 克粉，萃取 36 克，25 秒。',
      },
      {
        key: 'flat_white',
        name: '澳白',
        priceFen: 2800,
        description: '更多浓缩、更薄奶沫的澳式白咖啡。',
        specs: [temperature],
        addOns: [oatMilk],
      },
      {
        key: 'pour_over',
        name: '手冲 · 耶加雪菲',
        priceFen: 3800,
        description: '埃塞俄比亚水洗，柑橘与茉莉花香。',
        specs: [{ ...temperature, defaultOptionId: 'hot' }],
      },
      {
        key: 'cold_brew',
        name: '冷萃咖啡',
        priceFen: 2800,
        description: '12 小时低温萃取。冬季暂停供应。',
        specs: [size, coldOnly],
        onShelf: false,
      },
    ],
  },
  {
    key: 'latte',
    name: '拿铁家族',
    items: [
      {
        key: 'latte',
        name: '拿铁',
        priceFen: 2800,
        description: '浓缩与蒸汽鲜奶，经典比例。',
        specs: latteSpecs,
        addOns: latteAddOns,
        featured: true,
      },
      {
        key: 'oat_latte',
        name: '燕麦拿铁',
        priceFen: 3200,
        description: '燕麦奶替代牛奶，乳糖不耐友好。',
        specs: latteSpecs,
        addOns: [extraShot, vanilla],
      },
      {
        key: 'coconut_latte',
        name: '生椰拿铁',
        priceFen: 3000,
        description: '厚椰乳配浓缩，冰饮更佳。',
        specs: [size, sweetness, coldOnly],
        addOns: [extraShot, coconutJelly],
      },
      {
        key: 'caramel_macchiato',
        name: '焦糖玛奇朵',
        priceFen: 3200,
        description: '香草鲜奶、浓缩与焦糖酱三层。',
        specs: latteSpecs,
        addOns: [extraShot, oatMilk],
      },
      {
        key: 'mocha',
        name: '摩卡',
        priceFen: 3200,
        description: '比利时黑巧克力酱与浓缩、鲜奶。',
        specs: latteSpecs,
        addOns: [extraShot, oatMilk],
      },
    ],
  },
  {
    key: 'tea',
    name: '茶饮',
    items: [
      {
        key: 'matcha_latte',
        name: '抹茶拿铁',
        priceFen: 2800,
        description: '宇治抹茶现刷，不含咖啡因。',
        specs: [size, sweetness, temperature],
        addOns: [oatMilk, cheeseFoam],
      },
      {
        key: 'earl_grey_latte',
        name: '伯爵红茶拿铁',
        priceFen: 2600,
        description: '佛手柑香气的伯爵茶配鲜奶。',
        specs: [size, sweetness, temperature],
        addOns: [cheeseFoam],
      },
      {
        key: 'jasmine_tea',
        name: '茉莉绿茶',
        priceFen: 2000,
        description: '福州茉莉花茶冷泡。',
        specs: [size, sweetness, coldOnly],
      },
      {
        key: 'peach_oolong',
        name: '白桃乌龙',
        priceFen: 2400,
        description: '白桃果肉与炭焙乌龙。',
        specs: [size, sweetness, coldOnly],
        addOns: [cheeseFoam, coconutJelly],
      },
    ],
  },
  {
    key: 'juice',
    name: '果汁气泡',
    items: [
      {
        key: 'orange_juice',
        name: '鲜榨橙汁',
        priceFen: 2600,
        description: '赣南脐橙现榨，不加水不加糖。',
        specs: [coldOnly],
      },
      {
        key: 'lemon_soda',
        name: '柠檬气泡水',
        priceFen: 1800,
        description: '香水柠檬与苏打水。',
        specs: [sweetness],
      },
      {
        key: 'grapefruit_soda',
        name: '西柚气泡',
        priceFen: 2200,
        description: '红西柚果肉与气泡水。',
        specs: [sweetness],
      },
    ],
  },
  {
    key: 'food',
    name: '轻食甜点',
    items: [
      {
        key: 'croissant',
        name: '牛角可颂',
        priceFen: 1600,
        description: '法国发酵黄油，每日现烤 12 个。',
        specs: [warmUp],
        stock: 12,
        featured: true,
      },
      {
        key: 'basque',
        name: '巴斯克芝士蛋糕',
        priceFen: 2800,
        description: '焦香外皮，流心内里。',
        stock: 8,
      },
      {
        key: 'tiramisu',
        name: '提拉米苏',
        priceFen: 3200,
        description: '马斯卡彭与浓缩浸润的手指饼干。',
        soldOut: true,
      },
      {
        key: 'sandwich',
        name: '火腿芝士三明治',
        priceFen: 2600,
        description: '全麦吐司、黑森林火腿与切达芝士。',
        specs: [warmUp],
      },
      {
        key: 'caesar_salad',
        name: '鸡肉凯撒沙拉',
        priceFen: 3800,
        description: '低温慢煮鸡胸、罗马生菜与帕玛森芝士。',
      },
    ],
  },
  {
    key: 'beans',
    name: '咖啡豆周边',
    items: [
      {
        key: 'house_blend',
        name: '栖木拼配咖啡豆 250g',
        priceFen: 8800,
        description: '巴西与哥伦比亚拼配，适合意式与手冲。',
        stock: 20,
      },
      {
        key: 'drip_bags',
        name: '挂耳咖啡 10 片装',
        priceFen: 5900,
        description: '三种单品各若干，办公室常备。',
        stock: 30,
      },
      {
        key: 'tumbler',
        name: '栖木随行杯 400ml',
        priceFen: 12800,
        description: '双层不锈钢，保温 6 小时。',
        stock: 5,
      },
    ],
  },
];

function categoriesOf(store: Store): Category[] {
  return MENU.map((section, index) => ({
    _id: `${store._id}-${section.key}`,
    storeId: store._id,
    name: section.name,
    sort: (index + 1) * 10,
  }));
}

function goodsOf(store: Store): Goods[] {
  return MENU.flatMap((section) =>
    section.items.map((item, index) => ({
      _id: `${store._id}-${item.key}`,
      storeId: store._id,
      categoryId: `${store._id}-${section.key}`,
      name: item.name,
      description: item.description,
      images: [`${IMAGE_ROOT}/goods/${item.key}.jpg`],
      priceFen: item.priceFen,
      specs: item.specs ?? [],
      addOns: item.addOns ?? [],
      stock: item.stock ?? null,
      onShelf: item.onShelf ?? true,
      soldOut: item.soldOut ?? false,
      featured: item.featured ?? false,
      sort: (index + 1) * 10,
    })),
  );
}

const TABLE_NUMBERS: Record<string, string[]> = {
  xujiahui: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'B1', 'B2', 'B3', 'B4'],
  jingan: ['1', '2', '3', '4', '5', '6'],
};

function tablesOf(store: Store): Table[] {
  return (TABLE_NUMBERS[store._id] ?? []).map((tableNo) => ({
    _id: `${store._id}-table-${tableNo}`,
    storeId: store._id,
    tableNo,
    name: `${tableNo} 号桌`,
    seats: tableNo.startsWith('B') ? 4 : 2,
    scene: buildTableScene(store._id, tableNo),
  }));
}

function documents<T extends object>(records: T[]): Array<Record<string, unknown>> {
  return records.map((record) => ({ ...record }) as Record<string, unknown>);
}

export const demoData: SeedData = {
  stores: documents(DEMO_STORES),
  categories: documents(DEMO_STORES.flatMap(categoriesOf)),
  goods: documents(DEMO_STORES.flatMap(goodsOf)),
  tables: documents(DEMO_STORES.flatMap(tablesOf)),
};
