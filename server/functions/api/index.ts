// The `api` cloud function: the one RPC entry of the mini program.
// wx.cloud.callFunction({ name: 'api', data: { action, data } }) → Envelope (see docs/API.md).

import { createDispatcher } from '../../lib/dispatch';
import { currentIdentity } from '../../lib/identity';
import { lookupStoreRoles } from '../../lib/roles';
import { actions } from './actions';

const dispatch = createDispatcher(actions, { identify: currentIdentity, lookupStoreRoles });

export async function main(event: unknown, _context?: unknown) {
  return dispatch(event);
}
