import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/db/sqlite.js';
import { APP_ID, ENCRYPT_KEY, larkSuggestEvent, signedLarkRequest, suggestUpdate, telegramHeaders } from '../../test/reliability/support/payloads.js';
import { seedLoadRoster, type RosterShape } from '../../test/reliability/support/roster.js';
import { buildForStart, npmStartCommand, startProcess, type RunningProcess } from '../../test/reliability/support/server.js';
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
export const SHAPE: RosterShape = { cadres: 4_000, villages: 500 };
/** (e): the same load spread over 1,000 village groups, for the memory that grows with chats (pacing, rate limits, caches). */
const WIDE: RosterShape = { cadres: 4_000, villages: 1_000 };

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

/**
 * Builds dist/node.js as `npm start` does (its prestart) and returns a starter running it with the
 * Node flags of the start script, so (c) and (d) are measured as they are deployed.
 */
export function buildServer(): (env: Record<string, string>) => Promise<RunningProcess> {
  buildForStart();
  const { nodeArgs, entry } = npmStartCommand();
  return (env) => startProcess(entry, { HOST: '127.0.0.1', PORT: '0', ...env }, /归乡已启动：(http:\/\/127\.0\.0\.1:\d+)/u, { tsx: false, nodeArgs });
}

/** Child processes started for a run, so every one can be stopped when it ends or fails. */
export function processTracker() {
  const running: RunningProcess[] = [];
  const track = async (p: Promise<RunningProcess>) => {
    const r = await p;
    running.push(r);
    return r;
  };
  return { running, track };
}

export async function seeded(path: string, shape: RosterShape = SHAPE): Promise<string> {
  const store = openSqliteStore(path);
  await seedLoadRoster(store, shape);
  await store.close();
  return path;
}

interface Case {
  name: 'a' | 'b' | 'c' | 'd' | 'e';
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
  const { running, track } = processTracker();
  try {
    const startServer = buildServer();
    const platform = await track(startProcess('bench/webhook/fake-platform.ts', {}, /(\{"telegram".*\})/u));
    const urls = JSON.parse(platform.base) as { telegram: string; echo: string; lark: string; counts: string };
    const telegramEnv = {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO),
      TELEGRAM_API_ROOT: urls.telegram,
      DASHBOARD_SECRET: 'bench-dashboard-secret-0123456789',
    };
    const telegramBody = (i: number) => JSON.stringify(suggestUpdate(i, SHAPE));
    const larkRequests = new Map<number, { body: string; headers: Record<string, string> }>();
    const telegramDb = await seeded(join(dir, 'telegram.db'));
    const larkDb = await seeded(join(dir, 'lark.db'));
    const wideDb = await seeded(join(dir, 'wide.db'), WIDE);

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
        server: await track(startServer({ DATABASE_PATH: larkDb, LARK_APP_ID: APP_ID, LARK_APP_SECRET: 'bench-app-secret', LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: urls.lark, DASHBOARD_SECRET: 'bench-dashboard-secret-0123456789' })),
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
      {
        name: 'e',
        // Its replies go to the echo API, so (c)'s count of replies sent stays its own.
        server: await track(startServer({ ...telegramEnv, TELEGRAM_API_ROOT: urls.echo, DATABASE_PATH: wideDb })),
        db: wideDb,
        path: '/webhook/telegram',
        headers: () => telegramHeaders(),
        // update_ids apart from (c)'s: both servers count replies on the same fake Bot API.
        body: (i) => JSON.stringify(suggestUpdate(i, WIDE, 910_000_000)),
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
const WHERE_IT_GOES = [
  'Where it goes (profiled with `--cpu-prof` on the built server under the (c) load, 2026-11-29). About two fifths of the CPU is SQLite itself: the reads of an event (dedupe, chat, sender, roles, village, numbering, five-ones counts, the village\'s earlier suggestions) about a fifth, the inserts a tenth, the commit a tenth. Garbage collection is under a tenth, the HTTP layer and our own code most of the rest, and the server sat idle a fifth of the time, waiting for the load generator on the same two cores. Query building in drizzle, once a third of the CPU, is down to about 2 %.',
  'What changed for these figures (from 931 req/s, c/b 0.24, and 621 req/s for (d)): (1) group commit (`store.group` in `src/db/sqlite.ts`, used by `src/bot/engine/pipeline.ts`): webhooks that arrive in the same turn of the event loop are decided one after another inside one SQLite transaction, each event\'s write a savepoint, and none is answered 200 before that transaction is committed; work that waits for real I/O commits what is decided so far at once, so no write lock is held across it (`test/db/group-commit.test.ts`). (2) The hot writes are compiled once (`compiledWrite` in `src/db/prepared.ts`: drizzle builds the SQL with placeholders once per connection, each event only binds values) and the hot reads are drizzle `.prepare()`d once per connection, outbox claim and mark included; on D1 the same code builds statements per call, as before. (3) Bodies are read from Node\'s request directly under @hono/node-server instead of through a web Request and stream per webhook (`src/bot/engine/http/body.ts`). (4) The Telegram secret is compared with node:crypto synchronously instead of two WebCrypto digests; suggestion bigrams are computed in one pass instead of a dozen regular-expression passes (`test/suggestions/bigrams.test.ts` checks it against the old definition on 20,000 texts); a chat heard from again unchanged costs no write; log lines of one event-loop turn go out in one write. (5) Feishu sends are paced to the message API\'s documented limits (5 a second per user, 4 per group, 50 a second and 1,000 a minute per app) instead of a drain firing every chat\'s rows at once, which is also what makes (d) reply at that pace here. (6) An index on records that was a prefix of another (`records_region_kind`, drizzle/0007) is gone, one b-tree insert fewer per record.',
  'Memory: `npm start` runs Node with `--max-semi-space-size=2` (a young generation of 2 MB semi-spaces instead of up to 16 MB) and `--heap-growing-percent=25` (after a full collection the old generation may grow by a quarter before the next, instead of V8\'s adaptive factor of up to several times, which under load let 30 MB of live data sit in 85 MB of heap). Measured on (c) before and after in the same session: idle 135 → 98–102 MB, peak 160–200 → 106–129 MB, throughput 2,640–2,880 against 2,700–3,400 req/s in runs of the same build, so at most a tenth lower, within the spread between runs on this machine. The Feishu SDK (for (d)) is bundled from its ES build and minified into `dist/` (6.2 MB of source to 1.4 MB, about 30 MB less once loaded) and still loaded only when Feishu is configured. Neither flag caps the heap: a province-scale tick that needs more memory gets it, with more frequent collections. SQLite keeps 4 MB of pages per connection instead of better-sqlite3\'s 16 MB (10–15 MB less under load, same throughput, /stats at province scale as fast).',
].join('\n\n');

/** The Markdown section for docs/BENCHMARKS.md. */
export function webhookSection(figures: ServerFigures[], options: WebhookOptions, machine: string): string {
  const by = Object.fromEntries(figures.map((f) => [f.name, f])) as Record<'a' | 'b' | 'c' | 'd' | 'e', ServerFigures>;
  const label: Record<string, string> = {
    a: '(a) bare Hono: POST, `JSON.parse`, 200',
    b: '(b) grammY echo bot on `webhookCallback(bot, "hono")`',
    c: '(c) our pipeline: Telegram `/suggest`',
    d: '(d) our pipeline: Feishu 「建议」, encrypted and signed',
    e: '(e) our pipeline: Telegram `/suggest` spread over 1,000 village groups',
  };
  const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;
  const rows = figures.map(
    (f) =>
      `| ${label[f.name]} | **${f.load.perSecond.toFixed(0)}** (${f.rounds.map((r) => r.perSecond.toFixed(0)).join(' / ')}) | ${f.load.p50} | ${f.load.p99} | ${f.rounds.reduce((n, r) => n + r.ok, 0).toLocaleString('en')} / ${f.rounds.reduce((n, r) => n + r.requests, 0).toLocaleString('en')} | ${mb(f.idleRss)} | ${mb(f.peakRss)} | ${f.records === undefined ? '—' : `${f.records.toLocaleString('en')} / ${f.delivered === undefined ? '—' : f.delivered.toLocaleString('en')}`} |`,
  );
  const ratio = (x: ServerFigures, y: ServerFigures) => (x.load.perSecond / y.load.perSecond).toFixed(2);
  const cb = by.c.load.perSecond / by.b.load.perSecond;
  const peak = Math.max(by.c.peakRss, by.d.peakRss);
  const widePeak = by.e ? by.e.peakRss : null;
  const total = options.warmup + options.rounds * options.amount;
  return [
    '## Webhook throughput, latency and memory',
    '',
    `\`npm run bench\` (or \`npm run bench -- --only webhook\`). ${machine}. Each server runs alone in its own process started from its real entry (for c and d \`dist/node.js\`, the build of \`src/node.ts\` that \`npm start\` makes and runs with plain Node, each on a fresh SQLite file in a temp dir; a and b through tsx); the platforms' APIs are the tests' fakes in a third process; autocannon sends from the benchmark process over 127.0.0.1 with ${options.connections} connections. After ${options.warmup.toLocaleString('en')} warm-up requests each, the servers take turns for ${options.rounds} rounds of ${options.amount.toLocaleString('en')} requests, so a busy moment on the machine does not fall on one of them only; the table gives the median round (all rounds in brackets).`,
    '',
    '| server | req/s | p50 ms | p99 ms | 2xx / sent | RSS idle | RSS peak | suggestions written / replies sent by the end |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Ratios: **c/a ${ratio(by.c, by.a)}**, **c/b ${ratio(by.c, by.b)}** (target ≥ 0.8: ${cb >= 0.8 ? 'met' : '**not met**'}), **d/a ${ratio(by.d, by.a)}**. RSS of our server: ${mb(Math.max(by.c.idleRss, by.d.idleRss))} idle, ${mb(peak)} at most under load (target < 150 MB: ${peak < 150 * MB ? 'met' : '**not met**'})${widePeak === null ? '' : `; with the load spread over 1,000 group chats (e) ${mb(widePeak)} at most (target < 150 MB: ${widePeak < 150 * MB ? 'met' : '**not met**'})`}.`,
    '',
    `What one request does. (a) parses the body and answers. (b) checks the secret token, lets grammY route the update and awaits \`sendMessage\` to the Bot API before answering, as \`ctx.reply\` in a handler does. (c) checks the secret token, parses the update, dedupes on \`update_id\`, loads the sender, chat, roles and village, files the suggestion (number, tags, comparison with the village's earlier suggestions, five-ones progress for the reply), writes the processed-event row, the record and the reply (as a savepoint of the group commit that webhooks arriving together share) and answers 200 once that transaction is committed; the reply goes out afterwards through the outbox at Telegram's pace (20 a minute per group, 30 a second in all), which is why far fewer replies than suggestions had been sent when the load stopped. (d) does the same after checking the signature and the timestamp and decrypting the AES-256-CBC body, and its replies go out at Feishu's pace (1,000 a minute per app). Updates come from 4,000 joined cadres in 500 bound village groups, and all ${total.toLocaleString('en')} \`update_id\`s / \`event_id\`s of a server are distinct, so none is answered from the dedupe table; "suggestions written" equals the 2xx count plus the warm-up.`,
    '',
    WHERE_IT_GOES,
  ].join('\n');
}
