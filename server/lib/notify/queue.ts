// The `messages` queue: documents queued by payments and order moves, delivered here.
//   {kind, to:'staff'|'customer', storeId, orderId, openid?, status, attempts, nextAttemptAt?,
//    lastError?, channel?, reason?, sentAt?, parentId?, createdAt, updatedAt}
// status: queued → sending → sent | skipped | failed (after MAX attempts) | fanned_out (a staff
// message without an openid, copied once per staff member of the store).
// A message is claimed with a conditional update (status queued + the attempts read), so two
// senders (cron and an immediate send) never deliver it twice. Failures wait 2^n × backoff.

import type { Order } from '../../../miniprogram/domain/order';
import { notifyBackoffSeconds, notifyMaxAttempts } from '../../config';
import type { Database } from '../cloud';
import { fetchDocs, findById } from '../db';
import { deliver, SendError } from './deliver';
import { isNotificationKind, templateSpecs } from './templates';
import { COLLECTIONS } from '../collections';
import { tableRoundAsOrder } from '../tables/round-order';

interface MessageDoc {
  _id: string;
  kind: string;
  to: 'staff' | 'customer';
  storeId: string;
  orderId: string;
  /** Table messages (issue 15): the session and round instead of an order. */
  sessionId?: string;
  roundId?: string;
  openid?: string;
  status: 'queued' | 'sending' | 'sent' | 'skipped' | 'failed' | 'fanned_out';
  attempts: number;
  nextAttemptAt?: number;
  claimedAt?: number;
  lastError?: string;
  createdAt: number;
}

/** Wait after the n-th failure: backoff × 2^(n-1) (STOREFRONT_NOTIFY_BACKOFF_SECONDS). */
function retryDelayMs(attempts: number): number {
  return notifyBackoffSeconds() * 1000 * 2 ** Math.max(0, attempts - 1);
}
/** A sender that died mid-send leaves 'sending'; after this the message is queued again. */
const STALE_SENDING_MS = 2 * 60 * 1000;
const BATCH = 50;

async function setFields(db: Database, id: string, fields: Record<string, unknown>) {
  await db.collection(COLLECTIONS.messages).doc(id).update({ data: fields });
}

async function claim(db: Database, message: MessageDoc, now: number): Promise<boolean> {
  const _ = db.command;
  const result = (await db
    .collection(COLLECTIONS.messages)
    .where({ _id: message._id, status: 'queued', attempts: message.attempts })
    .update({
      data: { status: 'sending', attempts: _.inc(1), claimedAt: now, updatedAt: now },
    })) as { stats: { updated: number } };
  return result.stats.updated === 1;
}

function staffOf(db: Database, storeId: string) {
  return fetchDocs<{ openid: string }>(
    db.collection(COLLECTIONS.staff).where({ storeId }).limit(100),
  );
}

/**
 * One staff message per staff member of the store; ids make a repeated fan-out a no-op. Returns
 * each child as inserted, or just its id when it existed already (an earlier run made it).
 */
async function fanOut(
  db: Database,
  message: MessageDoc,
  staff: Array<{ openid: string }>,
  now: number,
): Promise<Array<MessageDoc | string>> {
  const children: Array<MessageDoc | string> = [];
  for (const { openid } of staff) {
    const id = `${message._id}-${openid}`.slice(0, 128);
    const child: MessageDoc & { parentId: string; updatedAt: number } = {
      _id: id,
      kind: message.kind,
      to: 'staff',
      storeId: message.storeId,
      orderId: message.orderId,
      ...(message.sessionId ? { sessionId: message.sessionId, roundId: message.roundId } : {}),
      openid,
      parentId: message._id,
      status: 'queued',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await db.collection(COLLECTIONS.messages).add({ data: child });
      children.push(child);
    } catch {
      children.push(id); // already fanned out by an earlier run
    }
  }
  await setFields(db, message._id, {
    status: staff.length ? 'fanned_out' : 'skipped',
    reason: staff.length ? `${staff.length} staff` : 'no staff recorded for the store',
    updatedAt: now,
  });
  return children;
}

/** Delivers one claimed message and records the outcome. Never throws. */
async function processClaimed(
  db: Database,
  message: MessageDoc,
  now: number,
  known?: Order,
): Promise<void> {
  const attempts = message.attempts + 1;
  try {
    if (!isNotificationKind(message.kind)) throw new Error(`unknown message kind ${message.kind}`);
    const table = message.sessionId ? await tableRoundAsOrder(db, message) : null;
    const order =
      table?.order ??
      (known?._id === message.orderId
        ? known
        : await findById<Order>(db, COLLECTIONS.orders, message.orderId));
    if (!order) throw new Error(`order ${message.orderId || message.roundId} not found`);
    const openid = message.openid ?? (message.to === 'customer' ? order._openid : '');
    const spec = templateSpecs()[message.kind];
    const result = await deliver(db, openid, order, spec, message._id, table?.page);
    await setFields(
      db,
      message._id,
      result.outcome === 'sent'
        ? {
            status: 'sent',
            channel: result.channel,
            sentTo: result.to,
            sentAt: now,
            updatedAt: now,
          }
        : { status: 'skipped', reason: result.reason, updatedAt: now },
    );
  } catch (error) {
    const lastError =
      error instanceof SendError || error instanceof Error ? error.message : String(error);
    const failed = attempts >= notifyMaxAttempts();
    try {
      await setFields(db, message._id, {
        status: failed ? 'failed' : 'queued',
        lastError,
        nextAttemptAt: failed ? null : now + retryDelayMs(attempts),
        updatedAt: now,
      });
    } catch {
      // left 'sending': processMessageQueue requeues it once the claim is stale
    }
  }
}

/** Claims and delivers message `id` if it is due. Safe to call from anywhere; never throws. */
async function deliverMessage(db: Database, id: string, now = Date.now()): Promise<void> {
  try {
    const message = await findById<MessageDoc>(db, COLLECTIONS.messages, id);
    if (message) await deliverLoaded(db, message, now);
  } catch (error) {
    console.error('[notify] delivering', id, error);
  }
}

/** deliverMessage for a message in hand; `order`, when given, is its order as stored. */
async function deliverLoaded(
  db: Database,
  message: MessageDoc,
  now: number,
  order?: Order,
): Promise<void> {
  if (message.status !== 'queued') return;
  if ((message.nextAttemptAt ?? 0) > now) return;
  if (message.to === 'staff' && !message.openid) {
    // Reading the staff list changes nothing, so it runs beside the claim.
    const [claimed, staff] = await Promise.all([
      claim(db, message, now),
      staffOf(db, message.storeId),
    ]);
    if (!claimed) return;
    for (const child of await fanOut(db, message, staff, now)) {
      if (typeof child === 'string') await deliverMessage(db, child, now);
      else await deliverLoaded(db, child, now, order);
    }
    return;
  }
  if (await claim(db, message, now)) await processClaimed(db, message, now, order);
}

/**
 * Delivers a message just queued, as its queueing returned it, without reading it back: what
 * deliverQueuedForOrder does for it, two reads fewer. `order` is its order as just written, so
 * that is not read again either. Never throws.
 */
export async function deliverQueuedMessage(
  db: Database,
  message: MessageDoc,
  order?: Order,
  now = Date.now(),
): Promise<void> {
  try {
    await deliverLoaded(db, message, now, order);
  } catch (error) {
    console.error('[notify] delivering', message._id, error);
  }
}

interface QueueRun {
  delivered: number;
  requeued: number;
}

/**
 * Delivers now whatever is queued for `orderId`: call it right after queueing a message (payment,
 * accept, ready, refund) so it goes out at once; the cron retries what fails. Never throws.
 */
export async function deliverQueuedForOrder(
  db: Database,
  orderId: string,
  now = Date.now(),
): Promise<void> {
  try {
    const queued = await fetchDocs<MessageDoc>(
      db.collection(COLLECTIONS.messages).where({ orderId, status: 'queued' }).limit(20),
    );
    for (const message of queued) await deliverMessage(db, message._id, now);
  } catch (error) {
    console.error('[notify] delivering for order', orderId, error);
  }
}

/** The cron's pass: frees stale claims, then delivers every due queued message (oldest first). */
export async function processMessageQueue(db: Database, now = Date.now()): Promise<QueueRun> {
  const _ = db.command;
  const stale = (await db
    .collection(COLLECTIONS.messages)
    .where({ status: 'sending', claimedAt: _.lt(now - STALE_SENDING_MS) })
    .update({ data: { status: 'queued', updatedAt: now } })) as { stats: { updated: number } };
  // Due ones only, so a backlog of messages waiting out their backoff cannot hide them.
  const due = _.or([
    { status: 'queued', nextAttemptAt: _.lte(now) },
    { status: 'queued', nextAttemptAt: _.exists(false) },
  ]);
  const queued = await fetchDocs<MessageDoc>(
    db.collection(COLLECTIONS.messages).where(due).orderBy('createdAt', 'asc').limit(BATCH),
  );
  let delivered = 0;
  for (const message of queued) {
    if ((message.nextAttemptAt ?? 0) > now) continue;
    await deliverMessage(db, message._id, now);
    delivered += 1;
  }
  return { delivered, requeued: stale.stats.updated };
}
