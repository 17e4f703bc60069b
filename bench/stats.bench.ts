/**
 * Measures the /stats path end to end (dedupe, context, queries, rollup, text, the atomic write of
 * the reply) on a generated database, for one county and for the whole area:
 *
 *   npm run bench:data -- --scale yuxi && npm run bench:stats -- --scale yuxi
 *
 * Options: --db <file> (default data/bench-<scale>.db), --runs <n> per county case (default 200;
 * whole-area cases run a tenth as often, at least 20), --only county|all. Prints a Markdown table for docs/BENCHMARKS.md.
 * Not part of `npm test`: it needs the generated file, and timings are not assertions.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createBot } from '../src/bot/create-bot.js';
import { silentLogger } from '../src/bot/engine/ports.js';
import { parseConfig } from '../src/config.js';
import { openSqliteStore } from '../src/db/sqlite.js';
import type { InboundEvent } from '../src/domain/types.js';
import { BENCH_NOW, benchUser, type ScaleName } from './scales.js';

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'yuxi' }, db: { type: 'string' }, runs: { type: 'string', default: '200' }, only: { type: 'string' } } });
  const scale = values.scale as ScaleName;
  const path = values.db ?? `data/bench-${scale}.db`;
  if (!existsSync(path)) throw new Error(`${path} does not exist: run npm run bench:data -- --scale ${scale} first`);
  const runs = Number(values.runs);
  const store = openSqliteStore(path);
  const config = parseConfig({ DATABASE_PATH: path, DASHBOARD_SECRET: 'bench-dashboard-secret-0123456789' });
  let n = 0;
  const bot = await createBot({ config, store, clock: () => new Date(BENCH_NOW), logger: silentLogger, newId: () => `bench-id-${++n}` });

  // The county with the most villages: the slowest county a station could ask about.
  const county = store.sqlite
    .prepare(
      `select c.code, c.name, count(v.code) as villages from regions c join regions v on v.level = 'village' and v.path >= c.path || '/' and v.path < c.path || '0'
       where c.level = 'county' group by c.code order by villages desc, c.code limit 1`,
    )
    .get() as { code: string; name: string; villages: number };
  const counts = store.sqlite.prepare(`select (select count(*) from records) as records, (select count(*) from meeting_attendance) as signIns`).get() as {
    records: number;
    signIns: number;
  };

  const cases: { label: string; user: string; text: string; runs: number }[] = [
    { label: `一个县（${county.name}，${county.villages} 村）· 本月`, user: benchUser(county.code), text: '统计', runs },
    { label: `一个县（${county.name}）· 全部`, user: benchUser(county.code), text: '统计 全部', runs },
    { label: '全域 · 本月', user: benchUser('admin'), text: '统计', runs: Math.max(20, Math.floor(runs / 10)) },
    { label: '全域 · 全部', user: benchUser('admin'), text: '统计 全部', runs: Math.max(20, Math.floor(runs / 10)) },
  ];

  const rows: string[] = [];
  for (const c of cases.filter((x) => !values.only || (values.only === 'county') === x.label.startsWith('一个县'))) {
    const times: number[] = [];
    let reply = '';
    for (let i = -3; i < c.runs; i++) {
      const event: InboundEvent = {
        platform: 'local',
        eventId: `bench-${c.user}-${c.text}-${i}-${Math.random()}`,
        chat: { platform: 'local', chatId: `private-${c.user}`, threadId: null, type: 'private' },
        sender: { userId: c.user, displayName: c.user },
        at: new Date(BENCH_NOW),
        payload: { type: 'message', text: c.text },
      };
      const t0 = performance.now();
      const result = await bot.pipeline.handle(event);
      const ms = performance.now() - t0;
      if (i >= 0) times.push(ms);
      if (i === -3) reply = result.keys[0] ?? '';
    }
    if (!reply) throw new Error(`${c.label}: /stats queued no reply`);
    times.sort((a, b) => a - b);
    rows.push(`| ${scale} | ${c.label} | ${c.runs} | ${quantile(times, 0.5).toFixed(1)} | ${quantile(times, 0.95).toFixed(1)} |`);
  }
  console.log(`\n${scale}: ${path}, ${counts.records.toLocaleString('en')} records, ${counts.signIns.toLocaleString('en')} sign-ins\n`);
  console.log('| scale | /stats for | runs | p50 ms | p95 ms |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  await store.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
