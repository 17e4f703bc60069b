/**
 * Lets webhooks that arrived meanwhile be answered before the next piece of scheduled work.
 * SQLite queries are synchronous on Node, and `await` on a settled promise only runs microtasks,
 * so without this a tick's queries run back to back and hold every request until the tick ends
 * (about a tenth of a second each minute at 4,000 cadres). A timer turn lets I/O in between; the
 * longest wait a request sees is then one query, not one tick.
 */
export function letRequestsIn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
