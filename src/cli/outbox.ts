/**
 * Dead letters of the outbox: `npm run outbox -- --dead` lists them, `npm run outbox -- --retry 12`
 * (or `--retry all`) queues them again; a running server or the next tick sends them.
 */
import { parseArgs } from 'node:util';
import { parseConfig } from '../config.js';
import { countByState, deadRows, payloadOf, retryDead } from '../db/repo/outbox.js';
import { openSqliteStore } from '../db/sqlite.js';
import { truncate } from '../domain/messages.js';

const USAGE = '用法：npm run outbox -- --dead（列出发送失败的消息）或 npm run outbox -- --retry <编号|all>（重新发送）';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dead: { type: 'boolean' }, retry: { type: 'string' } }, allowPositionals: false });
  if (!values.dead && values.retry === undefined) {
    console.error(USAGE);
    return 2;
  }
  let ids: number[] | 'all' = 'all';
  if (values.retry !== undefined && values.retry !== 'all') {
    ids = values.retry.split(',').map((s) => Number(s.trim()));
    if (ids.some((n) => !Number.isInteger(n) || n < 1)) {
      console.error(`--retry 要写消息编号（如 12 或 12,13）或 all。\n${USAGE}`);
      return 2;
    }
  }
  const config = parseConfig(process.env);
  const store = openSqliteStore(config.DATABASE_PATH);
  try {
    if (values.dead) {
      const rows = await deadRows(store.db, 1000);
      const counts = await countByState(store.db);
      console.log(`发送失败（dead）${counts.dead ?? 0} 条，待发送 ${(counts.pending ?? 0) + (counts.sending ?? 0)} 条。`);
      for (const r of rows) {
        console.log(
          [`#${r.id}`, r.key, `${r.platform}:${r.chatId}`, `尝试 ${r.attempts} 次`, new Date(r.createdAt).toISOString(), r.lastError ?? '', truncate(payloadOf(r).text, 40)].join('\t'),
        );
      }
      if (rows.length > 0) console.log('重新发送：npm run outbox -- --retry <编号|all>');
    }
    if (values.retry !== undefined) {
      const n = await retryDead(store.db, ids, Date.now());
      console.log(`已重新排队 ${n} 条，服务运行时会自动发送（或运行 npm run tick）。`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
