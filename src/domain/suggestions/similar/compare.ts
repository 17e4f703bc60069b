/**
 * Whether two suggestions ask for the same thing. Computed here so nothing leaves the server, each
 * text read once (reading.ts): a village has tens to hundreds of suggestions, so comparing a new
 * one with every earlier one needs no index.
 */
import { conceptKind, conceptLabel } from './analyse.js';
import { type Reading, Readings } from './reading.js';

/**
 * Weights of what is said, against the weight of the shorter and the longer text. Containment
 * (the shorter one's share) alone would call 修路 the same as any road suggestion; the longer's
 * share alone punishes a text for giving its reason (硬化村口道路，雨天太泥泞). Chosen on the
 * tuning pairs (test/similarity/pairs.ts), like the threshold.
 */
const SHORTER_SHARE = 0.75;
export const SIMILAR_THRESHOLD = 0.5;
export const MAX_SIMILAR = 3;
// More labels than this read as a list of everything; the first few say what the match rests on.
const MAX_SHOWN = 3;
// Below this many texts a word's frequency says nothing about how common it is.
const MIN_CORPUS = 10;

export type Conflict = 'group' | 'hamlet' | 'place' | 'object' | 'works' | 'aspect' | 'opposite';

export interface Comparison {
  score: number;
  /** Why two texts are different requests whatever their words share. */
  conflict: Conflict | null;
  /** Labels of what both name, in the order the first text names them (「道路硬化」, 「三组」). */
  shared: string[];
}

/**
 * Down-weights what most suggestions of a corpus say (IDF-like): a word in half of a village's
 * suggestions is no sign that two of them are one request. Small corpora keep the lexicon weights.
 */
export class Corpus {
  private readonly df = new Map<number, number>();
  private size = 0;

  add(a: Reading): void {
    this.size++;
    for (const f of a.features) this.df.set(f, (this.df.get(f) ?? 0) + 1);
  }

  weight(feature: number, base: number): number {
    if (this.size < MIN_CORPUS) return base;
    const share = (this.df.get(feature) ?? 0) / this.size;
    return base / (1 + 4 * Math.max(0, share - 0.1));
  }
}

const NO_CORPUS = new Corpus();

function disjoint(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  for (const x of a) if (b.includes(x)) return false;
  return true;
}

function hasOther(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (!b.includes(x)) return true;
  return false;
}

const BUILDING: readonly number[] = [-1];

/** What about its object a text asks: its aspects, or building it when it names none. */
function facets(a: Reading): readonly number[] {
  if (a.aspects.length > 0 || !a.works) return a.aspects;
  return BUILDING;
}

const onlyProtects = (x: Reading) => x.protects && !x.removes;
const onlyRemoves = (x: Reading) => x.removes && !x.protects;

/** Different numbered groups or hamlets, different spots, different things asked for, or one protects what the other removes. */
export function conflict(a: Reading, b: Reading): Conflict | null {
  if (disjoint(a.groups, b.groups)) return 'group';
  if (disjoint(a.hamlets, b.hamlets)) return 'hamlet';
  if (hasOther(a.objects, b.objects) && hasOther(b.objects, a.objects)) return 'object';
  if (disjoint(a.places, b.places)) return 'place';
  if (disjoint(a.workTypes, b.workTypes)) return 'works';
  if (disjoint(facets(a), facets(b))) return 'aspect';
  if ((onlyProtects(a) && onlyRemoves(b)) || (onlyRemoves(a) && onlyProtects(b))) return 'opposite';
  return null;
}

function total(a: Reading, readings: Readings, corpus: Corpus): number {
  let sum = 0;
  for (const f of a.features) sum += corpus.weight(f, readings.weight(f));
  return sum;
}

function label(feature: string): string | null {
  if (feature.startsWith('p:') || feature.startsWith('b:')) return feature.slice(2);
  const c = Number(feature.slice(2));
  return conceptKind(c) === 'common' ? null : conceptLabel(c);
}

/** Two texts read into the same table, compared against a corpus of that table. */
export function compareReadings(a: Reading, b: Reading, readings: Readings, corpus: Corpus = NO_CORPUS): Comparison {
  const score = scoreWeighted(a, total(a, readings, corpus), b, total(b, readings, corpus), readings, corpus);
  return { score, conflict: conflict(a, b), shared: sharedLabels(a, b, readings) };
}

/** How much of what the two say they share, each text's total weight given: a new text is weighed once, not once per earlier one. */
function scoreWeighted(a: Reading, wa: number, b: Reading, wb: number, readings: Readings, corpus: Corpus): number {
  let common = 0;
  for (const f of a.features) if (b.features.includes(f)) common += corpus.weight(f, readings.weight(f));
  const denominator = SHORTER_SHARE * Math.min(wa, wb) + (1 - SHORTER_SHARE) * Math.max(wa, wb);
  return denominator > 0 ? common / denominator : 0;
}

/** Labels of what both name, in the first text's order: only asked of texts found the same. */
function sharedLabels(a: Reading, b: Reading, readings: Readings): string[] {
  const named: { l: string; leftover: boolean }[] = [];
  for (const f of a.features) {
    if (!b.features.includes(f)) continue;
    const l = label(readings.name(f));
    if (l !== null) named.push({ l, leftover: readings.isLeftover(f) });
  }
  // 道路 says nothing 道路硬化 does not; leftover bigrams show only when no concept is shared.
  const concepts = named.filter((n) => !n.leftover).map((n) => n.l);
  const shown = concepts.length > 0 ? concepts : named.map((n) => n.l);
  const shared = shown.filter((l) => !shown.some((m) => m !== l && m.includes(l)));
  return [...new Set(shared)].slice(0, MAX_SHOWN);
}

/** Whether a comparison says "the same request": nothing keeps the texts apart and they share enough, a thing asked for among it. */
export function isSame(c: Pick<Comparison, 'score' | 'conflict'>, a: Reading, b: Reading, readings: Readings): boolean {
  if (c.conflict || c.score < SIMILAR_THRESHOLD) return false;
  for (const o of a.objects) if (b.objects.includes(o)) return true;
  // Neither names a thing the lexicon knows: their own words must carry it.
  if (a.objects.length > 0 || b.objects.length > 0 || c.score < 2 * SIMILAR_THRESHOLD) return false;
  for (const f of a.features) if (readings.isLeftover(f) && b.features.includes(f)) return true;
  return false;
}

export function compare(a: string, b: string): Comparison & { same: boolean } {
  const readings = new Readings();
  const x = readings.read(a);
  const y = readings.read(b);
  const c = compareReadings(x, y, readings);
  return { ...c, same: isSame(c, x, y, readings) };
}

export interface Candidate {
  seq: number;
  text: string;
}

/**
 * Earlier suggestions that ask for the same as the new text, best first, with what they share.
 * `readings` keeps texts read before under their numbers (one table for the process): each
 * earlier text is read once.
 */
export function mostSimilar<T extends Candidate>(
  text: string,
  earlier: readonly T[],
  readings: Readings = new Readings(),
): (T & { score: number; shared: string[] })[] {
  readings.refresh();
  // The earlier texts first, to be kept under their numbers; the new one is read for this check only.
  const theirs = earlier.map((c) => readings.read(c.text, c.seq));
  const mine = readings.read(text);
  const corpus = new Corpus();
  corpus.add(mine);
  for (const t of theirs) corpus.add(t);
  const close: (T & { score: number; shared: string[] })[] = [];
  const myWeight = total(mine, readings, corpus);
  earlier.forEach((c, i) => {
    const their = theirs[i]!;
    const score = scoreWeighted(mine, myWeight, their, total(their, readings, corpus), readings, corpus);
    // Below the threshold nothing else can make them the same; most earlier texts stop here.
    if (score < SIMILAR_THRESHOLD || !isSame({ score, conflict: conflict(mine, their) }, mine, their, readings)) return;
    close.push({ ...c, score, shared: sharedLabels(mine, their, readings) });
  });
  return close.sort((x, y) => y.score - x.score || x.seq - y.seq).slice(0, MAX_SIMILAR);
}
