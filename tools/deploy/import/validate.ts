// Checks a store file before anything is written: only the catalog collections, a string _id on
// every document, references to stores (and categories) that exist in the file or the target,
// money in integer fen, GeoJSON locations, valid hours and table scenes WeChat accepts.
// Every problem is collected, each naming the document and the field.
import { DomainError } from '../../../miniprogram/domain/errors';
import { buildTableScene } from '../../../miniprogram/domain/entry';
import { assertWeeklyHours, type WeeklyHours } from '../../../miniprogram/domain/hours';
import { assertFen, assertFenDelta } from '../../../miniprogram/domain/money';
import { COLLECTIONS } from '../../../server/lib/collections';

export const CATALOG_COLLECTIONS = [
  COLLECTIONS.stores,
  COLLECTIONS.categories,
  COLLECTIONS.goods,
  COLLECTIONS.tables,
] as const;
export type CatalogCollection = (typeof CATALOG_COLLECTIONS)[number];

export type Doc = Record<string, unknown> & { _id: string };
export type StoreData = Record<CatalogCollection, Doc[]>;

/** Ids the target already holds, so a file may add goods to a store it does not repeat. */
export interface KnownIds {
  stores: ReadonlySet<string>;
  /** Category id → its storeId. */
  categories: ReadonlyMap<string, string>;
}

export const NOTHING_KNOWN: KnownIds = { stores: new Set(), categories: new Map() };

export class ImportProblems extends Error {
  constructor(readonly problems: string[]) {
    super(
      `${problems.length} problem(s) in the store file:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ImportProblems';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape only: known collections, arrays of objects with unique string _ids. */
export function checkShape(raw: unknown): { data: StoreData; problems: string[] } {
  const problems: string[] = [];
  const data: StoreData = { stores: [], categories: [], goods: [], tables: [] };
  if (!isObject(raw)) {
    return { data, problems: ['the file must hold a JSON object: { "stores": [...], ... }'] };
  }
  for (const [collection, docs] of Object.entries(raw)) {
    if (!(CATALOG_COLLECTIONS as readonly string[]).includes(collection)) {
      problems.push(
        `unknown collection "${collection}": only ${CATALOG_COLLECTIONS.join(', ')} can be imported`,
      );
      continue;
    }
    if (!Array.isArray(docs)) {
      problems.push(`${collection}: must be an array of documents`);
      continue;
    }
    const seen = new Set<string>();
    docs.forEach((doc: unknown, index) => {
      const problem = shapeProblem(doc, seen);
      if (problem) problems.push(`${collection}[${index}]${problem}`);
      else data[collection as CatalogCollection].push(doc as Doc);
    });
  }
  return { data, problems };
}

function shapeProblem(doc: unknown, seen: Set<string>): string | null {
  if (!isObject(doc)) return ': must be an object';
  if (typeof doc._id !== 'string' || doc._id.trim() === '' || doc._id !== doc._id.trim()) {
    return ' _id: must be a non-empty string without spaces around it';
  }
  if (seen.has(doc._id)) return ` "${doc._id}": _id appears twice`;
  seen.add(doc._id);
  return null;
}

/** Every problem of an already shape-checked file; fills in missing table scenes. */
export function checkDocuments(data: StoreData, known: KnownIds = NOTHING_KNOWN): string[] {
  const problems: string[] = [];
  const storeIds = new Set([...known.stores, ...data.stores.map((store) => store._id)]);
  const categoryStore = new Map(known.categories);
  for (const category of data.categories) {
    if (typeof category.storeId === 'string') categoryStore.set(category._id, category.storeId);
  }

  for (const [collection, docs] of Object.entries(data) as [CatalogCollection, Doc[]][]) {
    for (const doc of docs) {
      const check = fieldChecker(collection, doc, problems);
      if (collection === 'stores') checkStore(check);
      else {
        check('storeId', (value) => {
          if (typeof value !== 'string') throw new Error('must be a store _id');
          if (!storeIds.has(value)) {
            throw new Error(`store "${value}" is neither in the file nor in the target`);
          }
        });
        check('name', requiredText);
        if (collection === 'goods') checkGoods(doc, check, categoryStore);
        if (collection === 'tables') checkTable(doc, check);
        if (collection === 'categories') check('sort', optionalInteger);
      }
    }
  }
  return problems;
}

type Check = (field: string, test: (value: unknown) => void) => void;

function fieldChecker(collection: string, doc: Doc, problems: string[]): Check {
  return (field, test) => {
    try {
      test(doc[field]);
    } catch (error) {
      problems.push(`${collection} "${doc._id}" ${field}: ${(error as Error).message}`);
    }
  };
}

function requiredText(value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error('must be a non-empty string');
}

function optionalInteger(value: unknown): void {
  if (value !== undefined && !Number.isSafeInteger(value)) {
    throw new Error(`must be an integer (got ${JSON.stringify(value)})`);
  }
}

function checkStore(check: Check): void {
  check('name', requiredText);
  check('location', (value) => {
    const point = value as { type?: unknown; coordinates?: unknown };
    const [lng, lat] = Array.isArray(point?.coordinates) ? (point.coordinates as unknown[]) : [];
    if (
      !isObject(value) ||
      point.type !== 'Point' ||
      (point.coordinates as unknown[]).length !== 2 ||
      typeof lng !== 'number' ||
      typeof lat !== 'number' ||
      Math.abs(lng) > 180 ||
      Math.abs(lat) > 90
    ) {
      throw new Error(
        'must be a GeoJSON point { "type": "Point", "coordinates": [longitude, latitude] }',
      );
    }
  });
  check('timeZone', (value) => {
    if (value !== undefined) requiredText(value);
  });
  check('hours', (value) => domain(() => assertWeeklyHours(value as WeeklyHours)));
  check('catalogVersion', (value) => {
    if (value !== undefined) domain(() => assertFen(value, 'catalogVersion'));
  });
  check('sort', optionalInteger);
  check('isDefault', (value) => {
    if (value !== undefined && typeof value !== 'boolean') throw new Error('must be true or false');
  });
  check('packagingFeeFen', (value) => {
    if (value !== undefined) domain(() => assertFen(value, 'packagingFeeFen'));
  });
  check('delivery', (value) => {
    if (value === undefined || value === null) return;
    if (!isObject(value)) throw new Error('must be null or { radiusMeters, feeFen, minOrderFen }');
    for (const key of ['radiusMeters', 'feeFen', 'minOrderFen']) {
      domain(() => assertFen(value[key], `delivery.${key}`));
    }
  });
}

/** What an owner may leave out of a new goods item, and what it then means (unlimited, on sale). */
export const GOODS_DEFAULTS: Readonly<Record<string, unknown>> = {
  description: '',
  images: [],
  specs: [],
  addOns: [],
  stock: null,
  onShelf: true,
  soldOut: false,
  featured: false,
  sort: 0,
};

function checkGoods(doc: Doc, check: Check, categoryStore: ReadonlyMap<string, string>): void {
  for (const field of ['onShelf', 'soldOut', 'featured']) {
    check(field, (value) => {
      if (value !== undefined && typeof value !== 'boolean')
        throw new Error('must be true or false');
    });
  }
  check('sort', optionalInteger);
  check('images', (value) => {
    if (value === undefined) return;
    if (!Array.isArray(value) || value.some((image) => typeof image !== 'string')) {
      throw new Error('must be an array of image URLs or cloud file ids');
    }
  });
  check('categoryId', (value) => {
    if (typeof value !== 'string') throw new Error('must be a category _id');
    const store = categoryStore.get(value);
    if (store === undefined) {
      throw new Error(`category "${value}" is neither in the file nor in the target`);
    }
    if (typeof doc.storeId === 'string' && store !== doc.storeId) {
      throw new Error(`category "${value}" belongs to store "${store}", not "${doc.storeId}"`);
    }
  });
  check('priceFen', (value) => domain(() => assertFen(value, 'priceFen')));
  check('stock', (value) => {
    if (value !== undefined && value !== null) domain(() => assertFen(value, 'stock'));
  });
  check('specs', (value) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) throw new Error('must be an array of spec groups');
    value.forEach((group: { id?: unknown; options?: unknown }, g) => {
      if (!Array.isArray(group?.options)) throw new Error(`[${g}].options must be an array`);
      group.options.forEach((option: { priceDeltaFen?: unknown }, o) =>
        domain(() => assertFenDelta(option?.priceDeltaFen, `[${g}].options[${o}].priceDeltaFen`)),
      );
    });
  });
  check('addOns', (value) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) throw new Error('must be an array of add-ons');
    value.forEach((addOn: { priceFen?: unknown }, a) =>
      domain(() => assertFen(addOn?.priceFen, `[${a}].priceFen`)),
    );
  });
}

function checkTable(doc: Doc, check: Check): void {
  check('tableNo', requiredText);
  check('scene', (value) => {
    if (typeof doc.storeId !== 'string' || typeof doc.tableNo !== 'string') return;
    const expected = domain(() => buildTableScene(doc.storeId as string, doc.tableNo as string));
    if (value === undefined) doc.scene = expected;
    else if (value !== expected) {
      throw new Error(`must be "${expected}" (built from storeId and tableNo), or left out`);
    }
  });
}

/** Runs a miniprogram/domain assertion; its DomainError becomes a plain message. */
function domain<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DomainError) throw new Error(`${error.code}: ${error.message}`);
    throw error;
  }
}
