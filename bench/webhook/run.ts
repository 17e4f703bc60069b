import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/db/sqlite.js';
import { APP_ID, ENCRYPT_KEY, larkSuggestEvent, signedLarkRequest, suggestUpdate, telegramHeaders } from '../../test/reliability/support/payloads.js';
import { seedLoadRoster, type RosterShape } from '../../test/reliability/support/roster.js';
import { startProcess, startServer, type RunningProcess } from '../../test/reliability/support/server.js';
import { BOT_INFO } from '../../test/telegram/support/fake-bot-api.js';
import { SECRET, TOKEN } from '../../test/telegram/support/telegram-bot.js';
import { runLoad, type LoadResult } from './load.js';

export interface WebhookOptions {
  /** Measured requests per server and round. */
  amount: number;
  /** Rounds; the servers take turns each round, so a busy moment on the machine hits all of them. */
  rounds: number;
  /** Unmeasured requests first, so every server runs warmed up. */
  warmup: number;
  connections: number;
  /** Each measured run stops here even if requests are left. */
  timeLimitMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = { amount: 5_000, rounds: 3, warmup: 1_000, connections: 16, timeLimitMs: 60_000 };

/** Villages and cadres behind (c) and (d): a few tens of suggestions per village over a run. */
const SHAPE: RosterShape = { cadres: 4_000, villages: 500 };

export interface ServerFigures {
  name: string;
  /** The median round by requests per second. */
  load: LoadResult;
  rounds: LoadResult[];
  idleRss: number;
  peakRss: number;
  /** Suggestions in the database after the run (c and d): one per request answered 200. */
  records?: number;
  /** Replies the fake platform had received when the run ended (sending goes on after 200). */
  delivered?: number;
}

const MB = 1024 * 1024;

async function counts(url: string): Promise<{ telegram: number; lark: number }> {
  return (await (await fetch(url)).json()) as { telegram: number; lark: number };
}

function recordsIn(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from records where kind = 'suggestion'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function seeded(path: string): Promise<string> {
  const store = openSqliteStore(path);
  await seedLoadRoster(store, SHAPE);
  await store.close();
  return path;
}

interface Case {
  name: 'a' | 'b' | 'c' | 'd';
  server: RunningProcess;
  path: string;
  headers: (i: number) => Record<string, string>;
  body: (i: number) => string;
  /** Builds requests [from, to) just before they are sent (Feishu signatures age). */
  prepare?: (from: number, to: number) => void;
  db?: string;
  platform?: 'telegram' | 'lark';
}

/**
 * Runs (a), (b), (c) and (d) on this machine, each in its own process started from its real
 * entry, with the load generator in this one, and returns their figures. Every child is stopped
 * (process group) before this returns, also when a run fails.
 */
export async function runWebhookBenchmark(options: WebhookOptions = DEFAULT_WEBHOOK_OPTIONS, log: (line: string) => void = console.error): Promise<ServerFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'guixiang-bench-'));
  const running: RunningProcess[] = [];
  const track = async (p: Promise<RunningProcess>) => {
    const r = await p;
    running.push(r);
    return r;
  };
  try {
    const platform = await track(startProcess('bench/webhook/fake-platform.ts', {}, /(\{"telegram".*\})/u));
    const urls = JSON.parse(platform.base) as { telegram: string; echo: string; lark: string; counts: string };
    const telegramEnv = {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO),
      TELEGRAM_API_ROOT: urls.telegram,
    };
    const telegramBody = (i: number) => JSON.stringify(suggestUpdate(i, SHAPE));
    const larkRequests = new Map<number, { body: string; headers: Record<string, string> }>();
    const telegramDb = await seeded(join(dir, 'telegram.db'));
    const larkDb = await seeded(join(dir, 'lark.db'));

    const cases: Case[] = [
      {
        name: 'a',
        server: await track(startProcess('bench/webhook/bare-server.ts', {}, /listening (http:\/\/127\.0\.0\.1:\d+)/u)),
        path: '/webhook',
        headers: () => ({ 'content-type': 'application/json' }),
        body: telegramBody,
      },
      {
        name: 'b',
        server: await track(startProcess('bench/webhook/grammy-server.ts', { ...telegramEnv, TELEGRAM_API_ROOT: urls.echo }, /listening (http:\/\/127\.0\.0\.1:\d+)/u)),
        path: '/webhook',
        headers: () => telegramHeaders(),
        body: telegramBody,
      },
      {
        name: 'c',
        server: await track(startServer({ ...telegramEnv, DATABASE_PATH: telegramDb })),
        db: telegramDb,
        platform: 'telegram',
        path: '/webhook/telegram',
        headers: () => telegramHeaders(),
        body: telegramBody,
      },
      {
        name: 'd',
        server: await track(startServer({ DATABASE_PATH: larkDb, LARK_APP_ID: APP_ID, LARK_APP_SECRET: 'bench-app-secret', LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: urls.lark })),
        db: larkDb,
        platform: 'lark',
        path: '/webhook/lark',
        prepare: (from, to) => {
          larkRequests.clear();
          const now = Date.now();
          for (let i = from; i < to; i++) larkRequests.set(i, signedLarkRequest(larkSuggestEvent(i, SHAPE), now, { nonce: `bench-${i}` }));
        },
        headers: (i) => larkRequests.get(i)!.headers,
        body: (i) => larkRequests.get(i)!.body,
      },
    ];

    await new Promise((r) => setTimeout(r, 1_500));
    const idle = new Map(cases.map((c) => [c.name, c.server.rss()]));
    const rounds = new Map<string, LoadResult[]>(cases.map((c) => [c.name, []]));
    const before = await counts(urls.counts);
    let offset = 0;
    const send = async (c: Case, amount: number, rss: () => number) => {
      const from = offset;
      offset += amount;
      c.prepare?.(from, from + amount);
      return runLoad({
        url: `${c.server.base}${c.path}`,
        headers: (i) => c.headers(from + i),
        body: (i) => c.body(from + i),
        amount,
        connections: options.connections,
        timeLimitMs: options.timeLimitMs,
        rss,
      });
    };
    for (const c of cases) await send(c, options.warmup, () => 0);
    for (let r = 0; r < options.rounds; r++) {
      for (const c of cases) {
        const load = await send(c, options.amount, () => c.server.rss());
        rounds.get(c.name)!.push(load);
        log(`round ${r + 1} (${c.name}) ${load.perSecond.toFixed(0)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.ok}/${load.requests} 2xx${Object.keys(load.other).length ? ` ${JSON.stringify(load.other)}` : ''}, RSS peak ${(load.peakRss / MB).toFixed(0)} MB`);
      }
    }
    const after = await counts(urls.counts);
    const figures: ServerFigures[] = [];
    for (const c of cases) {
      await c.server.stop();
      running.splice(running.indexOf(c.server), 1);
      const list = rounds.get(c.name)!;
      const median = [...list].sort((x, y) => x.perSecond - y.perSecond)[Math.floor(list.length / 2)]!;
      const f: ServerFigures = { name: c.name, load: median, rounds: list, idleRss: idle.get(c.name)!, peakRss: Math.max(...list.map((l) => l.peakRss)) };
      if (c.db) f.records = recordsIn(c.db);
      if (c.platform) f.delivered = after[c.platform] - before[c.platform];
      figures.push(f);
    }
    return figures;
  } finally {
    for (const p of running.reverse()) await p.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What profiling showed; kept with the figures it explains. */
const WHERE_IT_GOES =
  "Where it goes (profiled with `--cpu-prof` on the real server under this load). Time: one `/suggest` runs about twenty SQL statements (dedupe, context, five-ones progress, numbering, the similar-suggestion check, the commit, and the outbox claim and mark of its reply); each costs about 40 µs in drizzle building the query against 2 µs for SQLite to run it, so query building, not SQLite, is most of the gap to (b); the commit's write-ahead log write and the one-line JSON log per event come next. Memory: loading the code through tsx (`npm start`) adds about 35 MB over plain Node, and the Feishu SDK (a 6 MB CommonJS file imported from ESM) about 100 MB more; both load whatever is configured. Already changed for these figures: statements compiled once and reused (`src/db/sqlite.ts`), bursts of webhooks sharing one outbox pass instead of queueing one each (`src/bot/outbox/dispatcher.ts`), the unsent-rows query and the similar-suggestion query kept on indexes that do not grow with history (`src/db/repo/outbox.ts`, `src/db/repo/suggestions.ts`; the first went from 9 ms to 0.2 ms at 50,000 sent rows), exceljs loaded on the first export. Next steps that would close the gap: drizzle `.prepare()`d queries for the per-event reads, and running a compiled build instead of tsx.";

/** The Markdown section for docs/BENCHMARKS.md. */
export function webhookSection(figures: ServerFigures[], options: WebhookOptions, machine: string): string {
  const by = Object.fromEntries(figures.map((f) => [f.name, f])) as Record<'a' | 'b' | 'c' | 'd', ServerFigures>;
  const label: Record<string, string> = {
    a: '(a) bare Hono: POST, `JSON.parse`, 200',
    b: '(b) grammY echo bot on `webhookCallback(bot, "hono")`',
    c: '(c) our pipeline: Telegram `/suggest`',
    d: '(d) our pipeline: Feishu 「建议」, encrypted and signed',
  };
  const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;
  const rows = figures.map(
    (f) =>
      `| ${label[f.name]} | **${f.load.perSecond.toFixed(0)}** (${f.rounds.map((r) => r.perSecond.toFixed(0)).join(' / ')}) | ${f.load.p50} | ${f.load.p99} | ${f.rounds.reduce((n, r) => n + r.ok, 0).toLocaleString('en')} / ${f.rounds.reduce((n, r) => n + r.requests, 0).toLocaleString('en')} | ${mb(f.idleRss)} | ${mb(f.peakRss)} | ${f.records === undefined ? '—' : `${f.records.toLocaleString('en')} / ${f.delivered!.toLocaleString('en')}`} |`,
  );
  const ratio = (x: ServerFigures, y: ServerFigures) => (x.load.perSecond / y.load.perSecond).toFixed(2);
  const cb = by.c.load.perSecond / by.b.load.perSecond;
  const peak = Math.max(by.c.peakRss, by.d.peakRss);
  const total = options.warmup + options.rounds * options.amount;
  return [
    '## Webhook throughput, latency and memory',
    '',
    `\`npm run bench\` (or \`npm run bench -- --only webhook\`). ${machine}. Each server runs alone in its own process started from its real entry (\`src/node.ts\` for c and d, each on a fresh SQLite file in a temp dir, through tsx as \`npm start\` runs it); the platforms' APIs are the tests' fakes in a third process; autocannon sends from the benchmark process over 127.0.0.1 with ${options.connections} connections. After ${options.warmup.toLocaleString('en')} warm-up requests each, the servers take turns for ${options.rounds} rounds of ${options.amount.toLocaleString('en')} requests, so a busy moment on the machine does not fall on one of them only; the table gives the median round (all rounds in brackets).`,
    '',
    '| server | req/s | p50 ms | p99 ms | 2xx / sent | RSS idle | RSS peak | suggestions written / replies sent by the end |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Ratios: **c/a ${ratio(by.c, by.a)}**, **c/b ${ratio(by.c, by.b)}** (target ≥ 0.8: ${cb >= 0.8 ? 'met' : '**not met**'}), **d/a ${ratio(by.d, by.a)}**. RSS of our server: ${mb(Math.max(by.c.idleRss, by.d.idleRss))} idle, ${mb(peak)} at most under load (target < 150 MB: ${peak < 150 * MB ? 'met' : '**not met**'}).`,
    '',
    `What one request does. (a) parses the body and answers. (b) checks the secret token, lets grammY route the update and awaits \`sendMessage\` to the Bot API before answering, as \`ctx.reply\` in a handler does. (c) checks the secret token, parses the update, dedupes on \`update_id\`, loads the sender, chat, roles and village, files the suggestion (number, tags, comparison with the village's earlier suggestions, five-ones progress for the reply), commits the processed-event row, the record and the reply in one SQLite transaction and answers 200; the reply goes out afterwards through the outbox at Telegram's pace (20 a minute per group, 30 a second in all), which is why far fewer replies than suggestions had been sent when the load stopped. (d) does the same after checking the signature and the timestamp and decrypting the AES-256-CBC body. Updates come from 4,000 joined cadres in 500 bound village groups, and all ${total.toLocaleString('en')} \`update_id\`s / \`event_id\`s of a server are distinct, so none is answered from the dedupe table; "suggestions written" equals the 2xx count plus the warm-up.`,
    '',
    WHERE_IT_GOES,
  ].join('\n');
}
