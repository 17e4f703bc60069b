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

/** `rows` in slices small enough that a multi-row insert of `columns` values each stays within D1's bound parameters. */
export function rowSlices<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_IDS_PER_QUERY / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
