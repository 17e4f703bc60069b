/**
 * `npm run eval:similarity`: precision, recall and F1 of the similar-suggestion check on the
 * labelled pairs (pairs.ts), per kind and overall, for the tuning part and the held-out part.
 * Word frequencies (the IDF-like weights) come from all texts of the part being evaluated, as
 * they would from a deployment's suggestions; labels are never used for them.
 * `--errors` also lists the tuning part's mistakes (never the held-out part's: they are not for tuning).
 */
import { compareReadings, Corpus, isSame } from '../../src/domain/suggestions/similar/compare.js';
import { Readings } from '../../src/domain/suggestions/similar/reading.js';
import { PAIRS, type Pair, type PairKind } from './pairs.js';

/** FNV-1a over UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function heldOut(p: Pair): boolean {
  return fnv1a(`${p[2]}|${p[3]}`) % 8 < 3;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function judge(pairs: readonly Pair[]): boolean[] {
  const corpus = new Corpus();
  const readings = new Readings();
  const analysed = pairs.map((p) => [readings.read(p[2]), readings.read(p[3])] as const);
  for (const [a, b] of analysed) {
    corpus.add(a);
    corpus.add(b);
  }
  return analysed.map(([a, b]) => isSame(compareReadings(a, b, readings, corpus), a, b, readings));
}

function count(pairs: readonly Pair[], said: readonly boolean[]): Counts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  pairs.forEach((p, i) => {
    if (p[1] && said[i]) c.tp++;
    else if (p[1]) c.fn++;
    else if (said[i]) c.fp++;
    else c.tn++;
  });
  return c;
}

export function scores(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

const f = (x: number) => x.toFixed(2);

function report(name: string, pairs: readonly Pair[], showErrors: boolean): void {
  const said = judge(pairs);
  console.log(`\n${name}: ${pairs.length} pairs (${pairs.filter((p) => p[1]).length} same, ${pairs.filter((p) => !p[1]).length} different)`);
  console.log('kind        pairs  tp  fp  fn  tn  precision  recall  f1');
  const kinds = [...new Set(pairs.map((p) => p[0]))] as PairKind[];
  for (const kind of [...kinds, 'overall' as const]) {
    const idx = pairs.map((p, i) => (kind === 'overall' || p[0] === kind ? i : -1)).filter((i) => i >= 0);
    const c = count(
      idx.map((i) => pairs[i]!),
      idx.map((i) => said[i]!),
    );
    const s = scores(c);
    // A kind of different-request pairs has no positives: its figure is how many were kept apart.
    const positives = c.tp + c.fn > 0;
    const line = positives ? `${f(s.precision).padStart(9)}  ${f(s.recall).padStart(6)}  ${f(s.f1)}` : `  kept apart ${c.tn}/${c.tn + c.fp}`;
    console.log(`${kind.padEnd(10)} ${String(idx.length).padStart(6)} ${[c.tp, c.fp, c.fn, c.tn].map((n) => String(n).padStart(3)).join(' ')} ${line}`);
  }
  if (showErrors) {
    pairs.forEach((p, i) => {
      if (p[1] !== said[i]) console.log(`  ${p[1] ? 'missed' : 'wrong '} [${p[0]}] ${p[2]} | ${p[3]}`);
    });
  }
}

if (process.argv[1]?.endsWith('eval.ts')) {
  const tuning = PAIRS.filter((p) => !heldOut(p));
  const held = PAIRS.filter(heldOut);
  report('tuning part', tuning, process.argv.includes('--errors'));
  report('held-out part', held, false);
}
