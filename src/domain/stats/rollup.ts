import { emptyCounts, FIVE_ONES, type FiveOnesCounts } from '../five-ones.js';
import type { RegionLevel } from '../types.js';
import type { PeriodRange } from './period.js';
import { gradeOf, isIdle, type Grade } from './standing.js';

/** The area a report covers: one region, or every region the bot knows (the whole province or city). */
export interface StatsScope {
  code: string;
  name: string;
  fullName: string;
  level: RegionLevel | 'all';
  path: string;
}

export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
  path: string;
}

/**
 * What the database says about one village. Roster and five-ones figures are cumulative (a cadre
 * who talked in March has done it); activity figures count only what happened in the period.
 */
export interface VillageFacts {
  code: string;
  name: string;
  fullName: string;
  path: string;
  parentCode: string | null;
  /** Cadres counted: the village's cadres not paused today. Every figure below is about them. */
  cadres: number;
  /** Cadres paused today: out of every count and of the 完成率 until their pause ends. */
  paused: number;
  onRoster: number;
  joined: number;
  /** Cadres who have done each item at least once. */
  itemDone: FiveOnesCounts;
  /** Cadres who have done all five. */
  complete: number;
  suggestions: number;
  adopted: number;
  pendingReview: number;
  deeds: number;
  visits: number;
  problems: number;
  problemsOpen: number;
  rules: number;
  meetings: number;
  signIns: number;
  /** Sign-ins expected at those meetings (the village's cadres for each meeting held). */
  expectedSignIns: number;
  /** Suggestions made in the period by review state (pending, adopted, rejected, …). */
  suggestionStates: Record<string, number>;
  /** Latest record, meeting held or binding of the village chat, up to now, epoch ms. */
  lastAt: number | null;
}

export interface CadreFacts {
  personId: string;
  name: string;
  onRoster: boolean;
  joined: boolean;
  /** How often each item was done, cumulative. */
  items: FiveOnesCounts;
  lastAt: number | null;
  /** Last day of a running pause (YYYY-MM-DD): not counted in the village's figures meanwhile. */
  pausedUntil?: string | null;
}

export interface StatsTotals extends Omit<VillageFacts, 'code' | 'name' | 'fullName' | 'path' | 'parentCode'> {
  /** Villages with at least one cadre: the ones in the programme. */
  villages: number;
  idleVillages: number;
}

export type { Grade };

export interface StatsRow {
  code: string;
  name: string;
  level: RegionLevel;
  totals: StatsTotals;
  grade: Grade;
}

export interface StatsReport {
  scope: StatsScope;
  range: PeriodRange;
  now: number;
  totals: StatsTotals;
  grade: Grade;
  /** One row per direct sub-region; their totals add up to `totals`. */
  rows: StatsRow[];
  /** For a village: its cadres. */
  cadres: CadreFacts[];
}

export function emptyTotals(): StatsTotals {
  return {
    villages: 0,
    idleVillages: 0,
    cadres: 0,
    paused: 0,
    onRoster: 0,
    joined: 0,
    itemDone: emptyCounts(),
    complete: 0,
    suggestions: 0,
    adopted: 0,
    pendingReview: 0,
    deeds: 0,
    visits: 0,
    problems: 0,
    problemsOpen: 0,
    rules: 0,
    meetings: 0,
    signIns: 0,
    expectedSignIns: 0,
    suggestionStates: {},
    lastAt: null,
  };
}

const SUMMED = [
  'cadres',
  'paused',
  'onRoster',
  'joined',
  'complete',
  'suggestions',
  'adopted',
  'pendingReview',
  'deeds',
  'visits',
  'problems',
  'problemsOpen',
  'rules',
  'meetings',
  'signIns',
  'expectedSignIns',
] as const satisfies readonly (keyof StatsTotals)[];

/** Adds a village into running totals. Villages without cadres are not in the programme and never idle. */
export function addVillage(into: StatsTotals, v: VillageFacts, now: number): void {
  for (const k of SUMMED) into[k] += v[k];
  for (const i of FIVE_ONES) into.itemDone[i] += v.itemDone[i];
  addStates(into.suggestionStates, v.suggestionStates);
  if (v.lastAt !== null && (into.lastAt === null || v.lastAt > into.lastAt)) into.lastAt = v.lastAt;
  if (v.cadres > 0) {
    into.villages += 1;
    if (isIdle(v.lastAt, now)) into.idleVillages += 1;
  }
}

export function addTotals(into: StatsTotals, t: StatsTotals): void {
  for (const k of SUMMED) into[k] += t[k];
  for (const i of FIVE_ONES) into.itemDone[i] += t.itemDone[i];
  addStates(into.suggestionStates, t.suggestionStates);
  into.villages += t.villages;
  into.idleVillages += t.idleVillages;
  if (t.lastAt !== null && (into.lastAt === null || t.lastAt > into.lastAt)) into.lastAt = t.lastAt;
}

export function signInRate(t: Pick<StatsTotals, 'signIns' | 'expectedSignIns'>): number | null {
  return t.expectedSignIns === 0 ? null : Math.min(1, t.signIns / t.expectedSignIns);
}

function addStates(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

/** The colour of a village or an area (its villages summed, its latest activity anywhere). */
export function grade(t: StatsTotals, now: number): Grade {
  return gradeOf(t, now);
}

/** The direct sub-region of `scopePath` that a path lies in, by path segment. */
export function childCodeOf(scopePath: string, path: string): string | null {
  const rest = scopePath === '' ? path : path.startsWith(`${scopePath}/`) ? path.slice(scopePath.length + 1) : null;
  if (rest === null || rest === '') return null;
  return rest.split('/')[0] ?? null;
}

export interface RollupInput {
  scope: StatsScope;
  range: PeriodRange;
  now: number;
  /** Direct sub-regions of the scope, in display order. */
  children: readonly RegionRef[];
  villages: readonly VillageFacts[];
  cadres?: readonly CadreFacts[];
}

/**
 * Sums villages into their sub-region of the scope, then the sub-regions into the scope, so the
 * rows always add up to the totals shown above them.
 */
export function rollup(input: RollupInput): StatsReport {
  const { scope, now } = input;
  const byChild = new Map<string, StatsTotals>(input.children.map((c) => [c.code, emptyTotals()]));
  const loose = emptyTotals();
  for (const v of input.villages) {
    const child = childCodeOf(scope.path, v.path);
    const into = (child !== null ? byChild.get(child) : undefined) ?? loose;
    addVillage(into, v, now);
  }
  const totals = emptyTotals();
  const rows: StatsRow[] = input.children.map((c) => {
    const t = byChild.get(c.code)!;
    addTotals(totals, t);
    return { code: c.code, name: c.name, level: c.level, totals: t, grade: grade(t, now) };
  });
  // Only the scope village itself lands here (a village has no sub-regions).
  addTotals(totals, loose);
  const cadres = [...(input.cadres ?? [])];
  return { scope, range: input.range, now, totals, grade: grade(totals, now), rows, cadres };
}
