// mingo has no geo operators, so the few CloudBase uses are done here on GeoJSON points:
// $nearSphere (filter by distance and sort nearest first) and $geoWithin ($geometry polygon or
// $centerSphere). Distances are great-circle metres as a 2dsphere index computes them: the angle
// between the two points as unit vectors (S2), times MongoDB's earth radius.
import { isPlainObject } from './ejson';

/** MongoDB's kRadiusOfEarthInMeters. */
export const EARTH_RADIUS_M = 6378100;

export type LngLat = [number, number];

export interface NearClause {
  field: string;
  point: LngLat;
  maxDistance?: number;
  minDistance?: number;
}

export interface GeoFilter {
  near?: NearClause;
  tests: Array<(doc: Record<string, unknown>) => boolean>;
}

export function haversineMetres(a: LngLat, b: LngLat): number {
  return sphereRadians(a, b) * EARTH_RADIUS_M;
}

/** The angle between two points on the sphere, in radians (S2's S1Angle of two S2Points). */
export function sphereRadians(a: LngLat, b: LngLat): number {
  const u = unitVector(a);
  const v = unitVector(b);
  const cross = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
  return Math.atan2(
    Math.hypot(cross[0], cross[1], cross[2]),
    u[0] * v[0] + u[1] * v[1] + u[2] * v[2],
  );
}

function unitVector([lng, lat]: LngLat): [number, number, number] {
  const rad = Math.PI / 180;
  const phi = lat * rad;
  const theta = lng * rad;
  return [Math.cos(phi) * Math.cos(theta), Math.cos(phi) * Math.sin(theta), Math.sin(phi)];
}

/** Reads a GeoJSON point (or legacy [lng, lat] pair) from a value; undefined when it is not one. */
export function toPoint(value: unknown): LngLat | undefined {
  if (Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number')) {
    return [value[0], value[1]];
  }
  if (isPlainObject(value) && value.type === 'Point') return toPoint(value.coordinates);
  return undefined;
}

export function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const key of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Removes the geo operators from the top level of a criteria (and of a top-level $and) and
 * returns them as predicates, leaving a criteria mingo understands.
 */
export function extractGeo(criteria: Record<string, unknown>): {
  rest: Record<string, unknown>;
  geo: GeoFilter;
} {
  const geo: GeoFilter = { tests: [] };
  const rest: Record<string, unknown> = {};
  for (const [field, condition] of Object.entries(criteria)) {
    if (field === '$and' && Array.isArray(condition)) {
      const parts = condition.map((part) => extractGeo(part as Record<string, unknown>));
      for (const part of parts) {
        geo.tests.push(...part.geo.tests);
        geo.near = geo.near ?? part.geo.near;
      }
      rest.$and = parts.map((part) => part.rest).filter((part) => Object.keys(part).length > 0);
      if ((rest.$and as unknown[]).length === 0) delete rest.$and;
      continue;
    }
    if (!isPlainObject(condition) || !hasGeoOperator(condition)) {
      rest[field] = condition;
      continue;
    }
    const { $nearSphere, $near, $geoWithin, $geoIntersects, ...others } = condition;
    if (Object.keys(others).length > 0) rest[field] = others;
    const near = $nearSphere ?? $near;
    if (near !== undefined) geo.near = parseNear(field, near);
    if ($geoWithin !== undefined) geo.tests.push(withinTest(field, $geoWithin));
    if ($geoIntersects !== undefined) geo.tests.push(withinTest(field, $geoIntersects));
  }
  if (geo.near) {
    const near = geo.near;
    geo.tests.push((doc) => {
      const point = toPoint(getPath(doc, near.field));
      if (!point) return false;
      const distance = haversineMetres(near.point, point);
      return (
        (near.maxDistance === undefined || distance <= near.maxDistance) &&
        (near.minDistance === undefined || distance >= near.minDistance)
      );
    });
  }
  return { rest, geo };
}

function hasGeoOperator(condition: Record<string, unknown>): boolean {
  return ['$nearSphere', '$near', '$geoWithin', '$geoIntersects'].some((op) => op in condition);
}

function parseNear(field: string, spec: unknown): NearClause {
  const body = isPlainObject(spec) ? spec : {};
  const point = toPoint(body.$geometry ?? spec);
  if (!point) throw new Error(`geoNear on "${field}" needs a GeoJSON Point geometry`);
  return {
    field,
    point,
    maxDistance: typeof body.$maxDistance === 'number' ? body.$maxDistance : undefined,
    minDistance: typeof body.$minDistance === 'number' ? body.$minDistance : undefined,
  };
}

function withinTest(field: string, spec: unknown): (doc: Record<string, unknown>) => boolean {
  const body = isPlainObject(spec) ? spec : {};
  if (Array.isArray(body.$centerSphere)) {
    const [centre, radians] = body.$centerSphere as [unknown, number];
    const centrePoint = toPoint(centre);
    if (!centrePoint) throw new Error(`geoWithin centerSphere on "${field}" needs a centre point`);
    return (doc) => {
      const point = toPoint(getPath(doc, field));
      return !!point && haversineMetres(centrePoint, point) <= radians * EARTH_RADIUS_M;
    };
  }
  const geometry = isPlainObject(body.$geometry) ? body.$geometry : undefined;
  const polygons = geometry ? polygonsOf(geometry) : undefined;
  if (!polygons) {
    throw new Error(`geoWithin on "${field}" supports Polygon, MultiPolygon or centerSphere`);
  }
  return (doc) => {
    const point = toPoint(getPath(doc, field));
    return !!point && polygons.some((rings) => insidePolygon(point, rings));
  };
}

type Ring = LngLat[];

function polygonsOf(geometry: Record<string, unknown>): Ring[][] | undefined {
  if (geometry.type === 'Polygon') return [geometry.coordinates as Ring[]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Ring[][];
  return undefined;
}

/** Inside the outer ring and outside every hole (ray casting; fine for store-sized areas). */
function insidePolygon(point: LngLat, rings: Ring[]): boolean {
  const [outer, ...holes] = rings;
  return !!outer && insideRing(point, outer) && !holes.some((hole) => insideRing(point, hole));
}

function insideRing([x, y]: LngLat, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
