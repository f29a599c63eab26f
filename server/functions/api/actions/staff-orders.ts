// The order board and the counter's moves: accept, reject (refund), ready, complete, refund.

import {
  BOARD_ACTION_ROLES,
  type StaffOrderRequest,
  type StaffOrderResponse,
  type StaffOrdersRequest,
  type StaffOrdersResponse,
  type StaffRejectRequest,
} from '../../../../miniprogram/domain/staff';
import { readBoard } from '../../../lib/staff/board';
import { toBoardOrder } from '../../../lib/staff/board-view';
import { advanceOrder, refundOrder } from '../../../lib/staff/order-moves';
import { storeAction } from './staff-access';
import { boardInput, orderInput, rejectInput } from './staff-schemas';

export const staffOrders = storeAction<StaffOrdersRequest, StaffOrdersResponse>({
  input: boardInput,
  role: 'staff',
  handler: (input, { db, role }) => readBoard(db, input, role),
});

function advance(to: 'accepted' | 'ready' | 'completed') {
  return storeAction<StaffOrderRequest, StaffOrderResponse>({
    input: orderInput,
    role: 'staff',
    async handler(input, { db, caller, role }) {
      const order = await advanceOrder(db, input, to, { role, id: caller.openid });
      return { order: toBoardOrder(order, role, Date.now()) };
    },
  });
}

function refund(kind: 'reject' | 'refund') {
  return storeAction<StaffRejectRequest, StaffOrderResponse>({
    input: rejectInput,
    role: BOARD_ACTION_ROLES[kind],
    async handler(input, { db, caller, role }) {
      const order = await refundOrder(db, input, kind, { role, id: caller.openid });
      return { order: toBoardOrder(order, role, Date.now()) };
    },
  });
}

export const staffAccept = advance('accepted');
export const staffReady = advance('ready');
export const staffComplete = advance('completed');
export const staffReject = refund('reject');
export const staffRefund = refund('refund');
