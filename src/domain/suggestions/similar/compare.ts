/**
 * Whether two suggestions ask for the same thing. Computed here so nothing leaves the server, in
 * one pass per text: a village has tens to hundreds of suggestions, so comparing a new one with
 * every earlier one needs no index.
 */
import { type Analysis, analyse, conceptKind, conceptLabel } from './analyse.js';

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
  private readonly df = new Map<string, number>();
  private size = 0;

  add(a: Analysis): void {
    this.size++;
    for (const f of a.features.keys()) this.df.set(f, (this.df.get(f) ?? 0) + 1);
  }

  weight(feature: string, base: number): number {
    if (this.size < MIN_CORPUS) return base;
    const share = (this.df.get(feature) ?? 0) / this.size;
    return base / (1 + 4 * Math.max(0, share - 0.1));
  }
}

const NO_CORPUS = new Corpus();

function disjoint<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const x of a) if (b.has(x)) return false;
  return true;
}

function hasOther<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const x of a) if (!b.has(x)) return true;
  return false;
}

const WORKS = -1;

/** What about its object a text asks: its aspects, or building it when it names none. */
function facets(a: Analysis): ReadonlySet<number> {
  if (a.aspects.size > 0 || !a.works) return a.aspects;
  return new Set([WORKS]);
}

/** Different numbered groups or hamlets, different spots, different things asked for, or one protects what the other removes. */
export function conflict(a: Analysis, b: Analysis): Conflict | null {
  if (disjoint(a.groups, b.groups)) return 'group';
  if (disjoint(a.hamlets, b.hamlets)) return 'hamlet';
  if (hasOther(a.objects, b.objects) && hasOther(b.objects, a.objects)) return 'object';
  if (disjoint(a.places, b.places)) return 'place';
  if (disjoint(a.workTypes, b.workTypes)) return 'works';
  if (disjoint(facets(a), facets(b))) return 'aspect';
  const onlyProtects = (x: Analysis) => x.protects && !x.removes;
  const onlyRemoves = (x: Analysis) => x.removes && !x.protects;
  if ((onlyProtects(a) && onlyRemoves(b)) || (onlyRemoves(a) && onlyProtects(b))) return 'opposite';
  return null;
}

function total(a: Analysis, corpus: Corpus): number {
  let sum = 0;
  for (const [f, w] of a.features) sum += corpus.weight(f, w);
  return sum;
}

function label(feature: string): string | null {
  if (feature.startsWith('p:') || feature.startsWith('b:')) return feature.slice(2);
  const c = Number(feature.slice(2));
  return conceptKind(c) === 'common' ? null : conceptLabel(c);
}

export function compareAnalysed(a: Analysis, b: Analysis, corpus: Corpus = NO_CORPUS): Comparison {
  return compareWeighted(a, total(a, corpus), b, total(b, corpus), corpus);
}

/** The comparison with each text's total weight given: a new text is weighed once, not once per earlier one. */
function compareWeighted(a: Analysis, wa: number, b: Analysis, wb: number, corpus: Corpus): Comparison {
  let common = 0;
  const sharedFeatures: string[] = [];
  for (const [f, w] of a.features) {
    if (!b.features.has(f)) continue;
    common += corpus.weight(f, w);
    sharedFeatures.push(f);
  }
  const denominator = SHORTER_SHARE * Math.min(wa, wb) + (1 - SHORTER_SHARE) * Math.max(wa, wb);
  const score = denominator > 0 ? common / denominator : 0;
  const named = sharedFeatures.flatMap((f) => {
    const l = label(f);
    return l === null ? [] : [{ l, leftover: f.startsWith('b:') }];
  });
  // 道路 says nothing 道路硬化 does not; leftover bigrams show only when no concept is shared.
  const concepts = named.filter((n) => !n.leftover).map((n) => n.l);
  const shown = concepts.length > 0 ? concepts : named.map((n) => n.l);
  const shared = shown.filter((l) => !shown.some((m) => m !== l && m.includes(l)));
  return { score, conflict: conflict(a, b), shared: [...new Set(shared)].slice(0, MAX_SHOWN) };
}

/** Whether a comparison says "the same request": nothing keeps the texts apart and they share enough, a thing asked for among it. */
export function isSame(c: Comparison, a: Analysis, b: Analysis): boolean {
  if (c.conflict || c.score < SIMILAR_THRESHOLD) return false;
  for (const o of a.objects) if (b.objects.has(o)) return true;
  // Neither names a thing the lexicon knows: their own words must carry it.
  if (a.objects.size > 0 || b.objects.size > 0 || c.score < 2 * SIMILAR_THRESHOLD) return false;
  for (const f of a.features.keys()) if (f.startsWith('b:') && b.features.has(f)) return true;
  return false;
}

export function compare(a: string, b: string): Comparison & { same: boolean } {
  const x = analyse(a);
  const y = analyse(b);
  const c = compareAnalysed(x, y);
  return { ...c, same: isSame(c, x, y) };
}

export interface Candidate {
  seq: number;
  text: string;
}

/** Earlier suggestions that ask for the same as the new text, best first, with what they share. */
export function mostSimilar<T extends Candidate>(text: string, earlier: readonly T[], max = MAX_SIMILAR): (T & { score: number; shared: string[] })[] {
  const mine = analyse(text);
  const theirs = earlier.map((c) => analyse(c.text));
  const corpus = new Corpus();
  corpus.add(mine);
  for (const t of theirs) corpus.add(t);
  const close: (T & { score: number; shared: string[] })[] = [];
  const myWeight = total(mine, corpus);
  earlier.forEach((c, i) => {
    const cmp = compareWeighted(mine, myWeight, theirs[i]!, total(theirs[i]!, corpus), corpus);
    if (isSame(cmp, mine, theirs[i]!)) close.push({ ...c, score: cmp.score, shared: cmp.shared });
  });
  return close.sort((x, y) => y.score - x.score || x.seq - y.seq).slice(0, max);
}
