// THE action table of the `api` function: name → input schema, required role, handler.
// Typed against the contract in miniprogram/domain/api.ts, so a missing or mistyped action
// fails the type check.

import type { ActionName, ActionRequest, ActionResponse } from '../../../../miniprogram/domain/api';
import type { ActionSpec } from '../../../lib/dispatch';
import { articlesLatest } from './articles';
import { catalogHome, storeList } from './catalog';
import { articlesRefresh, oaMenuSync } from './oa';
import {
  staffOrdersReprint,
  staffPrintersAdd,
  staffPrintersList,
  staffPrintersRemove,
  staffPrintersSettings,
  staffPrintersTest,
} from './printing';
import {
  orderCancel,
  orderCreate,
  orderDetail,
  orderList,
  orderPay,
  orderQuote,
  orderSync,
} from './orders';
import {
  staffGoodsList,
  staffGoodsUpdate,
  staffStoreGet,
  staffStoreUpdate,
  staffTablesAdd,
  staffTablesList,
  staffTablesQrcode,
  staffToday,
} from './staff-manage';
import {
  staffClaimOwner,
  staffInvite,
  staffJoin,
  staffList,
  staffMe,
  staffRemove,
} from './staff-members';
import {
  staffAccept,
  staffComplete,
  staffOrders,
  staffReady,
  staffRefund,
  staffReject,
} from './staff-orders';
import { subscribeRecord } from './subscribe';
import {
  staffTableBoard,
  staffTableCancelLine,
  staffTableClose,
  staffTableGet,
  staffTableMade,
  staffTableMarkPaid,
  staffTableMove,
  staffTableRound,
  staffTableSettings,
  tableCartAdd,
  tableCartRemove,
  tableGet,
  tableJoin,
  tableOrder,
  tablePay,
  tableSplit,
} from './tables';

type ActionTable = {
  [A in ActionName]: ActionSpec<ActionRequest<A>, ActionResponse<A>>;
};

export const actions: ActionTable = {
  'catalog.home': catalogHome,
  'store.list': storeList,
  'order.quote': orderQuote,
  'order.create': orderCreate,
  'order.pay': orderPay,
  'order.sync': orderSync,
  'order.list': orderList,
  'order.detail': orderDetail,
  'order.cancel': orderCancel,
  'staff.me': staffMe,
  'staff.claimOwner': staffClaimOwner,
  'staff.invite': staffInvite,
  'staff.join': staffJoin,
  'staff.remove': staffRemove,
  'staff.list': staffList,
  'staff.orders': staffOrders,
  'staff.accept': staffAccept,
  'staff.reject': staffReject,
  'staff.ready': staffReady,
  'staff.complete': staffComplete,
  'staff.refund': staffRefund,
  'staff.goods.list': staffGoodsList,
  'staff.goods.update': staffGoodsUpdate,
  'staff.store.get': staffStoreGet,
  'staff.store.update': staffStoreUpdate,
  'staff.tables.list': staffTablesList,
  'staff.tables.add': staffTablesAdd,
  'staff.tables.qrcode': staffTablesQrcode,
  'staff.today': staffToday,
  'subscribe.record': subscribeRecord,
  'articles.latest': articlesLatest,
  'articles.refresh': articlesRefresh,
  'oa.menu.sync': oaMenuSync,
  'staff.printers.list': staffPrintersList,
  'staff.printers.add': staffPrintersAdd,
  'staff.printers.remove': staffPrintersRemove,
  'staff.printers.settings': staffPrintersSettings,
  'staff.printers.test': staffPrintersTest,
  'staff.orders.reprint': staffOrdersReprint,
  'table.join': tableJoin,
  'table.get': tableGet,
  'table.cart.add': tableCartAdd,
  'table.cart.remove': tableCartRemove,
  'table.order': tableOrder,
  'table.pay': tablePay,
  'table.split': tableSplit,
  'staff.table.board': staffTableBoard,
  'staff.table.get': staffTableGet,
  'staff.table.round': staffTableRound,
  'staff.table.cancelLine': staffTableCancelLine,
  'staff.table.made': staffTableMade,
  'staff.table.move': staffTableMove,
  'staff.table.markPaid': staffTableMarkPaid,
  'staff.table.close': staffTableClose,
  'staff.table.settings': staffTableSettings,
};
