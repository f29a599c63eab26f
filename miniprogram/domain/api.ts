// The contract of the `api` cloud function: the envelope, the action names and each action's
// request and response. The client's services and the server's handlers both type against it.

import type { Category, Goods } from './catalog';
import type { ErrorCode } from './errors';
import type { LatLng } from './geo';
import type { HoursSource, StoreStatus } from './hours';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** A store as customers see it: no internal fields, coordinates as lat/lng, status computed. */
export interface StoreView extends HoursSource {
  _id: string;
  name: string;
  logo: string;
  address: string;
  phone: string;
  notice: string;
  location: LatLng;
  isDefault: boolean;
  status: StoreStatus;
  /** From the caller's location, when one was given. */
  distanceMeters: number | null;
}

/** A goods item in the menu payload: everything the menu and spec picker need. */
export type GoodsSummary = Omit<Goods, 'description' | 'images'> & {
  /** The first image, or "" */
  image: string;
};

export interface CatalogHomeRequest {
  storeId?: string;
  /** The version the client has cached; equal to the current one → `unchanged`. */
  version?: string;
  location?: LatLng;
}

export interface CatalogHomeFull {
  unchanged: false;
  version: string;
  store: StoreView;
  categories: Category[];
  goods: GoodsSummary[];
}

/** The cache is current; only the live open state (it changes with the clock) comes back. */
export interface CatalogHomeUnchanged {
  unchanged: true;
  version: string;
  storeId: string;
  status: StoreStatus;
}

export type CatalogHomeResponse = CatalogHomeFull | CatalogHomeUnchanged;

export interface StoreListRequest {
  location?: LatLng;
}

export interface StoreListResponse {
  /** Nearest first when a location was given, else in the chain's own order. */
  stores: StoreView[];
}

export interface GoodsDetailRequest {
  goodsId: string;
}

export interface GoodsDetailResponse {
  goods: Goods;
}

/** Every action: its request and response types. Later issues add their actions here. */
export interface ApiActions {
  'catalog.home': { request: CatalogHomeRequest; response: CatalogHomeResponse };
  'store.list': { request: StoreListRequest; response: StoreListResponse };
  'goods.detail': { request: GoodsDetailRequest; response: GoodsDetailResponse };
}

export type ActionName = keyof ApiActions;
export type ActionRequest<A extends ActionName> = ApiActions[A]['request'];
export type ActionResponse<A extends ActionName> = ApiActions[A]['response'];

export const ACTION_NAMES: readonly ActionName[] = ['catalog.home', 'store.list', 'goods.detail'];

/** The event the client sends: wx.cloud.callFunction({ name: 'api', data: ApiEvent }). */
export interface ApiEvent<A extends ActionName = ActionName> {
  action: A;
  data: ActionRequest<A>;
}
