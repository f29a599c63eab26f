// Keeps a page's data in step with a view computed from MobX stores, sending only the paths
// that changed ("lines[3].qty") in one setData — never a whole list for one edited field.
// mobx-miniprogram-bindings resends a field whole, which suits scalars and small maps; lists
// the customer edits in place use this instead.
import { reaction, toJS } from 'mobx-miniprogram';

type Patch = Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keysA = Object.keys(a);
  return keysA.length === Object.keys(b).length && keysA.every((key) => key in b);
}

/** Adds to `patch` the smallest set of paths turning `before` into `after`. */
export function diffPaths(before: unknown, after: unknown, path: string, patch: Patch): void {
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    after.forEach((item, index) => diffPaths(before[index], item, `${path}[${index}]`, patch));
  } else if (isPlainObject(before) && isPlainObject(after) && sameKeys(before, after)) {
    for (const key of Object.keys(after)) {
      diffPaths(before[key], after[key], path ? `${path}.${key}` : key, patch);
    }
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    patch[path] = after;
  }
}

interface DataTarget {
  setData(data: Patch): void;
}

/** Sets the view now and on every change; returns the disposer to call on detach. */
export function syncView<V extends Record<string, unknown>>(
  target: DataTarget,
  compute: () => V,
): () => void {
  let current: V | null = null;
  return reaction(
    () => toJS(compute()),
    (next) => {
      const patch: Patch = {};
      for (const key of Object.keys(next)) {
        if (current && key in current) diffPaths(current[key], next[key], key, patch);
        else patch[key] = next[key];
      }
      current = next;
      if (Object.keys(patch).length > 0) target.setData(patch);
    },
    { fireImmediately: true },
  );
}
