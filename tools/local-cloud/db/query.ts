// Query semantics come from mingo (the MongoDB query language in JavaScript); only geo is ours.
import { extractGeo, getPath, haversineMetres, toPoint } from './geo';
import { Aggregator, Query } from './mingo-options';
import type { Doc, FindOptions } from './types';

export type Criteria = Record<string, unknown>;

/** Compiles a criteria (geo included) into a predicate plus an optional nearest-first ordering. */
export function compileCriteria(criteria: Criteria): {
  matches: (doc: Doc) => boolean;
  sortByDistance?: (docs: Doc[]) => Doc[];
} {
  const { rest, geo } = extractGeo(criteria);
  const query = new Query(rest);
  const matches = (doc: Doc): boolean => query.test(doc) && geo.tests.every((test) => test(doc));
  const near = geo.near;
  if (!near) return { matches };
  const distance = (doc: Doc): number =>
    haversineMetres(near.point, toPoint(getPath(doc, near.field)) ?? near.point);
  return { matches, sortByDistance: (docs) => [...docs].sort((a, b) => distance(a) - distance(b)) };
}

export function findDocuments(
  docs: Iterable<Doc>,
  criteria: Criteria,
  options: FindOptions,
): Doc[] {
  const { matches, sortByDistance } = compileCriteria(criteria);
  let found = [...docs].filter(matches);
  if (options.order && Object.keys(options.order).length > 0) {
    found = new Aggregator([{ $sort: options.order }]).run(found) as Doc[];
  } else if (sortByDistance) {
    found = sortByDistance(found);
  }
  const offset = options.offset ?? 0;
  found = found.slice(offset, options.limit === undefined ? undefined : offset + options.limit);
  if (options.projection && Object.keys(options.projection).length > 0) {
    // On copies: mingo's $project writes into its input when it leaves out a dotted path.
    const copies = found.map((doc) => structuredClone(doc));
    found = new Aggregator([{ $project: options.projection }]).run(copies) as Doc[];
  }
  return found;
}
