/**
 * Most values one `IN (…)` list may carry on every driver we run on: D1 binds at most 100
 * parameters per statement (SQLite allows far more, but drizzle builds a deep expression per
 * value and overflows the stack at about a hundred thousand).
 */
export const MAX_IDS_PER_QUERY = 90;

/** Runs a query per slice of `items` and concatenates the rows, in slice order. */
export async function inChunks<T, R>(items: readonly T[], run: (slice: T[]) => Promise<R[]>, size = MAX_IDS_PER_QUERY): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await run(items.slice(i, i + size))));
  return out;
}
