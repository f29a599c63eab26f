// Where mingo differs from the MongoDB behind CloudBase, the operators are replaced here; every
// Query, Aggregator and update runs with these options. Each difference was found by running
// CloudBase's own database tests (@cloudbase/node-sdk test/database) against the local cloud:
// - $elemMatch with field conditions matches only elements that are documents (mingo also tried
//   plain values: `tags: [1, 2]` matched `{$elemMatch: {value: {$gt: 0}}}`).
// - $week counts weeks starting on Sunday, the first Sunday opening week 1 (strftime %U).
// - $substr / $substrBytes with a negative count take the rest of the string.
// - $indexOfCP (missing in mingo) counts code points.
// - $jsonSchema works (a small validator: the keywords listed in jsonSchemaMatches).
import { Aggregator as BaseAggregator } from 'mingo/aggregator';
import { Context, evalExpr } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query as BaseQuery } from 'mingo/query';
import { update as baseUpdate } from 'mingo/updater';
import type { Options } from 'mingo/types/types';
import { resolve } from 'mingo/util';
import { isPlainObject } from './ejson';

const LOGICAL = new Set(['$and', '$or', '$nor']);

type QueryOperator = (
  selector: string,
  value: unknown,
  options: Options,
) => (doc: Record<string, unknown>) => boolean;
type ExpressionOperator = (
  obj: Record<string, unknown>,
  expr: unknown,
  options: Options,
) => unknown;
// mingo's own operators, typed as the plain functions they are.
const dayOfYear = expressionOperators.$dayOfYear as unknown as ExpressionOperator;
const dayOfWeek = expressionOperators.$dayOfWeek as unknown as ExpressionOperator;
const mingoSubstrBytes = expressionOperators.$substrBytes as unknown as ExpressionOperator;

const $elemMatch: QueryOperator = (selector, criteria, options) => {
  const keys = Object.keys(criteria as object);
  const onValues = keys.length > 0 && keys.every((k) => k.startsWith('$') && !LOGICAL.has(k));
  const query = new BaseQuery((onValues ? { field: criteria } : criteria) as object, options);
  const test = onValues
    ? (value: unknown) => query.test({ field: value })
    : (value: unknown) => isPlainObject(value) && query.test(value);
  return (doc) => {
    const value = resolve(doc, selector, { unwrapArray: true });
    return Array.isArray(value) && value.some(test);
  };
};

const $week: ExpressionOperator = (obj, expr, options) => {
  const day = dayOfYear(obj, expr, options) as number | null;
  const weekday = dayOfWeek(obj, expr, options) as number | null; // 1 = Sunday
  if (typeof day !== 'number' || typeof weekday !== 'number') return null;
  return Math.floor((day - weekday + 7) / 7);
};

const $substrBytes: ExpressionOperator = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length !== 3) return mingoSubstrBytes(obj, expr, options);
  const [text, index, count] = evalExpr(obj, expr, options) as unknown[];
  const rest =
    typeof count === 'number' && count < 0 && typeof text === 'string' && typeof index === 'number'
      ? Math.max(0, Buffer.byteLength(text) - Buffer.byteLength(text.slice(0, index)))
      : count;
  return mingoSubstrBytes(
    obj,
    [{ $literal: text }, { $literal: index }, { $literal: rest }],
    options,
  );
};

const $indexOfCP: ExpressionOperator = (obj, expr, options) => {
  const [text, search, start, end] = evalExpr(obj, expr as unknown[], options) as unknown[];
  if (text === null || text === undefined) return null;
  if (typeof text !== 'string' || typeof search !== 'string') {
    throw new Error('$indexOfCP needs a string and a substring');
  }
  const points = [...text];
  const from = typeof start === 'number' ? start : 0;
  const to = typeof end === 'number' ? end : points.length;
  if (from > to) return -1;
  const found = points.slice(from, to).join('').indexOf(search);
  return found < 0 ? -1 : from + [...points.slice(from, to).join('').slice(0, found)].length;
};

type Schema = Record<string, unknown>;

const BSON_TYPES: Record<string, (v: unknown) => boolean> = {
  object: isPlainObject,
  array: Array.isArray,
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  double: (v) => typeof v === 'number',
  int: (v) => Number.isInteger(v),
  long: (v) => Number.isInteger(v),
  decimal: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  bool: (v) => typeof v === 'boolean',
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  date: (v) => v instanceof Date,
  regex: (v) => v instanceof RegExp,
};

/**
 * MongoDB's $jsonSchema keywords: bsonType/type, required, properties, additionalProperties
 * (boolean), enum, minimum/maximum (+ exclusive), minLength/maxLength, pattern, items,
 * minItems/maxItems, allOf/anyOf/oneOf/not.
 */
function jsonSchemaMatches(schema: Schema, value: unknown): boolean {
  const types = schema.bsonType ?? schema.type;
  if (types !== undefined) {
    const list = (Array.isArray(types) ? types : [types]) as string[];
    if (!list.some((t) => BSON_TYPES[t]?.(value))) return false;
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))
  ) {
    return false;
  }
  if (isPlainObject(value)) {
    if (Array.isArray(schema.required) && !schema.required.every((k) => k in value)) return false;
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    for (const [key, sub] of Object.entries(properties)) {
      if (key in value && isPlainObject(sub) && !jsonSchemaMatches(sub, value[key])) return false;
    }
    if (schema.additionalProperties === false) {
      if (Object.keys(value).some((k) => !(k in properties))) return false;
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number') {
      if (schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum) {
        return false;
      }
    }
    if (typeof schema.maximum === 'number') {
      if (schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum) {
        return false;
      }
    }
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) return false;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      return false;
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return false;
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return false;
    if (
      isPlainObject(schema.items) &&
      !value.every((v) => jsonSchemaMatches(schema.items as Schema, v))
    ) {
      return false;
    }
  }
  const subs = (key: string): Schema[] =>
    Array.isArray(schema[key]) ? (schema[key] as Schema[]) : [];
  if (!subs('allOf').every((s) => jsonSchemaMatches(s, value))) return false;
  if (subs('anyOf').length > 0 && !subs('anyOf').some((s) => jsonSchemaMatches(s, value)))
    return false;
  if (
    subs('oneOf').length > 0 &&
    subs('oneOf').filter((s) => jsonSchemaMatches(s, value)).length !== 1
  ) {
    return false;
  }
  if (isPlainObject(schema.not) && jsonSchemaMatches(schema.not, value)) return false;
  return true;
}

// mingo's own entry point merges its default operators over any given context (so they cannot
// be replaced); the base classes take the context as it is.
const OPTIONS = {
  context: Context.init({
    accumulator: accumulatorOperators,
    expression: { ...expressionOperators, $week, $substr: $substrBytes, $substrBytes, $indexOfCP },
    pipeline: pipelineOperators,
    projection: projectionOperators,
    query: { ...queryOperators, $elemMatch },
    window: windowOperators,
  } as never),
  jsonSchemaValidator: (schema: Record<string, unknown>) => (doc: Record<string, unknown>) =>
    jsonSchemaMatches(schema, doc),
} as Partial<Options>;

/**
 * OPTIONS as mingo's own ComputeOptions. Given plain options, mingo copies every operator table
 * into a new context for each Query (about 50 µs, several times per database operation); given
 * a ComputeOptions it reuses its context. mingo does not export the class but hands an instance
 * to every operator, so a one-time query with an operator that keeps it gets one; its context
 * is then set back to OPTIONS' own, without that operator.
 */
function compiledOptions(): Options {
  let compiled: Options | undefined;
  const $keepOptions: QueryOperator = (_selector, _value, options) => {
    compiled = options;
    return () => true;
  };
  const context = OPTIONS.context as Context;
  new BaseQuery({ any: { $keepOptions: true } }, {
    ...OPTIONS,
    context: Context.from(context).addQueryOps({ $keepOptions } as never),
  } as Options);
  if (!compiled) throw new Error('mingo did not hand its options to a query operator');
  (compiled as unknown as { options: { context: Context } }).options.context = context;
  // Nor the one-time query's condition (every query made from these sets its own).
  (compiled as unknown as { update(locals: object): void }).update({ condition: undefined });
  return compiled;
}

const COMPILED_OPTIONS = compiledOptions();

export class Query extends BaseQuery {
  constructor(condition: Record<string, unknown>) {
    super(condition, COMPILED_OPTIONS);
  }
}

export class Aggregator extends BaseAggregator {
  constructor(
    pipeline: Array<Record<string, unknown>>,
    options: Pick<Partial<Options>, 'collectionResolver'> = {},
  ) {
    super(
      pipeline,
      options.collectionResolver ? ({ ...OPTIONS, ...options } as Options) : COMPILED_OPTIONS,
    );
  }
}

/** Applies update operators to `doc` in place. */
export function update(doc: Record<string, unknown>, modifier: Record<string, unknown>): void {
  baseUpdate(doc, modifier as never, undefined, undefined, {
    cloneMode: 'deep',
    queryOptions: OPTIONS,
  });
}
