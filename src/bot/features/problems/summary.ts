import { overdueProblems, pairingsUnder, problemsUnder, problemsWaitingAssignment } from '../../../db/repo/problems.js';
import type { Db } from '../../../db/store.js';
import { isWithin } from '../../../domain/access.js';
import { countProblems, daysBetween, px, type OverdueProblem, type PairingView, type ProblemCounts } from '../../../domain/problems/index.js';
import { civilDateOf, dateKey } from '../../../domain/zoned-time.js';

export interface ProblemSummary {
  counts: ProblemCounts;
  pairs: PairingView[];
}

/** Where an area's problems stand today and who is paired with its villages ('' is everywhere). */
export async function problemSummary(db: Db, path: string, now: Date | number, timeZone: string): Promise<ProblemSummary> {
  const today = dateKey(civilDateOf(now, timeZone));
  const [problems, pairs] = await Promise.all([problemsUnder(db, path), pairingsUnder(db, path)]);
  const byVillage = new Map<string, PairingView & { names: string[] }>();
  for (const p of pairs) {
    const v = byVillage.get(p.regionCode) ?? { village: p.village, names: [] };
    v.names.push(p.name);
    byVillage.set(p.regionCode, v);
  }
  return { counts: countProblems(problems, today), pairs: [...byVillage.values()] };
}

/** The lines /stats adds for an area: problems to closure and pairing, each once there is any. */
export function problemStatsLines(s: ProblemSummary): string[] {
  const c = s.counts;
  const any = c.open + c.working + c.closed > 0;
  return [...(any ? [px.countsLine(c)] : []), ...(s.pairs.length ? [px.pairsLine(s.pairs)] : [])];
}

/** Problems past their deadline today, with the path of their village for filtering by area. */
export async function overdueAt(db: Db, now: number, timeZone: string): Promise<(OverdueProblem & { path: string; regionCode: string })[]> {
  const today = dateKey(civilDateOf(now, timeZone));
  return (await overdueProblems(db, today)).map((o) => ({ seq: o.seq, village: o.village, owner: o.owner, deadline: o.deadline!, days: daysBetween(o.deadline!, today), path: o.path, regionCode: o.regionCode }));
}

/** A problem nobody was assigned this many days after it was raised is flagged in the digests. */
export const ASSIGN_OVERDUE_DAYS = 7;

/** Problems still 待交办 a week after they were raised, with their village's path for filtering by area. */
export async function unassignedAt(db: Db, now: number) {
  const day = 86_400_000;
  return (await problemsWaitingAssignment(db, now - ASSIGN_OVERDUE_DAYS * day)).map((p) => ({ ...p, days: Math.floor((now - p.createdAt) / day) }));
}

/** What the weekly digest of an area (the path of its region) says about problems. */
export function digestProblemLines(path: string, unassigned: Awaited<ReturnType<typeof unassignedAt>>, overdue: Awaited<ReturnType<typeof overdueAt>>): string {
  const inside = (p: { path: string }) => isWithin(p.path, path);
  return px.digestLines(unassigned.filter(inside), ASSIGN_OVERDUE_DAYS, overdue.filter(inside));
}
