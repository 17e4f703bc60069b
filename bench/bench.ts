/**
 * `npm run bench`: the webhook benchmark (bench/webhook/) and the scheduler tick benchmark
 * (bench/tick.bench.ts), each writing its own section of docs/BENCHMARKS.md (other sections are
 * left as they are). Never part of `npm test`: figures depend on the machine, and are not assertions.
 *
 *   npm run bench                          both, default sizes
 *   npm run bench -- --only webhook        or --only tick, --only steady (latency at a fixed load), or --only export (webhook latency during a city-wide 导出)
 *   npm run bench -- --only retention      database size over 100,000 /help updates (long: not in the default run)
 *   npm run bench -- --only retention --amount 20000    fewer updates
 *   npm run bench -- --amount 2000 --rounds 1 --no-write    a quick look, docs untouched
 *
 * Everything runs on 127.0.0.1 with bounded request counts and time limits; child processes are
 * stopped (process group) when the run ends or fails.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { replaceSection } from './doc-section.js';
import { DEFAULT_EXPORT_OPTIONS, exportSection, runExportBenchmark } from './export.bench.js';
import { DEFAULT_RETENTION_OPTIONS, retentionSection, runRetentionBenchmark } from './retention.bench.js';
import { runTickBenchmark, tickSection } from './tick.bench.js';
import { DEFAULT_WEBHOOK_OPTIONS, runWebhookBenchmark, webhookSection } from './webhook/run.js';
import { DEFAULT_STEADY_OPTIONS, runSteadyBenchmark, steadySection } from './webhook/steady-run.js';

const DOC = new URL('../docs/BENCHMARKS.md', import.meta.url);

function machine(): string {
  const cpu = cpus();
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, a machine shared with other work (load average ${loadavg()[0]!.toFixed(1)} at the start)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      amount: { type: 'string' },
      rounds: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  if (values.only && !['webhook', 'tick', 'steady', 'export', 'retention'].includes(values.only)) throw new Error('--only takes webhook, tick, steady, export or retention');
  const sections: string[] = [];
  if (!values.only || values.only === 'webhook') {
    const options = {
      ...DEFAULT_WEBHOOK_OPTIONS,
      ...(values.amount ? { amount: Number(values.amount) } : {}),
      ...(values.rounds ? { rounds: Number(values.rounds) } : {}),
    };
    const where = machine();
    sections.push(webhookSection(await runWebhookBenchmark(options), options, where));
  }
  if (!values.only || values.only === 'steady') {
    sections.push(steadySection(await runSteadyBenchmark(DEFAULT_STEADY_OPTIONS), DEFAULT_STEADY_OPTIONS, machine()));
  }
  if (!values.only || values.only === 'tick') {
    const where = machine();
    sections.push(tickSection([await runTickBenchmark('yuxi'), await runTickBenchmark('province')], where));
  }
  if (!values.only || values.only === 'export') {
    const where = machine();
    sections.push(exportSection(await runExportBenchmark(DEFAULT_EXPORT_OPTIONS), DEFAULT_EXPORT_OPTIONS, where));
  }
  if (values.only === 'retention') {
    const where = machine();
    const options = { ...DEFAULT_RETENTION_OPTIONS, ...(values.amount ? { updates: Number(values.amount) } : {}) };
    sections.push(retentionSection(await runRetentionBenchmark(options), options, where));
  }
  for (const s of sections) console.log(`\n${s}\n`);
  if (!values['no-write']) {
    // Read just before writing: other sections of the file may have changed meanwhile.
    let doc = readFileSync(DOC, 'utf8');
    for (const s of sections) doc = replaceSection(doc, s);
    writeFileSync(DOC, doc);
    console.error(`wrote ${sections.length} section(s) of docs/BENCHMARKS.md`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
