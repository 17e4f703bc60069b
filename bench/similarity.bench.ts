/**
 * `npm run bench:similarity`: what the similar-suggestion check costs. One comparison (both texts
 * read, then compared) over the labelled pairs, and one new suggestion checked against a village
 * of 500 earlier ones (every one read, weighted and compared), as the suggestion flow does it.
 * Writes its section of docs/BENCHMARKS.md unless --no-write. Never part of `npm test`: figures
 * depend on the machine, and are not assertions.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { compare, mostSimilar, Readings } from '../src/domain/suggestions/similar/index.js';
import { PAIRS } from '../test/similarity/pairs.js';
import { replaceSection } from './doc-section.js';

const DOC = new URL('../docs/BENCHMARKS.md', import.meta.url);
const PLACES = ['', '一组', '三组', '上寨', '下寨', '村口', '河边', '学校旁边', '村委会后面'];
const REASONS = ['', '，雨天泥泞', '，老人孩子出行不便', '，已经反映过好几次', '，请尽快解决'];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** 500 suggestions of one village: the pairs' texts with places and reasons, as cadres vary them. */
function village(size: number): { seq: number; text: string }[] {
  const texts = [...new Set(PAIRS.flatMap((p) => [p[2], p[3]]))];
  return Array.from({ length: size }, (_, i) => ({ seq: i + 1, text: `${PLACES[i % PLACES.length]}${texts[(i * 7) % texts.length]}${REASONS[i % REASONS.length]}` }));
}

function main(): void {
  const { values } = parseArgs({ options: { 'no-write': { type: 'boolean', default: false }, rounds: { type: 'string', default: '200' } } });
  const rounds = Number(values.rounds);
  const load = loadavg()[0]!.toFixed(1);

  // Warm-up, so the figures are of optimised code as in a running server.
  for (let i = 0; i < 3; i++) for (const p of PAIRS) compare(p[2], p[3]);
  const one: number[] = [];
  const oneCpu = process.cpuUsage();
  for (let r = 0; r < 20; r++) {
    for (const p of PAIRS) {
      const t = performance.now();
      compare(p[2], p[3]);
      one.push(performance.now() - t);
    }
  }
  const oneCpuMs = process.cpuUsage(oneCpu).user / 1000 / (20 * PAIRS.length);
  one.sort((a, b) => a - b);

  const earlier = village(500);
  const fresh = PAIRS.map((p, i) => `${PLACES[(i + 3) % PLACES.length]}${p[3]}`);
  for (let i = 0; i < 10; i++) mostSimilar(fresh[i]!, earlier);
  const check: number[] = [];
  const checkCpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    mostSimilar(fresh[r % fresh.length]!, earlier);
    check.push(performance.now() - t);
  }
  const checkCpuMs = process.cpuUsage(checkCpu).user / 1000 / rounds;
  check.sort((a, b) => a - b);

  // As the server checks: the village's earlier texts were read when they came (one table for the process).
  const readings = new Readings();
  for (let i = 0; i < 10; i++) mostSimilar(fresh[i]!, earlier, readings);
  const kept: number[] = [];
  const keptCpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    mostSimilar(fresh[r % fresh.length]!, earlier, readings);
    kept.push(performance.now() - t);
  }
  const keptCpuMs = process.cpuUsage(keptCpu).user / 1000 / rounds;
  kept.sort((a, b) => a - b);

  const ms = (x: number) => `${x.toFixed(3)} ms`;
  const section = [
    '## Similar-suggestion check',
    '',
    `\`npm run bench:similarity\` (bench/similarity.bench.ts), measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, a machine shared with other work (load average ${load} at the start).`,
    '',
    '| what | CPU time, mean | fastest | median | p99 | max | target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| one comparison (both texts read, then compared; ${one.length} over the labelled pairs) | ${ms(oneCpuMs)} | ${ms(one[0]!)} | ${ms(quantile(one, 0.5))} | ${ms(quantile(one, 0.99))} | ${ms(one.at(-1)!)} | under 1 ms |`,
    `| a new suggestion against a village of 500, every text read afresh (read all, weight, compare; ${rounds} runs) | ${ms(checkCpuMs)} | ${ms(check[0]!)} | ${ms(quantile(check, 0.5))} | ${ms(quantile(check, 0.99))} | ${ms(check.at(-1)!)} | under 50 ms |`,
    `| the same, the earlier texts read before, as the server checks (weight, compare; ${rounds} runs) | ${ms(keptCpuMs)} | ${ms(kept[0]!)} | ${ms(quantile(kept, 0.5))} | ${ms(quantile(kept, 0.99))} | ${ms(kept.at(-1)!)} | under 50 ms |`,
    '',
    'Wall-clock columns include waiting for a core on this shared machine; the CPU time (user time of',
    'the process over all runs, divided by the runs) and the fastest run are the cost of the code. The server reads each text once',
    '(`Readings` in `src/domain/suggestions/similar/reading.ts`: a few small arrays of numbers per text under its number, about 430 bytes, up to 40,000 texts;',
    'past that, further texts are read for each check and not kept) and compares a new suggestion with what it kept of the earlier ones; the shared words are labelled only for',
    'texts found the same. Reading a text (about 6 µs) was most of the check when every earlier text was read again for each new one. The lexicon and homophone table add',
    '85 KiB minified (30 KiB gzipped) to the Worker bundle, 54 KiB (21 KiB) of it the homophone table (`npm run build:homophones`; see the README\'s dependency notes).',
  ].join('\n');
  console.log(section);
  if (!values['no-write']) {
    writeFileSync(DOC, replaceSection(readFileSync(DOC, 'utf8'), section));
    console.error('wrote the similar-suggestion section of docs/BENCHMARKS.md');
  }
}

main();
