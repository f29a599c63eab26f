// Turns a launch (scene number + page query) into store, table and attribution, once, in one
// place. Pure: the client passes wx.getLaunchOptionsSync() / onShow options in.

import { DomainError } from './errors';
import { PAGES } from './routes';

export type EntrySource =
  | 'table_qr'
  | 'poster_qr'
  | 'nearby'
  | 'oa_menu'
  | 'oa_article'
  | 'oa_template'
  | 'share'
  | 'search'
  | 'other';

export interface Entry {
  storeId?: string;
  tableNo?: string;
  source: EntrySource;
  /** The WeChat scene number, kept for attribution (0 when unknown). */
  scene: number;
  /** The page the launch opened, when `path` was given (see entryPath). */
  page?: EntryPage;
  /** A goods item to show (OA article cards, menu links). */
  goodsId?: string;
  /** An order to show (template and subscribe messages). */
  orderId?: string;
}

export interface LaunchInfo {
  scene?: number;
  query?: Record<string, unknown>;
  /** The launch page path (wx.getLaunchOptionsSync().path), without a leading "/". */
  path?: string;
}

/** What an OA menu button, message, article card or chat link can open. */
export type EntryPage = 'home' | 'menu' | 'order' | 'article' | 'other';

export type EntryTarget =
  | { page: 'menu'; storeId?: string; tableNo?: string; goodsId?: string }
  | { page: 'order'; orderId: string }
  | { page: 'home'; storeId?: string };

/** Page paths of the targets (no leading "/": WeChat's page fields refuse one). */
export const ENTRY_PAGE_PATHS = {
  home: PAGES.home,
  menu: PAGES.menu,
  order: PAGES.orderDetail,
  article: PAGES.article,
} as const;

/** WeChat's limit for the `scene` of wxacode.getUnlimited. */
export const MAX_QR_SCENE_LENGTH = 32;

// Scene numbers from the official scene list (miniprogram/dev/reference/scene-list.html).
const QR_SCENES = new Set([1011, 1012, 1013, 1047, 1048, 1049]);
const SCENE_SOURCES: Record<number, EntrySource> = {
  1026: 'nearby',
  1035: 'oa_menu',
  1058: 'oa_article',
  1067: 'oa_article',
  1043: 'oa_template',
  1007: 'share',
  1008: 'share',
  1036: 'share',
  1044: 'share',
  1005: 'search',
  1006: 'search',
  1027: 'search',
  1042: 'search',
  1053: 'search',
};

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a malformed %-sequence: use it as it came rather than fail the launch
  }
}

/**
 * "s=xh&t=A3" → { s: "xh", t: "A3" }. WeChat passes the scene URL-encoded as a whole; an
 * unencoded one (it has a literal "=") is taken as is. Values stay encoded here and are decoded
 * once by `text`, like page query values, because buildTableScene encodes them.
 */
function parseSceneString(scene: string): Record<string, string> {
  const params: Record<string, string> = {};
  const decoded = scene.includes('=') ? scene : safeDecode(scene);
  for (const pair of decoded.split('&')) {
    const index = pair.indexOf('=');
    if (index <= 0) continue;
    params[pair.slice(0, index)] = pair.slice(index + 1);
  }
  return params;
}

/** A usable id from a query or scene value: decoded, trimmed, capped; else undefined. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const trimmed = safeDecode(String(value)).trim();
  return trimmed ? trimmed.slice(0, 64) : undefined;
}

/**
 * The page path with query for a target, e.g. `pages/menu/index?storeId=x&tableNo=A3`.
 * `from` names where the link was placed (an EntrySource), for launches whose scene number
 * does not say it (e.g. 1082, a link in the OA chat; 1014, a subscribe message).
 */
export function entryPath(target: EntryTarget, from?: EntrySource | string): string {
  const params: [string, string | undefined][] =
    target.page === 'order'
      ? [['id', target.orderId]]
      : target.page === 'menu'
        ? [
            ['storeId', target.storeId],
            ['tableNo', target.tableNo],
            ['goodsId', target.goodsId],
          ]
        : [['storeId', target.storeId]];
  if (from) params.push(['from', from]);
  const query = params
    .filter((pair): pair is [string, string] => Boolean(pair[1]))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return query ? `${ENTRY_PAGE_PATHS[target.page]}?${query}` : ENTRY_PAGE_PATHS[target.page];
}

// Only sources a link may claim; a table code is known by its scene number, never by a query.
const SOURCES_BY_NAME = new Set<string>(Object.values(SCENE_SOURCES));

function pageOf(path: string): EntryPage {
  const bare = path
    .replace(/^\//, '')
    .split('?')[0]
    .replace(/\.html$/, '');
  const found = (Object.keys(ENTRY_PAGE_PATHS) as (keyof typeof ENTRY_PAGE_PATHS)[]).find(
    (page) => ENTRY_PAGE_PATHS[page] === bare,
  );
  return found ?? 'other';
}

/** The scene string printed into a table's code; throws INVALID_SCENE when it would not fit. */
export function buildTableScene(storeId: string, tableNo: string): string {
  const scene = `s=${encodeURIComponent(storeId)}&t=${encodeURIComponent(tableNo)}`;
  if (scene.length > MAX_QR_SCENE_LENGTH) {
    throw new DomainError(
      'INVALID_SCENE',
      `桌码参数 "${scene}" 超过 ${MAX_QR_SCENE_LENGTH} 个字符，请缩短门店编号或桌号`,
    );
  }
  return scene;
}

/**
 * Store, table and source of a launch. A table code's `scene` ("s=…&t=…") wins over page query
 * parameters (`storeId`/`tableNo`, or short `s`/`t`) from OA menus, articles and share cards.
 */
export function parseLaunch(launch: LaunchInfo): Entry {
  const scene =
    typeof launch.scene === 'number' && Number.isFinite(launch.scene) ? launch.scene : 0;
  const query = launch.query ?? {};
  const fromCode = typeof query.scene === 'string' ? parseSceneString(query.scene) : {};
  const storeId = text(fromCode.s) ?? text(query.storeId) ?? text(query.s);
  const tableNo = storeId ? (text(fromCode.t) ?? text(query.tableNo) ?? text(query.t)) : undefined;

  let source: EntrySource = SCENE_SOURCES[scene] ?? 'other';
  if (QR_SCENES.has(scene)) source = tableNo ? 'table_qr' : 'poster_qr';
  // A link's own `from` only fills in when the scene number does not say where it came from.
  const from = text(query.from);
  if (source === 'other' && from && SOURCES_BY_NAME.has(from)) source = from as EntrySource;

  const entry: Entry = { source, scene };
  if (storeId) entry.storeId = storeId;
  if (tableNo) entry.tableNo = tableNo;
  if (typeof launch.path === 'string') {
    entry.page = pageOf(launch.path);
    const goodsId = text(query.goodsId);
    if (entry.page === 'menu' && goodsId) entry.goodsId = goodsId;
    const orderId = text(query.id);
    if (entry.page === 'order' && orderId) entry.orderId = orderId;
  }
  return entry;
}
