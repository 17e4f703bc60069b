import { and, asc, count, eq, gte, inArray, isNull, lt, max, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { emptyCounts, FIVE_ONES, type FiveOnesCounts } from '../../domain/five-ones.js';
import { TALK_KINDS, type MeetingKind } from '../../domain/meetings/index.js';
import type { RecordKind } from '../../domain/types.js';
import {
  ADOPTED_STATUSES,
  CLOSED_PROBLEM_STATUSES,
  PENDING_REVIEW_STATUSES,
  type CadreFacts,
  type PeriodRange,
  type RegionRef,
  type StatsScope,
  type VillageFacts,
} from '../../domain/stats/index.js';
import { chats, meetingAttendance, meetings, people, records, regions, roles } from '../schema/index.js';
import type { Db } from '../store.js';
import { meetingTookPlace, talkTookPlace } from './meetings.js';

/**
 * The regions at or under a path, as an index range on `regions.path` ('/' sorts just before '0',
 * so every descendant path lies in [path + '/', path + '0')). A LIKE prefix would not use the index.
 */
function underPath(path: string): SQL | undefined {
  if (path === '') return undefined;
  return or(eq(regions.path, path), and(gte(regions.path, `${path}/`), lt(regions.path, `${path}0`)));
}

/** Codes of the villages a scope covers, as a subquery the record and roster queries filter on. */
function villagesOf(db: Db, scope: StatsScope) {
  return db
    .select({ code: regions.code })
    .from(regions)
    .where(and(eq(regions.level, 'village'), underPath(scope.path)));
}

export async function childrenOf(db: Db, scope: StatsScope): Promise<RegionRef[]> {
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level, path: regions.path })
    .from(regions)
    .where(scope.level === 'all' ? isNull(regions.parentCode) : eq(regions.parentCode, scope.code))
    .orderBy(asc(regions.code));
}

export async function topRegions(db: Db): Promise<RegionRef[]> {
  return childrenOf(db, { code: '*', name: '', fullName: '', level: 'all', path: '' });
}

const n = (v: unknown): number => Number(v ?? 0);
const latest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** Attendance that counts as having been there, and meetings that did (or will) take place. */
const SIGNED = ['signed', 'late'] as const;
const HELD = ['scheduled', 'open', 'closed'] as const;

function inRange(range: PeriodRange): SQL {
  return sql`(${records.createdAt} >= ${range.from} and ${records.createdAt} < ${range.to})`;
}

function countWhere(cond: SQL): SQL<number> {
  return sql<number>`sum(case when ${cond} then 1 else 0 end)`;
}

/**
 * Per-village figures for every village in the scope, in eight queries whatever the size of the area
 * (villages, roster, activity, five ones per cadre, meetings, last meeting, binding, suggestion
 * states), each filtered by the scope's path range and answered from indexes (see
 * drizzle/0005_stats-indexes.sql). The statistics model's one source of village facts: callers go
 * through loadVillages (src/bot/features/stations/report.ts), which supplies today's date for pauses.
 */
export async function villageFacts(db: Db, scope: StatsScope, range: PeriodRange, now: number, pausedOn: string): Promise<VillageFacts[]> {
  const villages = villagesOf(db, scope);
  // A cadre paused on `pausedOn` (YYYY-MM-DD, the local today) is left out of every count and of
  // the 完成率; the pause ends by itself after its last day.
  const paused = sql`exists (select 1 from pauses p where p.person_id = roles.person_id and p.until >= ${pausedOn})`;
  const notPaused = sql`not ${paused}`;
  const period = inRange(range);
  const kind = (k: string) => sql`${records.kind} = ${k}`;

  const rosterQ = db
    .select({
      v: roles.regionCode,
      cadres: countWhere(notPaused),
      paused: countWhere(paused),
      onRoster: sql<number>`sum(case when ${notPaused} then ${people.onRoster} else 0 end)`,
      joined: countWhere(sql`${notPaused} and exists (select 1 from identities i where i.person_id = ${people.id})`),
    })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(and(eq(roles.role, 'cadre'), inArray(roles.regionCode, villages)))
    .groupBy(roles.regionCode);

  const activityQ = db
    .select({
      v: records.regionCode,
      suggestions: countWhere(sql`${kind('suggestion')} and ${period}`),
      adopted: countWhere(sql`${kind('suggestion')} and ${period} and ${inArray(records.status, [...ADOPTED_STATUSES])}`),
      pendingReview: countWhere(sql`${kind('suggestion')} and ${period} and ${inArray(records.status, [...PENDING_REVIEW_STATUSES])}`),
      deeds: countWhere(sql`${kind('deed')} and ${period}`),
      visits: countWhere(sql`${kind('visit')} and ${period}`),
      problems: countWhere(sql`${kind('problem')} and ${period}`),
      problemsOpen: countWhere(sql`${kind('problem')} and ${period} and ${notInArray(records.status, [...CLOSED_PROBLEM_STATUSES])}`),
      rules: countWhere(sql`${kind('rule')} and ${period}`),
      lastAt: max(records.createdAt),
    })
    .from(records)
    .where(inArray(records.regionCode, villages))
    .groupBy(records.regionCode);

  // Per cadre, whether each item was ever done (the same rules as the cadre's own card: any record
  // of the kind, and a 恳谈会/座谈会 attended or organised), then summed per village. Each EXISTS is
  // one seek on a person index, so the cost grows with the cadres in scope, not with all rows.
  const talkKinds = [...TALK_KINDS] as MeetingKind[];
  // Written with explicit aliases: inside a subquery's fields drizzle leaves column names
  // unqualified, which would make "person_id = person_id" compare a column with itself.
  const has = (k: RecordKind) => sql<number>`exists (select 1 from records r where r.person_id = roles.person_id and r.kind = ${k})`;
  const talkList = sql.join(talkKinds.map((k) => sql`${k}`), sql`, `);
  // A talk counts once it took place (see TALK_HELD_SQL), for those who came and its organiser.
  const tookPlace = talkTookPlace(now);
  const talked = sql<number>`(exists (select 1 from meeting_attendance a inner join meetings m on m.id = a.meeting_id
      where a.person_id = roles.person_id and a.status in ('signed', 'late') and m.kind in (${talkList}) and ${tookPlace})
    or exists (select 1 from meetings m where m.created_by = roles.person_id and m.kind in (${talkList}) and ${tookPlace}))`;
  // One row per cadre, summed here rather than in an outer SQL query: SQLite would flatten that
  // query and evaluate every EXISTS once per reference to it.
  const perCadreQ = db
    .select({ v: roles.regionCode, talk: talked, visit: has('visit'), suggestion: has('suggestion'), deed: has('deed'), rule: has('rule') })
    .from(roles)
    .where(and(eq(roles.role, 'cadre'), inArray(roles.regionCode, villages), notPaused));

  // Meetings held in the village during the period (started, not cancelled) and how many of those
  // invited signed in. The period bounds go into the WHERE so only those meetings are read.
  // Counting attendance per meeting through the index beats a join with count(distinct).
  const meetingQ = db
    .select({
      v: meetings.regionCode,
      meetings: count(),
      signIns: sql<number>`sum((select count(*) from meeting_attendance a where a.meeting_id = meetings.id and a.status in ('signed', 'late')))`,
      // Someone on leave (请假) was excused: not expected to sign in.
      expected: sql<number>`sum((select count(*) from meeting_attendance a where a.meeting_id = meetings.id and a.status <> 'leave'))`,
    })
    .from(meetings)
    .where(
      and(
        inArray(meetings.regionCode, villages),
        inArray(meetings.status, [...HELD]),
        gte(meetings.startsAt, range.from),
        lt(meetings.startsAt, Math.min(range.to, now + 1)),
      ),
    )
    .groupBy(meetings.regionCode);
  // A meeting held in the village, like a record, counts as activity whatever the period; the
  // meeting time stands for its sign-ins, which keeps this to one index range per village.
  const lastMeetingQ = db
    .select({ v: meetings.regionCode, lastAt: max(meetings.startsAt) })
    .from(meetings)
    .where(and(inArray(meetings.regionCode, villages), inArray(meetings.status, ['open', 'closed']), lt(meetings.startsAt, now + 1)))
    .groupBy(meetings.regionCode);

  // Binding the village chat starts the clock of idleness: a village bound minutes ago is not
  // 14 days idle.
  const boundQ = db
    .select({ v: chats.regionCode, boundAt: max(chats.boundAt) })
    .from(chats)
    .where(and(eq(chats.purpose, 'village'), eq(chats.active, 1), inArray(chats.regionCode, villages), lt(chats.boundAt, now + 1)))
    .groupBy(chats.regionCode);

  // Suggestions made in the period by review state, for the digest's 建议审核 line.
  const statesQ = db
    .select({ v: records.regionCode, status: records.status, n: count() })
    .from(records)
    .where(and(inArray(records.regionCode, villages), eq(records.kind, 'suggestion'), gte(records.createdAt, range.from), lt(records.createdAt, range.to)))
    .groupBy(records.regionCode, records.status);

  const villageQ = db
    .select({ code: regions.code, name: regions.name, fullName: regions.fullName, path: regions.path, parentCode: regions.parentCode })
    .from(regions)
    .where(and(eq(regions.level, 'village'), underPath(scope.path)));

  const [villageRows, rosterRows, activityRows, cadreRows, meetingRows, lastMeetingRows, boundRows, stateRows] = await Promise.all([
    villageQ,
    rosterQ,
    activityQ,
    perCadreQ,
    meetingQ,
    lastMeetingQ,
    boundQ,
    statesQ,
  ]);
  const states = new Map<string, Record<string, number>>();
  for (const r of stateRows) states.set(r.v, { ...states.get(r.v), [r.status]: r.n });
  const roster = new Map(rosterRows.map((r) => [r.v, r]));
  const activity = new Map(activityRows.map((r) => [r.v, r]));
  const five = new Map<string, { items: FiveOnesCounts; complete: number }>();
  for (const c of cadreRows) {
    let f = five.get(c.v);
    if (!f) five.set(c.v, (f = { items: emptyCounts(), complete: 0 }));
    let done = 0;
    for (const item of FIVE_ONES) {
      if (n(c[item]) > 0) {
        f.items[item] += 1;
        done += 1;
      }
    }
    if (done === FIVE_ONES.length) f.complete += 1;
  }
  const held = new Map(meetingRows.map((r) => [r.v, r]));
  const lastMeeting = new Map(lastMeetingRows.map((r) => [r.v, r.lastAt]));
  const bound = new Map(boundRows.map((r) => [r.v, r.boundAt]));
  return villageRows.map((v): VillageFacts => {
    const r = roster.get(v.code);
    const a = activity.get(v.code);
    const f = five.get(v.code);
    const m = held.get(v.code);
    const itemDone = f?.items ?? emptyCounts();
    return {
      code: v.code,
      name: v.name,
      fullName: v.fullName,
      path: v.path,
      parentCode: v.parentCode,
      cadres: n(r?.cadres),
      paused: n(r?.paused),
      onRoster: n(r?.onRoster),
      joined: n(r?.joined),
      itemDone,
      complete: n(f?.complete),
      suggestions: n(a?.suggestions),
      adopted: n(a?.adopted),
      pendingReview: n(a?.pendingReview),
      deeds: n(a?.deeds),
      visits: n(a?.visits),
      problems: n(a?.problems),
      problemsOpen: n(a?.problemsOpen),
      rules: n(a?.rules),
      meetings: n(m?.meetings),
      signIns: n(m?.signIns),
      expectedSignIns: n(m?.expected),
      suggestionStates: states.get(v.code) ?? {},
      lastAt: latest(latest(a?.lastAt ?? null, lastMeeting.get(v.code) ?? null), bound.get(v.code) ?? null),
    };
  });
}

const collator = new Intl.Collator('zh-CN');

/** The cadres of one village with how often each has done each item, for the village view. */
export async function cadreFacts(db: Db, villageCode: string, pausedOn: string, now: number): Promise<CadreFacts[]> {
  const cadreIds = db
    .select({ id: roles.personId })
    .from(roles)
    .where(and(eq(roles.role, 'cadre'), eq(roles.regionCode, villageCode)));
  const talkKinds = [...TALK_KINDS] as MeetingKind[];
  const [cadres, counts, attended, organised] = await Promise.all([
    db
      .select({
        id: people.id,
        name: people.name,
        onRoster: people.onRoster,
        joined: sql<number>`exists (select 1 from identities i where i.person_id = ${people.id})`,
        pausedUntil: sql<string | null>`(select p.until from pauses p where p.person_id = ${people.id} and p.until >= ${pausedOn})`,
      })
      .from(roles)
      .innerJoin(people, eq(people.id, roles.personId))
      .where(and(eq(roles.role, 'cadre'), eq(roles.regionCode, villageCode))),
    db
      .select({ p: records.personId, kind: records.kind, n: count(), lastAt: max(records.createdAt) })
      .from(records)
      .where(eq(records.regionCode, villageCode))
      .groupBy(records.personId, records.kind),
    db
      // The talk item by the village totals' rule (a talk that took place), so the cadre lines add up to them.
      .select({ p: meetingAttendance.personId, meetingId: meetings.id, kind: meetings.kind, at: meetingAttendance.at, tookPlace: sql<number>`${meetingTookPlace(now)}` })
      .from(meetingAttendance)
      .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
      .where(and(inArray(meetingAttendance.personId, cadreIds), inArray(meetingAttendance.status, [...SIGNED]), ne(meetings.status, 'cancelled'))),
    db
      .select({ p: meetings.createdBy, meetingId: meetings.id })
      .from(meetings)
      .where(and(inArray(meetings.createdBy, cadreIds), inArray(meetings.kind, talkKinds), meetingTookPlace(now))),
  ]);
  const byPerson = new Map<string, CadreFacts>(
    cadres.map((c) => [c.id, { personId: c.id, name: c.name, onRoster: c.onRoster === 1, joined: n(c.joined) === 1, items: emptyCounts(), lastAt: null, pausedUntil: c.pausedUntil ?? null }]),
  );
  for (const r of counts) {
    const c = byPerson.get(r.p);
    if (!c) continue;
    if (r.kind !== 'problem') c.items[r.kind] += r.n;
    if (r.lastAt !== null && (c.lastAt === null || r.lastAt > c.lastAt)) c.lastAt = r.lastAt;
  }
  const talks = new Map<string, Set<string>>();
  const talked = (p: string, meetingId: string) => {
    const set = talks.get(p) ?? new Set<string>();
    set.add(meetingId);
    talks.set(p, set);
  };
  for (const a of attended) {
    const c = byPerson.get(a.p);
    if (!c) continue;
    if (a.kind !== null && talkKinds.includes(a.kind) && n(a.tookPlace) === 1) talked(a.p, a.meetingId);
    c.lastAt = latest(c.lastAt, a.at);
  }
  for (const o of organised) talked(o.p, o.meetingId);
  for (const [p, set] of talks) {
    const c = byPerson.get(p);
    if (c) c.items.talk = set.size;
  }
  return [...byPerson.values()].sort((a, b) => collator.compare(a.name, b.name) || a.personId.localeCompare(b.personId));
}
