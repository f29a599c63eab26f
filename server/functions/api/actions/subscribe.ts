// The client reports which subscribe-message templates the customer accepted in
// wx.requestSubscribeMessage; each acceptance allows one message. Also links the caller's mini
// program openid to their UnionID, so OA template messages can reach them when they follow.

import * as z from 'zod';
import type {
  SubscribeRecordRequest,
  SubscribeRecordResponse,
} from '../../../../miniprogram/domain/oa';
import { getDb } from '../../../lib/cloud';
import type { ActionSpec } from '../../../lib/dispatch';
import { addGrants } from '../../../lib/notify';
import { linkCustomer } from '../../../lib/oa/people';

const templateId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a template id');

export const subscribeRecord: ActionSpec<SubscribeRecordRequest, SubscribeRecordResponse> = {
  // ≤ 3 per wx.requestSubscribeMessage; a few calls' worth at most.
  input: z.strictObject({ templateIds: z.array(templateId).max(10) }),
  role: 'customer',
  async handler(input, caller) {
    const db = getDb();
    const now = Date.now();
    await addGrants(db, caller.openid, input.templateIds, now);
    if (caller.unionid) await linkCustomer(db, caller.unionid, { miniOpenid: caller.openid }, now);
    return { recorded: new Set(input.templateIds).size, linked: Boolean(caller.unionid) };
  },
};
