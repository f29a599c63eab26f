// database.* actions of the CloudBase backend API, with the request and response shapes that
// @cloudbase/database 1.4.3 (inside wx-server-sdk 4.0.2) sends and reads.
import type { Database } from '../db/database';
import { decodeEjson, encodeEjson, isPlainObject } from '../db/ejson';
import type { SortSpec } from '../db/types';
import { CloudError } from '../errors';

/** The server SDK's default and maximum page size (query.js); we enforce the same. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

type Params = Record<string, unknown>;
type ActionResult = Record<string, unknown>;

export function databaseActions(
  db: Database,
): Record<string, (p: Params) => Promise<ActionResult>> {
  return {
    'database.getDocument': async (p) => {
      const coll = collectionOf(p);
      if (p.transactionId) {
        const doc = await db.getInTransaction(String(p.transactionId), coll, docIdOf(p));
        return { data: { list: doc ? [encodeEjson(doc)] : [] } };
      }
      const limit = Math.min(positiveInt(p.limit, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT);
      const offset = positiveInt(p.offset, 'offset') ?? 0;
      const list = db.find(coll, criteriaOf(p), {
        limit,
        offset,
        order: p.order === undefined ? undefined : (ejsonObject(p.order, 'order') as SortSpec),
        projection:
          p.projection === undefined ? undefined : ejsonObject(p.projection, 'projection'),
      });
      return { data: { list: list.map(encodeEjson) }, limit, offset };
    },
    'database.calculateDocument': async (p) => ({
      data: { total: db.count(collectionOf(p), criteriaOf(p)) },
    }),
    'database.insertDocument': async (p) => {
      const coll = collectionOf(p);
      if (!Array.isArray(p.data) || p.data.length === 0) {
        throw new CloudError('INVALID_PARAM', 'data must be a non-empty array of documents');
      }
      const docs = p.data.map((item) => ejsonObject(item, 'data'));
      if (p.transactionId) {
        if (docs.length !== 1) {
          throw new CloudError('INVALID_PARAM', 'a transaction inserts one document at a time');
        }
        const id = await db.insertInTransaction(String(p.transactionId), coll, docs[0]);
        return { data: { insertedIds: [id] } };
      }
      return { data: { insertedIds: await db.insert(coll, docs) } };
    },
    'database.modifyDocument': async (p) => {
      const coll = collectionOf(p);
      const data = safeDecode(requireString(p.data, 'data'), 'data');
      const merge = p.merge !== false;
      const upsert = p.upsert === true;
      if (p.transactionId) {
        const result = await db.modifyInTransaction(
          String(p.transactionId),
          coll,
          docIdOf(p),
          data,
          {
            merge,
            upsert,
          },
        );
        return { data: { updated: result.updated, upsert_id: result.upsertedId } };
      }
      const result = await db.modify(coll, criteriaOf(p), data, {
        multi: p.multi !== false && p.queryType !== 'DOC',
        merge,
        upsert,
      });
      return { data: { updated: result.updated, upsert_id: result.upsertedId } };
    },
    'database.modifyAndReturnDoc': async (p) => {
      if (p.transactionId) {
        throw new CloudError(
          'DATABASE_REQUEST_FAILED',
          'updateAndReturn is not allowed in a transaction',
        );
      }
      const data = safeDecode(requireString(p.data, 'data'), 'data');
      const result = await db.modify(collectionOf(p), criteriaOf(p), data, {
        multi: false,
        merge: true,
        upsert: false,
      });
      const doc = result.docs[0];
      return { data: { updated: result.updated, doc: doc ? encodeEjson(doc) : null } };
    },
    'database.removeDocument': async (p) => {
      const coll = collectionOf(p);
      if (p.transactionId) {
        const deleted = await db.removeInTransaction(String(p.transactionId), coll, docIdOf(p));
        return { data: { deleted } };
      }
      const multi = p.multi !== false && p.queryType !== 'DOC';
      return { data: { deleted: await db.remove(coll, criteriaOf(p), multi) } };
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
      const list = db.aggregate(collectionOf(p), pipeline);
      return { data: { list: list.map(encodeEjson) } };
    },
    'database.startTransaction': async () => ({ transactionId: db.startTransaction() }),
    'database.commitTransaction': async (p) => {
      db.commitTransaction(requireString(p.transactionId, 'transactionId'));
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
  return ejsonObject(p.query, 'query');
}

/** Transactions only allow single-document operations, addressed by _id (as in the cloud). */
function docIdOf(p: Params): string {
  const id = criteriaOf(p)._id;
  if (p.queryType !== 'DOC' || (typeof id !== 'string' && typeof id !== 'number')) {
    throw new CloudError(
      'DATABASE_REQUEST_FAILED',
      'only single-document operations (doc(id)) are allowed in a transaction',
    );
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
