import { and, asc, eq, inArray } from 'drizzle-orm';
import { peopleWithRole } from '../../../db/repo/people.js';
import { pairedWith } from '../../../db/repo/problems.js';
import { suggestionsWaiting } from '../../../db/repo/programme-stats.js';
import { childRegions, getRegion } from '../../../db/repo/regions.js';
import { doneJobs } from '../../../db/repo/scheduler.js';
import { chats } from '../../../db/schema/index.js';
import type { Db, Store } from '../../../db/store.js';
import { isWithin } from '../../../domain/access.js';
import {
  civilDateOf,
  DAY_MS,
  gradeVillages,
  idleVillages,
  monthlyInspectionDue,
  REVIEW_OVERDUE_DAYS,
  weeklyDigestDue,
  type DigestLine,
  type ReportPeriod,
  type WorkCalendar,
} from '../../../domain/meetings/index.js';
import { rollup, type PeriodRange, type VillageFacts } from '../../../domain/stats/index.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import type { OutMessage, Region } from '../../../domain/types.js';
import { commitWork } from '../../engine/scheduler/commit.js';
import { targetOf } from '../../engine/scheduler/recipients.js';
import { EVERYWHERE, loadVillages } from './report.js';
import { scopeOfRegion } from './scope.js';
import type { StatsReader } from './stats-reader.js';
import { digestProblemLines, overdueAt, unassignedAt } from '../problems/summary.js';

export interface ReportDeps {
  store: Store;
  timeZone: string;
  calendar: WorkCalendar;
  /** Reads the areas' figures and writes the reports (in a worker thread on the Node server). */
  stats: StatsReader;
}

/** What the reports read: the database and the time zone their days are in. */
export interface ReportReads {
  db: Db;
  timeZone: string;
}

const STATION_PURPOSES = ['township_station', 'county_station', 'task_force'] as const;

/** Station chats and the task-force chat, each with the region it looks after. */
async function reportChats(deps: ReportReads) {
  const rows = await deps.db
    .select()
    .from(chats)
    .where(and(inArray(chats.purpose, [...STATION_PURPOSES]), eq(chats.active, 1)))
    .orderBy(asc(chats.platform), asc(chats.chatId));
  const out: { row: (typeof rows)[number]; region: Region }[] = [];
  for (const row of rows) {
    const region = row.regionCode ? await getRegion(deps.db, row.regionCode) : null;
    if (region) out.push({ row, region });
  }
  return out;
}

/** 周调度 (Monday 09:00) and 月督查 (the 1st, 09:00), moved off holidays; each at most once. */
export async function runReports(deps: ReportDeps, now: number): Promise<{ digests: number; inspections: number; skipped: number }> {
  const result = { digests: 0, inspections: 0, skipped: 0 };
  const weekly = weeklyDigestDue(now, deps.timeZone, deps.calendar);
  const monthly = monthlyInspectionDue(now, deps.timeZone, deps.calendar);
  const wanted = [weekly && `digest:week:${weekly.key}`, monthly && `inspect:month:${monthly.key}`].filter((k): k is string => Boolean(k));
  const done = await doneJobs(deps.store.db, wanted);
  if (weekly && !done.has(`digest:week:${weekly.key}`)) {
    const messages = await deps.stats.weekly(weekly, now, deps.timeZone);
    if (await commitWork(deps.store, { jobKey: `digest:week:${weekly.key}`, statements: [], messages }, now)) result.digests += messages.length;
    else result.skipped++;
  }
  if (monthly && !done.has(`inspect:month:${monthly.key}`)) {
    const messages = await deps.stats.monthly(monthly, now, deps.timeZone);
    if (await commitWork(deps.store, { jobKey: `inspect:month:${monthly.key}`, statements: [], messages }, now)) result.inspections += messages.length;
    else result.skipped++;
  }
  return result;
}

/** 周调度's messages, one per station and task-force chat that has had a full week. */
export async function weeklyMessages(deps: ReportReads, period: ReportPeriod, now: number): Promise<OutMessage[]> {
  const db = deps.db;
  const at = new Date(now);
  // The week's activity, and everything up to the week's end: both through the statistics model.
  const weekRange: PeriodRange = { period: 'week', from: period.from, to: period.to };
  const sofarRange: PeriodRange = { period: 'all', from: 0, to: period.to };
  const [week, sofar] = await Promise.all([
    loadVillages(db, EVERYWHERE, weekRange, at, deps.timeZone),
    loadVillages(db, EVERYWHERE, sofarRange, at, deps.timeZone),
  ]);
  const waiting = await suggestionsWaiting(db, now - REVIEW_OVERDUE_DAYS * DAY_MS);
  const [overdue, unassigned] = await Promise.all([overdueAt(db, now, deps.timeZone), unassignedAt(db, now)]);
  const days = { from: civilDateOf(period.from, deps.timeZone), to: civilDateOf(period.to - 1, deps.timeZone) };
  const messages: OutMessage[] = [];
  // A chat's first digest reports its first full week: one bound since Monday would get a week
  // of zeros it had no part in.
  const chatsWithAWeek = (await reportChats(deps)).filter(({ row }) => row.boundAt === null || row.boundAt <= period.from);
  for (const { row, region } of chatsWithAWeek) {
    const scope = scopeOfRegion(region);
    const here = (v: VillageFacts) => isWithin(v.path, region.path);
    const children = region.level === 'village' ? [] : await childRegions(db, region.code);
    const weekReport = rollup({ scope, range: weekRange, now, children, villages: week.filter(here) });
    const sofarReport = rollup({ scope, range: sofarRange, now, children, villages: sofar.filter(here) });
    const lines: DigestLine[] = sofarReport.rows
      .map((r, i) => ({ code: r.code, name: r.name, week: weekReport.rows[i]!.totals, sofar: r.totals, grade: r.grade }))
      .filter((l) => l.sofar.cadres + l.sofar.paused > 0);
    messages.push({
      to: targetOf(row),
      title: meetingMsg.weeklyTitle,
      text: `${meetingMsg.weeklyDigest({
        days,
        area: region.fullName,
        total: { code: region.code, name: region.fullName, week: weekReport.totals, sofar: sofarReport.totals, grade: sofarReport.grade },
        lines,
        idle: idleVillages(sofar.filter(here), now).map((v) => v.fullName),
        waiting: waiting
          .filter((w) => isWithin(w.path, region.path))
          .map((w) => ({ seq: w.seq, village: w.village, days: Math.floor((now - w.createdAt) / DAY_MS) })),
      })}\n${digestProblemLines(region.path, unassigned, overdue)}`,
      key: `digest:week:${period.key}:${row.platform}:${row.chatId}`,
    });
  }
  return messages;
}

/** Who answers for a village (挂包联系): the staff paired with it, else its township's liaison station and the staff on it. */
async function stationsFor(deps: ReportReads, villages: readonly VillageFacts[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byTownship = new Map<string, string>();
  for (const v of villages) {
    if (!v.parentCode) continue;
    let label = byTownship.get(v.parentCode);
    if (label === undefined) {
      const township = await getRegion(deps.db, v.parentCode);
      const staff = await peopleWithRole(deps.db, 'township_station', v.parentCode);
      label = `${township?.fullName ?? v.parentCode}联络服务站${staff.length ? `（${staff.map((p) => p.name).join('、')}）` : ''}`;
      byTownship.set(v.parentCode, label);
    }
    const paired = await pairedWith(deps.db, v.code);
    out.set(v.code, paired.length ? paired.map((p) => p.name).join('、') : label);
  }
  return out;
}

/** 月督查's messages, one per station and task-force chat. */
export async function monthlyMessages(deps: ReportReads, period: ReportPeriod, now: number): Promise<OutMessage[]> {
  const range: PeriodRange = { period: 'month', from: period.from, to: period.to };
  const facts = await loadVillages(deps.db, EVERYWHERE, range, new Date(now), deps.timeZone);
  const graded = gradeVillages(facts, now);
  const stations = await stationsFor(deps, facts);
  const [year, month] = period.key.split('-');
  const messages: OutMessage[] = [];
  for (const { row, region } of await reportChats(deps)) {
    messages.push({
      to: targetOf(row),
      title: meetingMsg.monthlyTitle,
      text: meetingMsg.monthlyInspection({
        month: `${year}年${Number(month)}月`,
        area: region.fullName,
        graded: graded.filter((g) => isWithin(g.village.path, region.path)),
        stations,
      }),
      key: `inspect:month:${period.key}:${row.platform}:${row.chatId}`,
    });
  }
  return messages;
}
