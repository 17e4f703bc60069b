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
  /** Measured requests per server. */
  amount: number;
  /** Unmeasured requests first, so every server runs warmed up. */
  warmup: number;
  connections: number;
  /** Each measured run stops here even if requests are left. */
  timeLimitMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = { amount: 10_000, warmup: 1_000, connections: 16, timeLimitMs: 60_000 };

/** Villages and cadres behind (c) and (d): a few tens of suggestions per village over a run. */
const SHAPE: RosterShape = { cadres: 4_000, villages: 500 };

export interface ServerFigures {
  name: string;
  load: LoadResult;
  idleRss: number;
  /** Suggestions in the database after the run (c and d): one per request answered 200. */
  records?: number;
  /** Replies the fake platform had received when the run ended (sending goes on after 200). */
  delivered?: number;
}

const MB = 1024 * 1024;

async function settleIdle(p: RunningProcess): Promise<number> {
  await new Promise((r) => setTimeout(r, 1_500));
  return p.rss();
}

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

async function seeded(dir: string, name: string): Promise<string> {
  const path = join(dir, `${name}.db`);
  const store = openSqliteStore(path);
  await seedLoadRoster(store, SHAPE);
  await store.close();
  return path;
}

/**
 * Runs (a), (b), (c) and (d) one after another on this machine, each in its own process with the
 * load generator in this one, and returns their figures. Every child is stopped (process group)
 * before this returns, also when a run fails.
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
    const urls = JSON.parse(platform.base) as { telegram: string; lark: string; counts: string };
    const telegramEnv = {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO),
      TELEGRAM_API_ROOT: urls.telegram,
    };
    const total = options.warmup + options.amount;
    const telegramBody = (i: number) => JSON.stringify(suggestUpdate(i, SHAPE));
    let larkRequests: { body: string; headers: Record<string, string> }[] = [];

    const cases: {
      name: string;
      start: () => Promise<RunningProcess>;
      path: string;
      headers: (i: number) => Record<string, string>;
      body: (i: number) => string;
      prepare?: () => void;
      db?: string;
      platform?: 'telegram' | 'lark';
    }[] = [
      { name: 'a', start: () => startProcess('bench/webhook/bare-server.ts', {}, /listening (http:\/\/127\.0\.0\.1:\d+)/u), path: '/webhook', headers: () => ({ 'content-type': 'application/json' }), body: telegramBody },
      { name: 'b', start: () => startProcess('bench/webhook/grammy-server.ts', telegramEnv, /listening (http:\/\/127\.0\.0\.1:\d+)/u), path: '/webhook', headers: () => telegramHeaders(), body: telegramBody },
      {
        name: 'c',
        db: await seeded(dir, 'telegram'),
        platform: 'telegram',
        start: () => startServer({ ...telegramEnv, DATABASE_PATH: join(dir, 'telegram.db') }),
        path: '/webhook/telegram',
        headers: () => telegramHeaders(),
        body: telegramBody,
      },
      {
        name: 'd',
        db: await seeded(dir, 'lark'),
        platform: 'lark',
        start: () => startServer({ DATABASE_PATH: join(dir, 'lark.db'), LARK_APP_ID: APP_ID, LARK_APP_SECRET: 'bench-app-secret', LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: urls.lark }),
        path: '/webhook/lark',
        // Signed just before the run: Feishu's signatures are refused once 5 minutes old.
        prepare: () => {
          const now = Date.now();
          larkRequests = Array.from({ length: total }, (_, i) => signedLarkRequest(larkSuggestEvent(i, SHAPE), now, { nonce: `bench-${i}` }));
        },
        headers: (i) => larkRequests[i]!.headers,
        body: (i) => larkRequests[i]!.body,
      },
    ];

    const figures: ServerFigures[] = [];
    for (const c of cases) {
      const server = await track(c.start());
      const idleRss = await settleIdle(server);
      c.prepare?.();
      const url = `${server.base}${c.path}`;
      const before = await counts(urls.counts);
      await runLoad({ url, headers: c.headers, body: c.body, amount: options.warmup, connections: options.connections, timeLimitMs: options.timeLimitMs, rss: () => 0 });
      const load = await runLoad({
        url,
        headers: (i) => c.headers(options.warmup + i),
        body: (i) => c.body(options.warmup + i),
        amount: options.amount,
        connections: options.connections,
        timeLimitMs: options.timeLimitMs,
        rss: () => server.rss(),
      });
      const after = await counts(urls.counts);
      const f: ServerFigures = { name: c.name, load, idleRss };
      if (c.platform) f.delivered = after[c.platform] - before[c.platform];
      await server.stop();
      running.splice(running.indexOf(server), 1);
      if (c.db) f.records = recordsIn(c.db);
      log(
        `(${c.name}) ${load.perSecond.toFixed(0)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.ok}/${load.requests} 2xx${Object.keys(load.other).length ? ` ${JSON.stringify(load.other)}` : ''}, RSS idle ${(idleRss / MB).toFixed(0)} MB, peak ${(load.peakRss / MB).toFixed(0)} MB${f.records !== undefined ? `, ${f.records} records` : ''}`,
      );
      figures.push(f);
    }
    return figures;
  } finally {
    for (const p of running.reverse()) await p.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Markdown section for docs/BENCHMARKS.md. */
export function webhookSection(figures: ServerFigures[], options: WebhookOptions, machine: string): string {
  const by = Object.fromEntries(figures.map((f) => [f.name, f])) as Record<'a' | 'b' | 'c' | 'd', ServerFigures>;
  const label: Record<string, string> = {
    a: '(a) bare Hono, POST + JSON.parse',
    b: '(b) grammY echo bot, `webhookCallback(bot, "hono")`',
    c: '(c) our pipeline, Telegram `/suggest`',
    d: '(d) our pipeline, Feishu 「建议」 (encrypted, signed)',
  };
  const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;
  const rows = figures.map(
    (f) =>
      `| ${label[f.name]} | ${f.load.perSecond.toFixed(0)} | ${f.load.p50} | ${f.load.p99} | ${f.load.ok.toLocaleString('en')} / ${f.load.requests.toLocaleString('en')} | ${mb(f.idleRss)} | ${mb(f.load.peakRss)} | ${f.records === undefined ? '—' : `${f.records.toLocaleString('en')} records, ${f.delivered!.toLocaleString('en')} replies`} |`,
  );
  const ratio = (x: ServerFigures, y: ServerFigures) => (x.load.perSecond / y.load.perSecond).toFixed(2);
  const cb = by.c.load.perSecond / by.b.load.perSecond;
  const peak = Math.max(by.c.load.peakRss, by.d.load.peakRss);
  return [
    '## Webhook throughput, latency and memory',
    '',
    `\`npm run bench\` (or \`npm run bench -- --only webhook\`): ${options.amount.toLocaleString('en')} measured requests per server after ${options.warmup.toLocaleString('en')} of warm-up, ${options.connections} connections, autocannon in the benchmark process, each server alone in its own process started from its real entry (\`src/node.ts\` for c and d, on a fresh SQLite file in a temp dir), the platforms' APIs faked in a third process on 127.0.0.1. ${machine}.`,
    '',
    '| server | req/s | p50 ms | p99 ms | 2xx / sent | RSS idle | RSS peak under load | written / replies sent by the end |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Ratios: **c/a ${ratio(by.c, by.a)}**, **c/b ${ratio(by.c, by.b)}** (target ≥ 0.8: ${cb >= 0.8 ? 'met' : 'not met'}), **d/a ${ratio(by.d, by.a)}**. RSS of our server under load: ${mb(peak)} at most (target < 150 MB: ${peak < 150 * MB ? 'met' : 'not met'}).`,
    '',
    'What each request does. (a) parses the body and answers. (b) checks the secret token, lets grammY route the update and awaits `sendMessage` to the Bot API before answering, as `ctx.reply` in a handler does. (c) checks the secret token, parses the update, dedupes on `update_id`, loads the sender, chat and village, files the suggestion (number, tags, comparison with the village\'s earlier suggestions), commits the processed-event row, the record and the reply in one SQLite transaction, answers 200, and sends the reply afterwards through the outbox at Telegram\'s pace (20 a minute per group, 30 a second overall: the replies column shows how far sending had got when the load stopped). (d) does the same after checking the signature and timestamp and decrypting the AES-256-CBC body. Each update comes from one of 4,000 joined cadres in one of 500 bound village groups, and every `update_id` / `event_id` is distinct, so nothing is answered from the dedupe table.',
  ].join('\n');
}
