import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_NOW, benchUser } from '../../../bench/scales.js';
import { ROOT } from './server.js';

/** The generated year ends at this moment; a server started with this clock sees it as "now". */
export const EXPORT_CLOCK = new Date(BENCH_NOW);

/** `npm run bench:data -- --scale yuxi --out <path>`: Yuxi's 718 villages and 5,647 cadres, a year of activity. */
export function generateYuxi(path: string): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'bench/generate-data.ts', '--scale', 'yuxi', '--out', path], { cwd: ROOT, stdio: 'ignore' });
}

/** The city's name (what 「导出 <name>」 takes) in a generated database. */
export function cityOf(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("select name from regions where level = 'city' order by code limit 1").get() as { name: string }).name;
  } finally {
    db.close();
  }
}

export interface Latencies {
  /** GET /healthz, milliseconds each. */
  healthz: number[];
  /** POST /dev/messages 「帮助」 from a township station (the whole pipeline), milliseconds each. */
  webhook: number[];
}

async function timed(run: () => Promise<Response>): Promise<number> {
  const t = performance.now();
  const res = await run();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`answered ${res.status}`);
  return performance.now() - t;
}

function consolePost(base: string, userId: string, chatId: string, text: string, eventId?: string): Promise<Response> {
  return fetch(`${base}/dev/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chatId, userId, userName: userId, text, chatType: 'private', ...(eventId ? { eventId } : {}) }),
  });
}

/** Samples both endpoints one after the other, every `intervalMs`, while `more()` holds. */
async function sample(base: string, more: () => boolean, intervalMs: number, into: Latencies, from: string): Promise<void> {
  let n = 0;
  while (more()) {
    into.healthz.push(await timed(() => fetch(`${base}/healthz`)));
    into.webhook.push(await timed(() => consolePost(base, from, `private-${from}`, '帮助', `probe-${into.webhook.length}-${++n}-${performance.now()}`)));
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface ExportLatency {
  baseline: Latencies;
  during: Latencies;
  /** How long the export took, or null when the window closed first (the server still building it). */
  exportMs: number | null;
  /** The export's reply texts, when it finished within the window. */
  replies: string[];
}

/**
 * Latency of /healthz and of a console webhook on an idle server for `baselineMs`, then while the
 * admin's city-wide 「导出」 runs, for at most `windowMs`.
 */
export async function exportLatency(base: string, city: string, station: string, options: { baselineMs: number; windowMs: number; intervalMs: number }): Promise<ExportLatency> {
  const from = benchUser(station);
  const baseline: Latencies = { healthz: [], webhook: [] };
  const until = performance.now() + options.baselineMs;
  await sample(base, () => performance.now() < until, options.intervalMs, baseline, from);

  const admin = benchUser('admin');
  const started = performance.now();
  let finished: number | null = null;
  let replies: string[] = [];
  const exporting = consolePost(base, admin, `private-${admin}`, `导出 ${city}`)
    .then((r) => r.json() as Promise<{ replies: { text: string }[] }>)
    .then((body) => {
      finished = performance.now() - started;
      replies = body.replies.map((r) => r.text);
    });
  exporting.catch(() => undefined);
  const during: Latencies = { healthz: [], webhook: [] };
  const closes = started + options.windowMs;
  await sample(base, () => finished === null && performance.now() < closes, options.intervalMs, during, from);
  return { baseline, during, exportMs: finished, replies };
}

export interface CommandsLatency {
  during: Latencies;
  /** How long each command took to answer, milliseconds, in the order sent. */
  commandMs: number[];
  /** The first reply of each command. */
  replies: string[];
}

/**
 * Latency of /healthz and of a console webhook while the admin sends `commands` one after the
 * other in private (each waits for its answer), sampled every `intervalMs`.
 */
export async function commandsLatency(base: string, commands: readonly string[], station: string, intervalMs: number): Promise<CommandsLatency> {
  const from = benchUser(station);
  const admin = benchUser('admin');
  let done = false;
  const commandMs: number[] = [];
  const replies: string[] = [];
  const sending = (async () => {
    try {
      for (const text of commands) {
        const t = performance.now();
        const body = (await (await consolePost(base, admin, `private-${admin}`, text)).json()) as { replies: { text: string }[] };
        commandMs.push(performance.now() - t);
        replies.push(body.replies[0]?.text ?? '');
      }
    } finally {
      done = true;
    }
  })();
  const during: Latencies = { healthz: [], webhook: [] };
  await sample(base, () => !done, intervalMs, during, from);
  await sending;
  return { during, commandMs, replies };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** p50, p99 and max of both endpoints' samples, in milliseconds, for a test's log line. */
export function latencySummary(l: Latencies) {
  return {
    healthzP50: percentile(l.healthz, 50),
    healthzP99: percentile(l.healthz, 99),
    healthzMax: Math.max(...l.healthz),
    webhookP50: percentile(l.webhook, 50),
    webhookP99: percentile(l.webhook, 99),
    webhookMax: Math.max(...l.webhook),
  };
}

export function dbFile(dir: string): string {
  return join(dir, 'yuxi.db');
}
