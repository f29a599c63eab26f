// database.* actions of the CloudBase backend API, with the request and response shapes that
// @cloudbase/database 1.4.3 (inside wx-server-sdk 4.0.2) sends and reads.
import type { Database } from '../db/database';
import { decodeEjson, encodeEjson, isPlainObject } from '../db/ejson';
import type { SortSpec } from '../db/types';
import { CloudError } from '../errors';

/** The server SDK's default and maximum page size (query.js); we enforce the same. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/**
 * An aggregation without a $limit stage answers its first 20 results in the cloud (observed
 * and reported by developers, not in WeChat's reference): code that needs more must say so.
 */
export const DEFAULT_AGGREGATE_LIMIT = 20;

type Params = Record<string, unknown>;
type ActionResult = Record<string, unknown>;

export function databaseActions(
  db: Database,
): Record<string, (p: Params) => Promise<ActionResult>> {
  return {
    'database.getDocument': async (p) => {
      const coll = collectionOf(p);
      const tx = transactionOf(p);
      if (tx && p.queryType === 'DOC') {
        const doc = db.getInTransaction(tx, coll, docIdOf(p));
        return { data: { list: doc ? [encodeEjson(doc)] : [] } };
      }
      const limit = Math.min(positiveInt(p.limit, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT);
      const offset = positiveInt(p.offset, 'offset') ?? 0;
      const options = {
        limit,
        offset,
        order: p.order === undefined ? undefined : (ejsonObject(p.order, 'order') as SortSpec),
        projection:
          p.projection === undefined ? undefined : ejsonObject(p.projection, 'projection'),
      };
      const list = tx
        ? db.findInTransaction(tx, coll, criteriaOf(p), options)
        : db.find(coll, criteriaOf(p), options);
      return { data: { list: list.map(encodeEjson) }, limit, offset };
    },
    'database.calculateDocument': async (p) => {
      const tx = transactionOf(p);
      const coll = collectionOf(p);
      return {
        data: {
          total: tx
            ? db.countInTransaction(tx, coll, criteriaOf(p))
            : db.count(coll, criteriaOf(p)),
        },
      };
    },
    'database.insertDocument': async (p) => {
      const coll = collectionOf(p);
      if (!Array.isArray(p.data) || p.data.length === 0) {
        throw new CloudError('INVALID_PARAM', 'data must be a non-empty array of documents');
      }
      const docs = p.data.map((item) => ejsonObject(item, 'data'));
      const tx = transactionOf(p);
      if (tx) return { data: { insertedIds: db.insertInTransaction(tx, coll, docs) } };
      return { data: { insertedIds: await db.insert(coll, docs) } };
    },
    'database.modifyDocument': async (p) => {
      const coll = collectionOf(p);
      const data = safeDecode(requireString(p.data, 'data'), 'data');
      const merge = p.merge !== false;
      const upsert = p.upsert === true;
      const options = { multi: p.multi !== false && p.queryType !== 'DOC', merge, upsert };
      const tx = transactionOf(p);
      const result = tx
        ? db.modifyInTransaction(tx, coll, criteriaOf(p), data, options)
        : await db.modify(coll, criteriaOf(p), data, options);
      return { data: { updated: result.updated, upsert_id: result.upsertedId } };
    },
    'database.modifyAndReturnDoc': async (p) => {
      const data = safeDecode(requireString(p.data, 'data'), 'data');
      const options = { multi: false, merge: true, upsert: false };
      const tx = transactionOf(p);
      const coll = collectionOf(p);
      const result = tx
        ? db.modifyInTransaction(tx, coll, criteriaOf(p), data, options)
        : await db.modify(coll, criteriaOf(p), data, options);
      const doc = result.docs[0];
      // findAndModify: the cloud counts the matched document even when nothing changed.
      return { data: { updated: doc ? 1 : 0, doc: doc ? encodeEjson(doc) : null } };
    },
    'database.removeDocument': async (p) => {
      const coll = collectionOf(p);
      const multi = p.multi !== false && p.queryType !== 'DOC';
      const tx = transactionOf(p);
      return {
        data: {
          deleted: tx
            ? db.removeInTransaction(tx, coll, criteriaOf(p), multi)
            : await db.remove(coll, criteriaOf(p), multi),
        },
      };
    },
    'database.aggregateDocuments': async (p) => {
      if (!Array.isArray(p.stages))
        throw new CloudError('INVALID_PARAM', 'stages must be an array');
      const pipeline = p.stages.map((stage: { stageKey?: unknown; stageValue?: unknown }) => {
        const key = requireString(stage.stageKey, 'stageKey');
        return {
          [key.startsWith('$') ? key : `$${key}`]: safeDecode(
            requireString(stage.stageValue, 'stageValue'),
            'stage',
          ),
        };
      });
      const tx = transactionOf(p);
      const list = tx
        ? db.aggregateInTransaction(tx, collectionOf(p), pipeline)
        : db.aggregate(collectionOf(p), pipeline);
      const limited = pipeline.some((stage) => '$limit' in stage);
      return {
        data: { list: (limited ? list : list.slice(0, DEFAULT_AGGREGATE_LIMIT)).map(encodeEjson) },
      };
    },
    'database.startTransaction': async () => ({ transactionId: db.startTransaction() }),
    'database.commitTransaction': async (p) => {
      await db.commitTransaction(requireString(p.transactionId, 'transactionId'));
      return {};
    },
    'database.abortTransaction': async (p) => {
      db.abortTransaction(requireString(p.transactionId, 'transactionId'));
      return {};
    },
    'database.addCollection': async (p) => {
      db.createCollection(collectionOf(p));
      return {};
    },
  };
}

function collectionOf(p: Params): string {
  return requireString(p.collectionName, 'collectionName');
}

function criteriaOf(p: Params): Record<string, unknown> {
  if (p.query === undefined || p.query === '') return {};
  const criteria = ejsonObject(p.query, 'query');
  // Documents keep their _id as a string (a number given to add() is stored as its string).
  if (typeof criteria._id === 'number') criteria._id = String(criteria._id);
  return criteria;
}

function transactionOf(p: Params): string | undefined {
  return p.transactionId ? String(p.transactionId) : undefined;
}

/** The _id a doc(id) request names. */
function docIdOf(p: Params): string {
  const id = criteriaOf(p)._id;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new CloudError('INVALID_PARAM', 'doc() needs a string or number _id');
  }
  return String(id);
}

function ejsonObject(value: unknown, name: string): Record<string, unknown> {
  const decoded = typeof value === 'string' ? safeDecode(value, name) : value;
  if (!isPlainObject(decoded)) throw new CloudError('INVALID_PARAM', `${name} must be an object`);
  return decoded;
}

function safeDecode(text: string, name: string): unknown {
  try {
    return decodeEjson(text);
  } catch (error) {
    throw new CloudError(
      'INVALID_PARAM',
      `${name} is not valid EJSON: ${(error as Error).message}`,
    );
  }
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new CloudError('INVALID_PARAM', `${name} is required`);
  }
  return value;
}

function positiveInt(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new CloudError('INVALID_PARAM', `${name} must be a non-negative integer`);
  }
  return n;
}
