import { and, count, eq, gte, lt } from 'drizzle-orm';
import { pairingsUnder } from '../../../db/repo/problems.js';
import { suggestionsWaiting } from '../../../db/repo/programme-stats.js';
import { doneJobs } from '../../../db/repo/scheduler.js';
import { records } from '../../../db/schema/index.js';
import type { Db } from '../../../db/store.js';
import { KIND_LABELS } from '../../../domain/messages.js';
import { civilDateOf, DAY_MS, REVIEW_OVERDUE_DAYS, weeklyDigestDue } from '../../../domain/meetings/index.js';
import { px } from '../../../domain/problems/index.js';
import type { OutMessage, RecordKind } from '../../../domain/types.js';
import type { Job, JobDeps } from '../../engine/feature.js';
import { commitWork } from '../../engine/scheduler/commit.js';
import { reachOf } from '../../engine/scheduler/recipients.js';
import { ASSIGN_OVERDUE_DAYS, overdueAt, problemSummary, unassignedAt } from './summary.js';

const KINDS: readonly RecordKind[] = ['suggestion', 'deed', 'visit', 'problem', 'rule'];

async function addedIn(db: Db, regionCode: string, from: number, to: number): Promise<string> {
  const rows = await db
    .select({ kind: records.kind, n: count() })
    .from(records)
    .where(and(eq(records.regionCode, regionCode), gte(records.createdAt, from), lt(records.createdAt, to)))
    .groupBy(records.kind);
  const n = new Map(rows.map((r) => [r.kind, r.n]));
  return KINDS.map((k) => `${KIND_LABELS[k]} ${n.get(k) ?? 0}`).join('，');
}

/**
 * 挂包联系周报: when the weekly digest is due, each paired staff member gets their villages' week
 * in private (what was added, suggestions waiting, problems and which are late). Someone the bot
 * cannot write to in private is skipped: the station chat has the digest.
 */
export async function runPairSummaries(deps: JobDeps, now: number): Promise<{ summaries: number; skipped: number }> {
  const result = { summaries: 0, skipped: 0 };
  const period = weeklyDigestDue(now, deps.timeZone, deps.calendar);
  if (!period) return result;
  const jobKey = `pair-week:${period.key}`;
  const db = deps.store.db;
  if ((await doneJobs(db, [jobKey])).has(jobKey)) return result;
  const pairs = await pairingsUnder(db, '');
  if (pairs.length === 0) return result;
  const reach = await reachOf(db, [...new Map(pairs.map((p) => [p.personId, { id: p.personId, name: p.name }])).values()]);
  const waiting = await suggestionsWaiting(db, now - REVIEW_OVERDUE_DAYS * DAY_MS);
  const overdue = await overdueAt(db, now, deps.timeZone);
  const unassigned = await unassignedAt(db, now);
  const days = { from: civilDateOf(period.from, deps.timeZone), to: civilDateOf(period.to - 1, deps.timeZone) };
  const messages: OutMessage[] = [];
  for (const p of pairs) {
    const to = reach.get(p.personId)?.private[0];
    if (!to) continue;
    const summary = await problemSummary(db, p.path, now, deps.timeZone);
    messages.push({
      to,
      title: px.pairWeeklyTitle,
      text: px.pairWeekly({
        village: p.village,
        days,
        added: await addedIn(db, p.regionCode, period.from, period.to),
        waiting: waiting.filter((w) => w.regionCode === p.regionCode).map((w) => ({ seq: w.seq, days: Math.floor((now - w.createdAt) / DAY_MS) })),
        counts: summary.counts,
        unassigned: unassigned.filter((u) => u.regionCode === p.regionCode),
        unassignedDays: ASSIGN_OVERDUE_DAYS,
        overdue: overdue.filter((o) => o.regionCode === p.regionCode),
      }),
      key: `pair-week:${period.key}:${p.regionCode}:${p.personId}`,
    });
  }
  if (await commitWork(deps.store, { jobKey, statements: [], messages }, now)) result.summaries += messages.length;
  else result.skipped++;
  return result;
}

export const pairSummaryJob: Job = { name: 'pair summaries', run: (deps, now) => runPairSummaries(deps, now) };
