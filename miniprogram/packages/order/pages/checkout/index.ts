// Checkout: dine-in (table from the code, editable; diners), pickup (as soon as possible or a slot
// today) or delivery (address on tap); remark. The flow — every choice re-asks the server's
// quote, whose total is the only one the pay button trusts; paying reuses the order this cart
// already made — lives in ../../stores/checkout; this page shows it and says why it differs.
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { DeliveryAddress, OrderMode } from '../../../../domain/order';
import { ORDER_MODE_LABELS, orderModes } from '../../../../domain/order';
import { formatDistance } from '../../../../domain/geo';
import { formatPrice, multiplyFen } from '../../../../domain/money';
import { addressText, amountsView, formatClock, lineViews } from '../../../../domain/order-display';
import { askForOrderMessages } from '../../../../services/payment';
import { pickPoint } from '../../../../services/location';
import { openTab } from '../../../../services/navigation';
import { cart, catalog, startSession } from '../../../../stores/index';
import { checkout } from '../../stores/checkout';

const TEXT = {
  mode: '用餐方式',
  table: '桌号',
  tablePlaceholder: '请输入桌号',
  diners: '用餐人数',
  pickupTime: '取餐时间',
  asap: '尽快取餐',
  address: '收货地址',
  chooseAddress: '选择收货地址',
  locationNeeded: '请在地图上选好送达位置，用来计算配送距离',
  remark: '备注',
  remarkPlaceholder: '口味、忌口等要求（选填）',
  items: '商品金额',
  packaging: '打包费',
  deliveryFee: '配送费',
  total: '实付',
  distance: (meters: number) => `距门店 ${formatDistance(meters)}`,
  quoting: '正在计算价格…',
  differs: (cartTotal: string) => `商品价格有变动，购物车里是 ${cartTotal}：`,
  short: (amount: string) => `还差 ${amount} 起送`,
  toMenu: '去凑单',
  unavailable: (names: string[]) =>
    `${names.map((name) => `「${name}」`).join('、')}已下架或售罄，不会下单`,
  empty: '购物车是空的',
  pay: '支付',
  paying: '支付中…',
  priceChanged: '价格有变动，请确认新的金额后再支付',
};

const ADDRESS_FIELDS = [
  'userName',
  'telNumber',
  'provinceName',
  'cityName',
  'countyName',
  'detailInfo',
  'postalCode',
  'nationalCode',
] as const;

/** The cart's lines, until the server has priced them. */
function cartLines() {
  return cart.orderableLines.map((line) => ({
    key: line.key,
    name: line.name,
    description: line.selectionText,
    qty: line.qty,
    lineTotal: formatPrice(multiplyFen(line.unitPriceFen, line.qty)),
  }));
}

function amounts() {
  if (checkout.quote) return amountsView(checkout.quote.amounts);
  if (!checkout.short) return null;
  const items = formatPrice(checkout.short.itemsFen);
  return { items, packaging: '', delivery: '', total: items };
}

function errorText(): string {
  if (checkout.locationMissing) return TEXT.locationNeeded;
  const problem = checkout.problem;
  if (!problem) return '';
  return problem.kind === 'empty' ? TEXT.empty : problem.message;
}

ComponentWithStore({
  data: { text: TEXT },
  storeBindings: {
    store: checkout,
    structuralComparison: true,
    fields: {
      ready: () => checkout.ready,
      storeName: () => catalog.store?.name ?? '',
      mode: () => checkout.choices.mode,
      modes: () =>
        orderModes(catalog.store).map((value) => ({
          value,
          label: ORDER_MODE_LABELS[value],
          active: value === checkout.choices.mode,
        })),
      tableNo: () => checkout.choices.tableNo,
      diners: () => checkout.choices.diners,
      slotLabels: () => [
        TEXT.asap,
        ...checkout.slots.map((at) => formatClock(at, catalog.store?.timeZone)),
      ],
      slotIndex: () => checkout.slotIndex,
      address: () => (checkout.choices.address ? addressText(checkout.choices.address) : ''),
      lines: () => (checkout.pricedLines ? lineViews(checkout.pricedLines) : cartLines()),
      unavailableNote: () =>
        checkout.unavailableNames.length ? TEXT.unavailable(checkout.unavailableNames) : '',
      quoting: () => checkout.quoting,
      missing: () => checkout.missing,
      errorText,
      amounts,
      distance: () =>
        checkout.quote?.distanceMeters == null ? '' : TEXT.distance(checkout.quote.distanceMeters),
      reasons: () => checkout.differs?.reasons ?? [],
      differsText: () =>
        checkout.differs ? TEXT.differs(formatPrice(checkout.differs.cartTotalFen)) : '',
      /** Under the delivery minimum: "还差 ¥12.00 起送" */
      short: () => (checkout.short ? TEXT.short(formatPrice(checkout.short.missingFen)) : ''),
      canPay: () => checkout.canPay,
      paying: () => checkout.paying,
    },
    actions: {},
  },
  lifetimes: {
    attached() {
      startSession();
      void checkout.open();
    },
  },
  methods: {
    onBackToMenu() {
      openTab('menu');
    },
    onModeTap(event: WechatMiniprogram.TouchEvent<object, object, { mode: OrderMode }>) {
      checkout.chooseMode(event.currentTarget.dataset.mode);
    },
    onTableChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      checkout.typeTable(String(event.detail.value ?? ''));
    },
    onTableBlur() {
      checkout.commitTable();
    },
    onDinersChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      checkout.setDiners(Number(event.detail.value));
    },
    onSlotChange(event: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      checkout.chooseSlot(Number(event.detail.value) || 0);
    },
    /**
     * Asks for the address only now, on the customer's tap. The address book gives name, phone
     * and address text but no coordinates; the distance (fee and range) comes from the doorstep
     * the customer then pins on the map — not from where the phone is, which is often somewhere
     * else (ordering home from the office).
     */
    onChooseAddress() {
      wx.chooseAddress({
        success: (picked) => {
          void pickPoint(catalog.store?.location).then((location) => {
            if (!location) {
              checkout.setAddress(null);
              return;
            }
            const address = { location } as DeliveryAddress;
            const source = picked as unknown as Record<string, unknown>;
            for (const field of ADDRESS_FIELDS) {
              const value = source[field];
              if (typeof value === 'string' && value) address[field] = value;
            }
            checkout.setAddress(address);
          });
        },
      });
    },
    onRemarkChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      checkout.setRemark(String(event.detail.value ?? ''));
    },
    /** One tap: subscribe permissions first (WeChat allows them only here), then create and pay. */
    onPay() {
      if (!checkout.canPay || checkout.paying) return;
      void checkout.pay(askForOrderMessages()).then((end) => {
        if (end && 'go' in end) wx.redirectTo({ url: end.go });
        else if (end) wx.showToast({ title: TEXT.priceChanged, icon: 'none' });
      });
    },
  },
});
