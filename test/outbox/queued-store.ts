import { enqueueStatement } from '../../src/db/repo/outbox.js';
import { openSqliteStore } from '../../src/db/sqlite.js';
import { fixedClock } from '../support/bot.js';

/** A fresh store with `count` local messages queued (row i keyed `k<i>`, in chat `chatOf(i)`), and its clock. */
export async function storeWithQueued(count: number, chatOf: (i: number) => string = (i) => `c${i}`) {
  const store = openSqliteStore(':memory:');
  const clock = fixedClock();
  const now = clock().getTime();
  await store.commit(
    Array.from({ length: count }, (_, i) => enqueueStatement(store.db, { to: { platform: 'local', chatId: chatOf(i), threadId: null }, text: `m${i}` }, `k${i}`, now)),
  );
  return { store, clock };
}
