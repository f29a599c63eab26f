// Restaurant table actions (issue 15). Diners' actions need membership of the session — the
// caller's openid joined it through table.join with the store and table of the scanned code —
// and answer NOT_FOUND for any other session, exactly like a missing one. Staff actions check
// the caller's role in the input's store (storeAction); another store's session is NOT_FOUND.

import type {
  SessionRef,
  StaffTableBoardResponse,
  StaffTableCancelLineRequest,
  StaffTableCloseRequest,
  StaffTableMarkPaidRequest,
  StaffTableMoveRequest,
  StaffTableRef,
  StaffTableRoundRef,
  StaffTableRoundRequest,
  StaffTableSessionResponse,
  StaffTableSettingsRequest,
  StaffTableSettingsResponse,
  TableCartAddRequest,
  TableCartRemoveRequest,
  TableGetRequest,
  TableGetResponse,
  TableJoinRequest,
  TablePayResponse,
  TableSessionResponse,
  TableSplitRequest,
} from '../../../../miniprogram/domain/tables';
import { cloud, getDb } from '../../../lib/cloud';
import type { ActionSpec, Caller } from '../../../lib/dispatch';
import { payBill, splitBill } from '../../../lib/tables/bill';
import { tableBoard } from '../../../lib/tables/board';
import { addCartLine, removeCartLine } from '../../../lib/tables/cart';
import { joinTable } from '../../../lib/tables/join';
import { memberLoader, sendRound, staffLoader } from '../../../lib/tables/rounds';
import { updateTableSettings } from '../../../lib/tables/settings';
import {
  cancelLine,
  closeSession,
  markPaid,
  markRoundMade,
  moveSession,
} from '../../../lib/tables/staff';
import {
  loadMemberSession,
  loadStoreSession,
  toSessionView,
  toStaffSessionView,
  type TableActor,
} from '../../../lib/tables/store';
import { storeAction } from './staff-access';
import {
  boardInput,
  cancelLineInput,
  cartAddInput,
  cartRemoveInput,
  closeInput,
  getInput,
  joinInput,
  markPaidInput,
  moveInput,
  roundRefInput,
  sessionInput,
  settingsInput,
  splitInput,
  staffRoundInput,
  staffSessionInput,
} from './table-schemas';

const diner = (caller: Caller): TableActor => ({ role: 'customer', id: caller.openid });

export const tableJoin: ActionSpec<TableJoinRequest, TableSessionResponse> = {
  input: joinInput,
  role: 'customer',
  async handler({ storeId, tableNo }, caller) {
    const session = await joinTable(getDb(), storeId, tableNo, caller.openid);
    return { session: toSessionView(session, caller.openid) };
  },
};

export const tableGet: ActionSpec<TableGetRequest, TableGetResponse> = {
  input: getInput,
  role: 'customer',
  async handler({ sessionId, version }, caller) {
    const session = await loadMemberSession(getDb(), sessionId, caller.openid);
    if (version === session.version) {
      return { unchanged: true, version: session.version, status: session.status };
    }
    return { unchanged: false, session: toSessionView(session, caller.openid) };
  },
};

export const tableCartAdd: ActionSpec<TableCartAddRequest, TableSessionResponse> = {
  input: cartAddInput,
  role: 'customer',
  async handler({ sessionId, ...line }, caller) {
    const session = await addCartLine(getDb(), sessionId, caller.openid, line);
    return { session: toSessionView(session, caller.openid) };
  },
};

export const tableCartRemove: ActionSpec<TableCartRemoveRequest, TableSessionResponse> = {
  input: cartRemoveInput,
  role: 'customer',
  async handler({ sessionId, lineId }, caller) {
    const session = await removeCartLine(getDb(), sessionId, caller.openid, lineId);
    return { session: toSessionView(session, caller.openid) };
  },
};

export const tableOrder: ActionSpec<SessionRef, TableSessionResponse> = {
  input: sessionInput,
  role: 'customer',
  async handler({ sessionId }, caller) {
    const db = getDb();
    const session = await sendRound(db, memberLoader(db, sessionId, caller.openid), diner(caller), {
      kind: 'cart',
      openid: caller.openid,
    });
    return { session: toSessionView(session, caller.openid) };
  },
};

export const tablePay: ActionSpec<SessionRef, TablePayResponse> = {
  input: sessionInput,
  role: 'customer',
  async handler({ sessionId }, caller) {
    const { CLIENTIP } = cloud.getWXContext() as { CLIENTIP?: string };
    return payBill(getDb(), sessionId, caller.openid, CLIENTIP ?? '');
  },
};

export const tableSplit: ActionSpec<TableSplitRequest, TableSessionResponse> = {
  input: splitInput,
  role: 'customer',
  async handler({ sessionId, parts }, caller) {
    const session = await splitBill(getDb(), sessionId, caller.openid, parts);
    return { session: toSessionView(session, caller.openid) };
  },
};

const staffActor = (caller: Caller, role: TableActor['role']): TableActor => ({
  role,
  id: caller.openid,
});

export const staffTableBoard = storeAction<{ storeId: string }, StaffTableBoardResponse>({
  input: boardInput,
  role: 'staff',
  handler: ({ storeId }, { db }) => tableBoard(db, storeId),
});

export const staffTableGet = storeAction<StaffTableRef, StaffTableSessionResponse>({
  input: staffSessionInput,
  role: 'staff',
  async handler({ storeId, sessionId }, { db }) {
    return { session: toStaffSessionView(await loadStoreSession(db, storeId, sessionId)) };
  },
});

export const staffTableRound = storeAction<StaffTableRoundRequest, StaffTableSessionResponse>({
  input: staffRoundInput,
  role: 'staff',
  async handler({ storeId, sessionId, lines }, { db, caller, role }) {
    const session = await sendRound(
      db,
      staffLoader(db, storeId, sessionId),
      staffActor(caller, role),
      { kind: 'staff', lines },
    );
    return { session: toStaffSessionView(session) };
  },
});

export const staffTableCancelLine = storeAction<
  StaffTableCancelLineRequest,
  StaffTableSessionResponse
>({
  input: cancelLineInput,
  role: 'staff',
  async handler({ storeId, sessionId, lineId }, { db, caller, role }) {
    const session = await cancelLine(db, storeId, sessionId, lineId, staffActor(caller, role));
    return { session: toStaffSessionView(session) };
  },
});

export const staffTableMade = storeAction<StaffTableRoundRef, StaffTableSessionResponse>({
  input: roundRefInput,
  role: 'staff',
  async handler({ storeId, sessionId, roundId }, { db, caller, role }) {
    const session = await markRoundMade(db, storeId, sessionId, roundId, staffActor(caller, role));
    return { session: toStaffSessionView(session) };
  },
});

export const staffTableMove = storeAction<StaffTableMoveRequest, StaffTableSessionResponse>({
  input: moveInput,
  role: 'staff',
  async handler({ storeId, sessionId, toTableNo }, { db, caller, role }) {
    const session = await moveSession(db, storeId, sessionId, toTableNo, staffActor(caller, role));
    return { session: toStaffSessionView(session) };
  },
});

export const staffTableMarkPaid = storeAction<StaffTableMarkPaidRequest, StaffTableSessionResponse>(
  {
    input: markPaidInput,
    role: 'staff',
    async handler({ storeId, sessionId, method, note = '' }, { db, caller, role }) {
      const session = await markPaid(
        db,
        storeId,
        sessionId,
        method,
        note,
        staffActor(caller, role),
      );
      return { session: toStaffSessionView(session) };
    },
  },
);

export const staffTableClose = storeAction<StaffTableCloseRequest, StaffTableSessionResponse>({
  input: closeInput,
  role: 'staff',
  async handler({ storeId, sessionId, reason = '' }, { db, caller, role }) {
    const session = await closeSession(db, storeId, sessionId, reason, staffActor(caller, role));
    return { session: toStaffSessionView(session) };
  },
});

export const staffTableSettings = storeAction<
  StaffTableSettingsRequest,
  StaffTableSettingsResponse
>({
  input: settingsInput,
  role: 'manager',
  handler: (input, { db }) => updateTableSettings(db, input),
});
