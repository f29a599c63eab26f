// Checkout: dine-in (table from the code, editable; diners), pickup (as soon as possible or a slot
// today) or delivery (address on tap); remark. Every choice re-asks the server's quote, whose
// total is the only one the pay button trusts; when it differs from the cart's, the page says
// why. Paying: subscribe permissions (inside the tap), order.create, then services/payment.
// The same cart with the same choices pays the order it already made, while that order can still
// be paid at the quoted total, rather than holding the stock for a second one.
import { addressLine, addresseeLine } from '../../../../domain/order-display';
import type { OrderCreateRequest, OrderView, StoreView } from '../../../../domain/api';
import type { DeliveryAddress, OrderMode, Quote } from '../../../../domain/order';
import { ORDER_MODE_LABELS, orderModes } from '../../../../domain/order';
import { formatDistance } from '../../../../domain/geo';
import { formatPrice, multiplyFen } from '../../../../domain/money';
import { formatClock } from '../../../../pages/shared/order-format';
import { ApiError, errorMessage } from '../../../../services/api';
import { createOrder, quoteOrder, syncOrder } from '../../../../services/orders';
import { askForOrderMessages, payOrder } from '../../../../services/payment';
import { isBlocking, PAID_STATUSES } from '../../../../stores/cart';
import { cart, catalog, refreshCatalog, session, startSession } from '../../../../stores/index';
import {
  buildDraft,
  explainQuote,
  pickupSlotsToday,
  type CheckoutChoices,
} from '../../checkout-model';
import { pickPoint } from '../../../../services/location';
import { resultUrl } from '../../result-url';

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

/** Codes of a quote or create refused because the menu changed under the cart. */
const MENU_CHANGED = ['SOLD_OUT', 'NOT_FOUND'];
/** A remembered order is paid again only with this much time left (order.pay wants ≥ 65 s). */
const REPAY_MIN_LEFT_MS = 2 * 60_000;
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

interface PageState {
  choices: CheckoutChoices;
  remark: string;
  quote: Quote | null;
  quoteSeq: number;
  slots: number[];
}

const states = new WeakMap<object, PageState>();

function stateOf(page: object): PageState {
  let state = states.get(page);
  if (!state) {
    state = {
      choices: { mode: 'pickup', tableNo: '', diners: 1, pickupAt: 0, address: null },
      remark: '',
      quote: null,
      quoteSeq: 0,
      slots: [],
    };
    states.set(page, state);
  }
  return state;
}

function modeOptions(store: StoreView | null, mode: OrderMode) {
  return orderModes(store).map((value) => ({
    value,
    label: ORDER_MODE_LABELS[value],
    active: value === mode,
  }));
}

function cartLinesView() {
  return cart.orderableLines.map((line) => ({
    key: line.key,
    name: line.name,
    description: line.selectionText,
    qty: line.qty,
    lineTotal: formatPrice(multiplyFen(line.unitPriceFen, line.qty)),
  }));
}

function quoteLinesView(quote: Quote) {
  return quote.lines.map((line, index) => ({
    key: `${line.goodsId}-${index}`,
    name: line.name,
    description: line.description,
    qty: line.qty,
    lineTotal: formatPrice(line.lineTotalFen),
  }));
}

/** Names of the cart lines that will not be ordered, for the note under the lines. */
function unavailableNote(): string {
  const names = cart.lines.filter((line) => isBlocking(line.issue)).map((line) => line.name);
  return names.length ? TEXT.unavailable([...new Set(names)]) : '';
}

/** The cart's order for exactly `request` if it is paid, or payable at `totalFen`; else null. */
async function madeOrder(request: string, totalFen: number): Promise<OrderView | null> {
  const made = cart.orderFor(request);
  if (!made) return null;
  let order: OrderView;
  try {
    order = await syncOrder(made.orderId); // a payment WeChat has but we missed counts too
  } catch {
    return null;
  }
  if (PAID_STATUSES.includes(order.status)) return order;
  const payable =
    order.actions.includes('pay') &&
    order.amounts.totalFen === totalFen &&
    order.expiresAt - Date.now() >= REPAY_MIN_LEFT_MS;
  return payable ? order : null;
}

function addressText(address: DeliveryAddress | null): string {
  return address ? `${addresseeLine(address)}\n${addressLine(address)}` : '';
}

Component({
  data: {
    text: TEXT,
    ready: false,
    storeName: '',
    modes: [] as ReturnType<typeof modeOptions>,
    mode: 'pickup' as OrderMode,
    tableNo: '',
    diners: 1,
    slotLabels: [TEXT.asap] as string[],
    slotIndex: 0,
    address: '',
    lines: [] as ReturnType<typeof cartLinesView>,
    unavailableNote: '',
    quoting: false,
    missing: '',
    errorText: '',
    amounts: null as null | { items: string; packaging: string; delivery: string; total: string },
    distance: '',
    reasons: [] as string[],
    differsText: '',
    /** Under the delivery minimum: "还差 ¥12.00 起送" */
    short: '',
    canPay: false,
    paying: false,
  },
  lifetimes: {
    attached() {
      startSession();
      void refreshCatalog().then(() => this.init());
    },
    detached() {
      states.delete(this);
    },
  },
  methods: {
    init() {
      const state = stateOf(this);
      const store = catalog.store;
      const mode = session.mode; // as chosen on the menu, or dine-in at a scanned table
      state.choices.mode = mode;
      state.choices.tableNo = session.tableNo;
      state.slots = store ? pickupSlotsToday(store, new Date()) : [];
      this.setData({
        ready: true,
        storeName: store?.name ?? '',
        modes: modeOptions(store, mode),
        mode,
        tableNo: session.tableNo,
        slotLabels: [TEXT.asap, ...state.slots.map((at) => formatClock(at, store?.timeZone))],
        lines: cartLinesView(),
        unavailableNote: unavailableNote(),
      });
      void this.requote();
    },

    /**
     * The server found goods gone or sold out: refresh the menu so the cart flags them, then
     * quote the rest. When nothing new is flagged (e.g. stock short of the quantity), the
     * server's message, which names the item, stays.
     */
    async menuChanged() {
      const before = unavailableNote();
      await refreshCatalog(true);
      const note = unavailableNote();
      if (note === before) return;
      this.setData({ lines: cartLinesView(), unavailableNote: note });
      void this.requote();
    },

    /** Asks the server's price for the current choices; older answers are dropped. */
    async requote() {
      const state = stateOf(this);
      const seq = ++state.quoteSeq;
      state.quote = null;
      const lines = cart.orderableLines;
      if (!catalog.storeId || lines.length === 0) {
        this.setData({ canPay: false, quoting: false, errorText: TEXT.empty, amounts: null });
        return;
      }
      const built = buildDraft(catalog.storeId, lines, state.choices);
      if ('missing' in built) {
        this.setData({
          canPay: false,
          quoting: false,
          missing: built.missing,
          errorText: '',
          amounts: null,
          reasons: [],
          differsText: '',
        });
        return;
      }
      this.setData({ canPay: false, quoting: true, missing: '', errorText: '', short: '' });
      const cartTotalFen = cart.totalFen;
      try {
        const { quote, priceChanged } = await quoteOrder({
          ...built.draft,
          expectedTotalFen: cartTotalFen,
        });
        if (seq !== state.quoteSeq) return;
        state.quote = quote;
        // Fees are ordinary lines; only the same items priced differently is news.
        const reasons = priceChanged ? explainQuote(lines, quote, cartTotalFen) : [];
        this.setData({
          quoting: false,
          lines: quoteLinesView(quote),
          amounts: {
            items: formatPrice(quote.amounts.itemsFen),
            packaging: quote.amounts.packagingFeeFen
              ? formatPrice(quote.amounts.packagingFeeFen)
              : '',
            delivery: quote.amounts.deliveryFeeFen ? formatPrice(quote.amounts.deliveryFeeFen) : '',
            total: formatPrice(quote.amounts.totalFen),
          },
          distance: quote.distanceMeters === null ? '' : TEXT.distance(quote.distanceMeters),
          reasons,
          differsText: reasons.length ? TEXT.differs(formatPrice(cartTotalFen)) : '',
          canPay: true,
        });
      } catch (err) {
        if (seq !== state.quoteSeq) return;
        const minimum = catalog.store?.delivery?.minOrderFen ?? 0;
        if (
          err instanceof ApiError &&
          err.code === 'BELOW_MINIMUM_ORDER' &&
          minimum > cartTotalFen
        ) {
          // The items' total still shows, with what is missing and the way back to the menu.
          const items = formatPrice(cartTotalFen);
          this.setData({
            quoting: false,
            canPay: false,
            amounts: { items, packaging: '', delivery: '', total: items },
            reasons: [],
            differsText: '',
            short: TEXT.short(formatPrice(minimum - cartTotalFen)),
          });
          return;
        }
        this.setData({
          quoting: false,
          canPay: false,
          amounts: null,
          reasons: [],
          differsText: '',
          errorText: errorMessage(err),
        });
        if (err instanceof ApiError && MENU_CHANGED.includes(err.code)) void this.menuChanged();
      }
    },

    onBackToMenu() {
      wx.switchTab({ url: '/pages/menu/index' });
    },
    onModeTap(event: WechatMiniprogram.TouchEvent<object, object, { mode: OrderMode }>) {
      const mode = event.currentTarget.dataset.mode;
      const state = stateOf(this);
      if (mode === state.choices.mode) return;
      state.choices.mode = mode;
      session.chooseMode(mode);
      this.setData({ mode, modes: modeOptions(catalog.store, mode) });
      void this.requote();
    },
    onTableChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      stateOf(this).choices.tableNo = String(event.detail.value ?? '');
    },
    onTableBlur() {
      const state = stateOf(this);
      if (state.choices.tableNo === this.data.tableNo) return;
      this.setData({ tableNo: state.choices.tableNo });
      void this.requote();
    },
    onDinersChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      stateOf(this).choices.diners = Number(event.detail.value) || 1;
      this.setData({ diners: stateOf(this).choices.diners });
    },
    onSlotChange(event: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const index = Number(event.detail.value) || 0;
      const state = stateOf(this);
      state.choices.pickupAt = index === 0 ? 0 : (state.slots[index - 1] ?? 0);
      this.setData({ slotIndex: index });
      void this.requote();
    },
    /** Asks for the address (and a position for the distance) only now, on the customer's tap. */
    /**
     * The address book gives name, phone and address text but no coordinates; the distance
     * (fee and range) comes from the doorstep the customer then pins on the map — not from
     * where the phone is, which is often somewhere else (ordering home from the office).
     */
    onChooseAddress() {
      wx.chooseAddress({
        success: (picked) => {
          void pickPoint(catalog.store?.location).then((location) => {
            if (!location) {
              this.setData({ errorText: TEXT.locationNeeded });
              return;
            }
            const address = { location } as DeliveryAddress;
            const source = picked as unknown as Record<string, unknown>;
            for (const field of ADDRESS_FIELDS) {
              const value = source[field];
              if (typeof value === 'string' && value) address[field] = value;
            }
            stateOf(this).choices.address = address;
            this.setData({ address: addressText(address) });
            void this.requote();
          });
        },
      });
    },
    onRemarkChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      stateOf(this).remark = String(event.detail.value ?? '').slice(0, 200);
    },

    /** One tap: subscribe permissions first (WeChat allows them only here), then create and pay. */
    onPay() {
      if (!this.data.canPay || this.data.paying) return;
      const asked = askForOrderMessages();
      this.setData({ paying: true });
      void this.placeAndPay(asked);
    },
    async placeAndPay(asked: Promise<void>) {
      const state = stateOf(this);
      const quote = state.quote;
      const lines = cart.orderableLines.map(({ key, qty }) => ({ key, qty }));
      const built = buildDraft(catalog.storeId, cart.orderableLines, state.choices);
      await asked;
      if (!quote || 'missing' in built) {
        this.setData({ paying: false });
        return;
      }
      const request: OrderCreateRequest = {
        ...built.draft,
        ...(state.remark.trim() ? { remark: state.remark.trim() } : {}),
      };
      const requestKey = JSON.stringify(request);
      let order = await madeOrder(requestKey, quote.amounts.totalFen);
      if (order && order.status !== 'pending_payment') {
        // Paid meanwhile (its lines just left the cart): show that instead of ordering again.
        this.setData({ paying: false });
        wx.redirectTo({ url: resultUrl(order._id, { outcome: 'paid', message: '' }) });
        return;
      }
      if (!order) {
        try {
          order = await createOrder({
            ...request,
            entry: { source: session.source, scene: session.scene },
            expectedTotalFen: quote.amounts.totalFen,
          });
        } catch (err) {
          this.setData({ paying: false });
          if (err instanceof ApiError && err.code === 'PRICE_CHANGED') {
            wx.showToast({ title: TEXT.priceChanged, icon: 'none' });
            void this.requote();
            return;
          }
          this.setData({ canPay: false, errorText: errorMessage(err) });
          if (err instanceof ApiError && MENU_CHANGED.includes(err.code)) void this.menuChanged();
          return;
        }
        cart.rememberOrder(order, lines, requestKey);
      }
      const result = await payOrder(order);
      this.setData({ paying: false });
      wx.redirectTo({ url: resultUrl(order._id, result) });
    },
  },
});
