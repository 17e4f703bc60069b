import { activityOf, pausesFrom, reviewersByPerson } from '../../../db/repo/load.js';
import { getPerson } from '../../../db/repo/people.js';
import { cadres, fiveOnesByPerson, lastActivityByPerson, suggestionsWaiting } from '../../../db/repo/programme-stats.js';
import { nudgeHistoryOf } from '../../../db/repo/scheduler.js';
import type { Db } from '../../../db/store.js';
import { emptyCounts, fiveOnes, type FiveOnesItem } from '../../../domain/five-ones.js';
import { civilDateOf, dateKey, DAY_MS, decideNudge, nudgePeriodOf, type NudgeCadence, type NudgeDecision, type NudgeHistory, type NudgePeriod } from '../../../domain/meetings/index.js';
import { letRequestsIn, timeSlicer } from '../../engine/yield.js';

/** A suggestion waiting this long for review is the reviewers' missing work. */
export const REVIEW_OVERDUE_DAYS = 14;

/** Someone to remind now, with what the reminder says and what the decision rested on. */
export interface Due {
  person: { id: string; name: string };
  village: string;
  /** Five-ones items for a cadre; waiting suggestion numbers for a leader or council member. */
  missing: FiveOnesItem[];
  waiting: number[];
  decision: NudgeDecision;
  history: readonly NudgeHistory[];
  lastActivityAt: number | null;
}

/** What deciding the reminders needs besides the database: plain data, so a thread can be asked. */
export interface NudgeQuestion {
  now: number;
  timeZone: string;
  /** The reminder window `now` falls in (the main thread knows the working-day calendar). */
  period: NudgePeriod;
  cadence: NudgeCadence;
}

/** Decides who is due a reminder; the Node server asks a worker thread (nudge-thread.ts). */
export type NudgePlanner = (question: NudgeQuestion) => Promise<Due[]>;

/**
 * How the reads give way. On the main thread, requests that came meanwhile go first between the
 * whole-roster reads, and the loops run in slices; a worker thread has nobody to give way to.
 */
export interface Pace {
  between(): Promise<void>;
  slicer(): () => Promise<void>;
}

export const givingWay: Pace = { between: letRequestsIn, slicer: () => timeSlicer() };
export const straightThrough: Pace = { between: async () => {}, slicer: () => async () => {} };

/**
 * Everyone due a reminder at `now`: cadres for the five-ones items they have not done, leaders and
 * council members for suggestions waiting for their review (never for five-ones items). Reads the
 * whole roster, its record counts, activity and reminder history: thousands of rows a minute.
 */
export async function planNudges(db: Db, q: NudgeQuestion, pace: Pace): Promise<Due[]> {
  const { now, period } = q;
  const people = (await cadres(db)).filter((c) => c.joinedAt !== null);
  await pace.between();
  const reviewers = await reviewersByPerson(db);
  if (people.length === 0 && reviewers.size === 0) return [];
  await pace.between();
  const paused = await pausesFrom(db, dateKey(civilDateOf(now, q.timeZone)));
  const progress = await fiveOnesByPerson(db, now);
  await pace.between();
  const activity = await lastActivityByPerson(db);
  await pace.between();
  const everyone = [...new Set([...people.map((p) => p.id), ...reviewers.keys()])];
  const touched = await activityOf(db, everyone);
  await pace.between();
  const lastOf = (id: string) => Math.max(activity.get(id) ?? 0, touched.get(id) ?? 0) || null;
  const overdue = await suggestionsWaiting(db, now - REVIEW_OVERDUE_DAYS * DAY_MS);
  const waitingIn = (village: string) => overdue.filter((s) => s.regionCode === village).map((s) => s.seq);
  await pace.between();
  const stored = await nudgeHistoryOf(db, everyone);
  // The loops go over the whole roster too (thousands of cadres, a calendar date worked out for
  // every reminder ever sent).
  const slice = pace.slicer();
  const history = new Map<string, NudgeHistory[]>();
  for (const [id, list] of stored) {
    await slice();
    history.set(
      id,
      list.map((h): NudgeHistory => ({ ...nudgePeriodOf(civilDateOf(h.sentAt, q.timeZone)), ...h })),
    );
  }

  const due: Due[] = [];
  const decide = (person: { id: string; name: string }, village: string, joinedAt: number, missing: FiveOnesItem[], waiting: number[]) => {
    const h = history.get(person.id) ?? [];
    const candidate = { joinedAt, missing: [...missing, ...waiting.map(String)], lastActivityAt: lastOf(person.id), history: h, paused: paused.has(person.id) };
    const decision = decideNudge(candidate, now, period, q.cadence);
    if (decision.nudge) due.push({ person, village, missing, waiting, decision, history: h, lastActivityAt: candidate.lastActivityAt });
  };
  for (const p of people) {
    if (reviewers.has(p.id)) continue;
    await slice();
    decide({ id: p.id, name: p.name }, p.village, p.joinedAt!, fiveOnes(progress.get(p.id) ?? emptyCounts()).missing, []);
  }
  const names = new Map(people.map((p) => [p.id, p]));
  for (const [id, villages] of reviewers) {
    await slice();
    const waiting = villages.flatMap(waitingIn);
    const p = names.get(id);
    // A reviewer who is not a cadre has no joining date: the first overdue suggestion starts the clock.
    if (waiting.length > 0) decide({ id, name: p?.name ?? (await getPerson(db, id))?.name ?? id }, villages[0]!, p?.joinedAt ?? 0, [], waiting);
  }
  return due;
}
