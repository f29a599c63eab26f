// THE action table of the `api` function: name → input schema, required role, handler.
// Typed against the contract in miniprogram/domain/api.ts, so a missing or mistyped action
// fails the type check.

import type { ActionName, ActionRequest, ActionResponse } from '../../../../miniprogram/domain/api';
import type { ActionSpec } from '../../../lib/dispatch';
import { catalogHome, goodsDetail, storeList } from './catalog';
import {
  orderCancel,
  orderCreate,
  orderDetail,
  orderList,
  orderPay,
  orderQuote,
  orderSync,
} from './orders';

export type ActionTable = {
  [A in ActionName]: ActionSpec<ActionRequest<A>, ActionResponse<A>>;
};

export const actions: ActionTable = {
  'catalog.home': catalogHome,
  'store.list': storeList,
  'goods.detail': goodsDetail,
  'order.quote': orderQuote,
  'order.create': orderCreate,
  'order.pay': orderPay,
  'order.sync': orderSync,
  'order.list': orderList,
  'order.detail': orderDetail,
  'order.cancel': orderCancel,
};
