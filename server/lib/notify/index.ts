// The notification service. Others queue `messages` documents (server/lib/orders/messages.ts);
// this delivers them:
//   deliverQueuedForOrder(db, orderId)  right after queueing: sends now, never throws
//   deliverQueuedMessage(db, message)   the same for one message just queued, in hand
//   processMessageQueue(db)             the cron: due messages, retries with backoff
//   addGrants(db, openid, templateIds)  subscribe.record: the customer accepted templates
export { deliverQueuedForOrder, deliverQueuedMessage, processMessageQueue } from './queue';
export { addGrants } from './grants';
