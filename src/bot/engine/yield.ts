/**
 * Lets webhooks that arrived meanwhile be answered before the next piece of background work.
 * SQLite queries are synchronous on Node, and `await` on a settled promise only runs microtasks,
 * so without this a tick's queries run back to back and hold every request until the tick ends
 * (about a tenth of a second each minute at 4,000 cadres). A timer turn lets I/O in between; the
 * longest wait a request sees is then one query, not one tick.
 */
export function letRequestsIn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Background work holds the event loop at most this long before requests are let in. */
export const SLICE_MS = 4;

/**
 * For loops over many small pieces of background work (an outbox drain over hundreds of chats):
 * awaiting the returned function lets requests in once the work since the last turn has taken
 * `budgetMs`, and costs nothing otherwise, so a short loop runs as fast as before and a long one
 * is cut into slices no request waits behind for longer than one slice.
 */
export function timeSlicer(budgetMs = SLICE_MS, now: () => number = () => performance.now()): () => Promise<void> {
  let since = now();
  return async () => {
    if (now() - since < budgetMs) return;
    await letRequestsIn();
    since = now();
  };
}
