/**
 * Database size under a long /help flood (`npm run bench -- --only retention`): `updates` /help
 * updates spread over `days` of a fixed clock advancing an hour at a time, the outbox drained and
 * the tick (retention included) run every hour, through the real Telegram webhook and pipeline on
 * a SQLite file. Once seven days have passed, processed events and sent replies are pruned as fast
 * as they arrive and the pages in use stop growing.
 */
import { helpFlood, type GrowthSample } from '../test/reliability/support/growth.js';

export interface RetentionOptions {
  updates: number;
  days: number;
}

export const DEFAULT_RETENTION_OPTIONS: RetentionOptions = { updates: 100_000, days: 14 };

export interface RetentionFigures {
  samples: GrowthSample[];
  answered: number;
  ms: number;
}

export async function runRetentionBenchmark(options: RetentionOptions = DEFAULT_RETENTION_OPTIONS, log: (line: string) => void = console.error): Promise<RetentionFigures> {
  log(`retention: ${options.updates} /help updates over ${options.days} days`);
  const started = performance.now();
  const { samples, answered } = await helpFlood(options.updates, options.days, { cadres: 200, villages: 40 });
  return { samples, answered, ms: performance.now() - started };
}

export function retentionSection(f: RetentionFigures, options: RetentionOptions, machine: string): string {
  const n = (x: number) => x.toLocaleString('en');
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
  const day7 = f.samples.find((s) => s.day === 7);
  const last = f.samples.at(-1)!;
  const ratio = day7 ? last.usedBytes / day7.usedBytes : Number.NaN;
  return [
    '## Database size under a /help flood',
    '',
    `\`npm run bench -- --only retention\` (source \`bench/retention.bench.ts\`; \`test/reliability/retention.test.ts\` asserts the same at 2,016 updates). ${machine}. ${n(options.updates)} \`/help\` updates from 200 cadres in 40 village groups, spread evenly over ${options.days} days of a fixed clock advancing an hour at a time; every hour the outbox is drained and the tick runs on the hour, so retention sweeps once an hour here (every ten minutes in production), at most 2,000 rows per table a sweep. ${n(f.answered)} answered; ${(f.ms / 60_000).toFixed(1)} minutes in all. Pages in use = page count less the free list (what the file would be after VACUUM); the file itself keeps its high-water mark and reuses freed pages.`,
    '',
    '| day | processed_events | outbox rows (replies) | pages in use |',
    '| --- | --- | --- | --- |',
    ...f.samples.map((s) => `| ${s.day} | ${n(s.processed)} | ${n(s.outbox)} (${n(s.replies)}) | ${mb(s.usedBytes)} |`),
    '',
    `Day ${last.day} against day 7 (when retention starts to remove as much as arrives): pages in use ×${ratio.toFixed(2)}.`,
  ].join('\n');
}
