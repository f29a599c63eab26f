// The SDK's write results, read the same way everywhere.

/** How many documents a where().update() changed. */
export function updatedCount(result: unknown): number {
  const stats = (result as { stats?: { updated?: number } } | undefined)?.stats;
  return stats?.updated ?? 0;
}

interface SetCommand {
  set(value: unknown): unknown;
}

/**
 * update() merges nested objects field by field (`payment.flag`), which fails on a field that is
 * null. These fields are replaced whole instead (`_.set`), as a transition means them to be.
 */
export function replaceWhole(
  command: SetCommand,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const isPlainObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    data[key] = isPlainObject ? command.set(value) : value;
  }
  return data;
}
