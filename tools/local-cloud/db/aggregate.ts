// Aggregation pipelines run on mingo; $lookup resolves other collections through the resolver.
// A leading $geoNear stage (not in mingo) is computed here and fed to the rest of the pipeline.
// mingo writes into its input in some stages ($project leaving out a dotted path, $addFields on
// one, some $unwind options), so it gets copies, never the stored documents; a leading $match
// is applied to the stored documents first, so that only what it keeps is copied.
import { CloudError } from '../errors';
import { isPlainObject } from './ejson';
import { getPath, haversineMetres, type LngLat, sphereRadians, toPoint } from './geo';
import { Aggregator } from './mingo-options';
import { compileCriteria } from './query';
import type { Doc } from './types';

export function runPipeline(
  docs: Doc[],
  pipeline: Array<Record<string, unknown>>,
  resolveCollection: (name: string) => Doc[],
): Record<string, unknown>[] {
  let input: Record<string, unknown>[] = docs;
  let stages = pipeline;
  const first = pipeline[0];
  if (first && '$geoNear' in first) {
    input = geoNearStage(docs, first.$geoNear);
    stages = pipeline.slice(1);
  }
  if (stages.some((stage) => '$geoNear' in stage)) {
    throw new CloudError('INVALID_PARAM', '$geoNear is only valid as the first stage');
  }
  const copiesOf = (name: string) => resolveCollection(name).map((doc) => structuredClone(doc));
  try {
    if (stages[0] && '$match' in stages[0] && isPlainObject(stages[0].$match)) {
      const { matches } = compileCriteria(stages[0].$match);
      input = input.filter((doc) => matches(doc as Doc));
      stages = stages.slice(1);
    }
    input = input.map((doc) => structuredClone(doc));
    return new Aggregator(stages, { collectionResolver: copiesOf }).run(input);
  } catch (error) {
    throw new CloudError('DATABASE_REQUEST_FAILED', `aggregate: ${(error as Error).message}`);
  }
}

function geoNearStage(docs: Doc[], spec: unknown): Doc[] {
  if (!isPlainObject(spec)) throw new CloudError('INVALID_PARAM', '$geoNear needs an object');
  // A legacy pair ([lng, lat] or {longitude, latitude}, what older SDKs send) measures in
  // radians, a GeoJSON point in metres, as MongoDB does.
  const legacy = legacyPair(spec.near);
  const near = legacy ?? toPoint(spec.near);
  const distanceField = typeof spec.distanceField === 'string' ? spec.distanceField : undefined;
  if (!near || !distanceField) {
    throw new CloudError('INVALID_PARAM', '$geoNear needs near (a Point) and distanceField');
  }
  const key = typeof spec.key === 'string' ? spec.key : undefined;
  const multiplier = typeof spec.distanceMultiplier === 'number' ? spec.distanceMultiplier : 1;
  const query = isPlainObject(spec.query) ? compileCriteria(spec.query).matches : () => true;
  const located = docs
    .filter(query)
    .map((doc) => {
      const point = toPoint(key ? getPath(doc, key) : firstPoint(doc));
      const distance =
        point && (legacy ? sphereRadians(near, point) : haversineMetres(near, point));
      return { doc, distance: distance === undefined ? undefined : distance };
    })
    .filter(
      (entry): entry is { doc: Doc; distance: number } =>
        entry.distance !== undefined &&
        (typeof spec.maxDistance !== 'number' || entry.distance <= spec.maxDistance) &&
        (typeof spec.minDistance !== 'number' || entry.distance >= spec.minDistance),
    )
    .sort((a, b) => a.distance - b.distance);
  return located.map(({ doc, distance }) => ({ ...doc, [distanceField]: distance * multiplier }));
}

function legacyPair(value: unknown): LngLat | undefined {
  if (Array.isArray(value)) return toPoint(value);
  if (!isPlainObject(value) || 'type' in value) return undefined;
  const numbers = Object.values(value);
  if (numbers.length !== 2 || !numbers.every((n) => typeof n === 'number')) return undefined;
  return [numbers[0] as number, numbers[1] as number];
}

function firstPoint(doc: Doc): unknown {
  return Object.values(doc).find((value) => toPoint(value) && !Array.isArray(value));
}
