// Every page's path, and its query: a builder for the caller and a parser for the page, side by
// side, so a page and the links to it cannot drift apart. No other file spells a page path.
// Paths have no leading "/" (WeChat's page fields — template messages, QR codes, OA menus —
// refuse one); `url()` adds it for wx.navigateTo and friends.

export const PAGES = {
  home: 'pages/home/index',
  menu: 'pages/menu/index',
  orders: 'pages/orders/index',
  me: 'pages/me/index',
  cart: 'packages/order/pages/cart/index',
  checkout: 'packages/order/pages/checkout/index',
  result: 'packages/order/pages/result/index',
  orderDetail: 'packages/order/pages/detail/index',
  table: 'packages/order/pages/table/index',
  article: 'packages/oa/pages/article/index',
  staffBoard: 'packages/staff/pages/board/index',
  staffGoods: 'packages/staff/pages/goods/index',
  staffStore: 'packages/staff/pages/store/index',
  staffTables: 'packages/staff/pages/tables/index',
  staffToday: 'packages/staff/pages/today/index',
  staffTeam: 'packages/staff/pages/team/index',
  staffPrinters: 'packages/staff/pages/printers/index',
  staffFloor: 'packages/staff/pages/floor/index',
  staffJoin: 'packages/staff/pages/join/index',
} as const;

export type PageName = keyof typeof PAGES;
export type TabPage = 'home' | 'menu' | 'orders' | 'me';
/** The console pages opened for one store (`?storeId=`). */
export type StaffStorePage =
  | 'staffBoard'
  | 'staffGoods'
  | 'staffStore'
  | 'staffTables'
  | 'staffToday'
  | 'staffTeam'
  | 'staffPrinters'
  | 'staffFloor';

/** What a page's onLoad receives: WeChat hands every value as a (still encoded) string. */
export type PageQuery = Record<string, string | undefined>;

type QueryValue = string | number | boolean | undefined;

/** `path?key=value&…`, values encoded, empty ones left out. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const pairs = Object.entries(query)
    .filter((pair): pair is [string, string | number | boolean] => {
      const value = pair[1];
      return value !== undefined && value !== '' && value !== false;
    })
    .map(([key, value]) => `${key}=${encodeURIComponent(value === true ? '1' : String(value))}`);
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

/** A page's url for wx.navigateTo / redirectTo / switchTab. */
export function url(page: PageName, query: Record<string, QueryValue> = {}): string {
  return `/${withQuery(PAGES[page], query)}`;
}

function decoded(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a malformed %-sequence: as it came, rather than fail the page
  }
}

// ---- the pages with a query: builder, then parser ----

export type PayOutcome = 'paid' | 'cancelled' | 'failed';

export interface ResultQuery {
  orderId: string;
  outcome: PayOutcome;
  /** Why the payment did not go through, in the customer's words. */
  message: string;
  /** order.pay's refusal code, when it refused. */
  code: string;
}

export function resultUrl(query: ResultQuery): string {
  const { orderId, outcome, message, code } = query;
  return url('result', { id: orderId, outcome, message, code });
}

const OUTCOMES: PayOutcome[] = ['paid', 'cancelled', 'failed'];

export function parseResultQuery(query: PageQuery): ResultQuery {
  const outcome = decoded(query.outcome) as PayOutcome;
  return {
    orderId: decoded(query.id),
    outcome: OUTCOMES.includes(outcome) ? outcome : 'paid',
    message: decoded(query.message),
    code: decoded(query.code),
  };
}

export interface OrderDetailQuery {
  orderId: string;
  /** Opened from 去支付: the pay sheet follows the first load. */
  pay?: boolean;
}

export function orderDetailUrl(query: OrderDetailQuery): string {
  return url('orderDetail', { id: query.orderId, pay: query.pay });
}

export function parseOrderDetailQuery(query: PageQuery): Required<OrderDetailQuery> {
  return { orderId: decoded(query.id), pay: query.pay === '1' };
}

export function articleUrl(articleUrl: string): string {
  return url('article', { url: articleUrl });
}

export function parseArticleQuery(query: PageQuery): { url: string } {
  return { url: decoded(query.url) };
}

export function staffPageUrl(page: StaffStorePage, storeId: string): string {
  return url(page, { storeId });
}

export function parseStaffQuery(query: PageQuery): { storeId: string } {
  return { storeId: decoded(query.storeId) };
}

/** The join page: `code` typed into a link, or `scene` from the invite's QR code. */
export function parseJoinQuery(query: PageQuery): { code: string } {
  return { code: decoded(query.scene ?? query.code) };
}
