import { and, asc, count, eq, gte, inArray, lt, lte, max, min } from 'drizzle-orm';
import { emptyCounts, type FiveOnesCounts } from '../../domain/five-ones.js';
import { emptyKindCounts, TALK_KINDS, type MeetingKind, type VillageFacts } from '../../domain/meetings/index.js';
import { fiveOnes } from '../../domain/five-ones.js';
import type { RecordKind } from '../../domain/types.js';
import { chats, identities, meetingAttendance, meetings, people, records, regions, roles } from '../schema/index.js';
import type { Db } from '../store.js';
import { inChunks } from './chunks.js';
import { meetingTookPlace } from './meetings.js';

/** Cadres (role cadre) with their village and whether they have joined through a chat. */
export async function cadres(db: Db) {
  const rows = await db
    .select({ id: people.id, name: people.name, village: roles.regionCode, onRoster: people.onRoster })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(eq(roles.role, 'cadre'))
    .orderBy(asc(people.id));
  const linked = await db
    .select({ personId: identities.personId, joinedAt: min(identities.linkedAt) })
    .from(identities)
    .groupBy(identities.personId);
  const joinedAt = new Map(linked.map((r) => [r.personId, r.joinedAt]));
  return rows.map((r) => ({ ...r, joinedAt: joinedAt.get(r.id) ?? null }));
}

const LIVE_MEETING = ['scheduled', 'open', 'closed'] as const;

/** Five-ones counts of every person who has any: records by kind plus talks attended or organised. */
export async function fiveOnesByPerson(db: Db, now: number): Promise<Map<string, FiveOnesCounts>> {
  const out = new Map<string, FiveOnesCounts>();
  const get = (id: string) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = emptyCounts()));
    return c;
  };
  const recordRows = await db
    .select({ personId: records.personId, kind: records.kind, n: count() })
    .from(records)
    .groupBy(records.personId, records.kind);
  for (const r of recordRows) if (r.kind !== 'problem') get(r.personId)[r.kind] = r.n;
  const talkKinds = [...TALK_KINDS] as MeetingKind[];
  const attended = await db
    .select({ personId: meetingAttendance.personId, meetingId: meetings.id })
    .from(meetingAttendance)
    .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
    .where(and(inArray(meetingAttendance.status, ['signed', 'late']), inArray(meetings.kind, talkKinds), meetingTookPlace(now)));
  const organised = await db
    .select({ personId: meetings.createdBy, meetingId: meetings.id })
    .from(meetings)
    .where(and(inArray(meetings.kind, talkKinds), meetingTookPlace(now)));
  const talks = new Map<string, Set<string>>();
  for (const r of [...attended, ...organised]) {
    const s = talks.get(r.personId) ?? new Set<string>();
    s.add(r.meetingId);
    talks.set(r.personId, s);
  }
  for (const [personId, s] of talks) get(personId).talk = s.size;
  return out;
}

/** Last record or sign-in of each person: anything after a nudge answers it. */
export async function lastActivityByPerson(db: Db): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const r1 = await db.select({ id: records.personId, at: max(records.createdAt) }).from(records).groupBy(records.personId);
  const r2 = await db
    .select({ id: meetingAttendance.personId, at: max(meetingAttendance.at) })
    .from(meetingAttendance)
    .where(inArray(meetingAttendance.status, ['signed', 'late']))
    .groupBy(meetingAttendance.personId);
  for (const r of [...r1, ...r2]) if (r.at !== null) out.set(r.id, Math.max(out.get(r.id) ?? 0, r.at));
  return out;
}

/**
 * Everything the weekly digest and the monthly inspection say about each village taking part
 * (one with cadres, a bound village chat, records or meetings), for the period [from, to).
 */
export async function villageFacts(db: Db, period: { from: number; to: number }, now: number): Promise<VillageFacts[]> {
  const cadreRows = await cadres(db);
  const progress = await fiveOnesByPerson(db, now);
  const byVillage = new Map<string, Partial<VillageFacts> & { period: Record<RecordKind, number>; total: Record<RecordKind, number> }>();
  const facts = (code: string) => {
    let f = byVillage.get(code);
    if (!f) {
      f = { cadres: 0, joined: 0, complete: 0, itemsDone: 0, period: emptyKindCounts(), total: emptyKindCounts(), periodMeetings: 0, totalMeetings: 0, lastActivityAt: null, suggestionStates: {} };
      byVillage.set(code, f);
    }
    return f;
  };
  for (const c of cadreRows) {
    if (c.onRoster !== 1 && c.joinedAt === null) continue;
    const f = facts(c.village);
    f.cadres! += 1;
    if (c.joinedAt !== null) f.joined! += 1;
    const p = fiveOnes(progress.get(c.id) ?? emptyCounts());
    f.itemsDone! += p.done.length;
    if (p.missing.length === 0) f.complete! += 1;
  }
  const totals = await db
    .select({ region: records.regionCode, kind: records.kind, n: count(), last: max(records.createdAt) })
    .from(records)
    .where(lt(records.createdAt, period.to))
    .groupBy(records.regionCode, records.kind);
  for (const r of totals) {
    const f = facts(r.region);
    f.total[r.kind] = r.n;
    if (r.last !== null) f.lastActivityAt = Math.max(f.lastActivityAt ?? 0, r.last);
  }
  const inPeriod = await db
    .select({ region: records.regionCode, kind: records.kind, n: count() })
    .from(records)
    .where(and(gte(records.createdAt, period.from), lt(records.createdAt, period.to)))
    .groupBy(records.regionCode, records.kind);
  for (const r of inPeriod) facts(r.region).period[r.kind] = r.n;
  const held = await db
    .select({ region: meetings.regionCode, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(inArray(meetings.status, [...LIVE_MEETING]), lte(meetings.startsAt, Math.min(now, period.to))));
  for (const m of held) {
    const f = facts(m.region);
    if (m.startsAt < period.to) f.totalMeetings! += 1;
    if (m.startsAt >= period.from && m.startsAt < period.to) f.periodMeetings! += 1;
    f.lastActivityAt = Math.max(f.lastActivityAt ?? 0, m.startsAt);
  }
  const states = await db
    .select({ region: records.regionCode, status: records.status, n: count() })
    .from(records)
    .where(and(eq(records.kind, 'suggestion'), lt(records.createdAt, period.to)))
    .groupBy(records.regionCode, records.status);
  for (const r of states) facts(r.region).suggestionStates![r.status] = r.n;
  const villageChats = await db.select({ region: chats.regionCode, boundAt: chats.boundAt }).from(chats).where(and(eq(chats.purpose, 'village'), eq(chats.active, 1)));
  for (const c of villageChats) {
    if (!c.region) continue;
    const f = facts(c.region);
    // Idleness counts from binding too: a village bound minutes ago has not been idle for 14 days.
    if (c.boundAt !== null && c.boundAt <= now) f.lastActivityAt = Math.max(f.lastActivityAt ?? 0, c.boundAt);
  }
  const codes = [...byVillage.keys()];
  if (codes.length === 0) return [];
  const regionRows = (
    await inChunks(codes, (slice) => db.select().from(regions).where(and(inArray(regions.code, slice), eq(regions.level, 'village'))))
  ).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return regionRows.map((r) => {
    const f = byVillage.get(r.code)!;
    return {
      code: r.code,
      name: r.name,
      fullName: r.fullName,
      path: r.path,
      parentCode: r.parentCode,
      cadres: f.cadres!,
      joined: f.joined!,
      complete: f.complete!,
      itemsDone: f.itemsDone!,
      period: f.period,
      total: f.total,
      periodMeetings: f.periodMeetings!,
      totalMeetings: f.totalMeetings!,
      lastActivityAt: f.lastActivityAt ?? null,
      suggestionStates: f.suggestionStates!,
    };
  });
}

/** Suggestions still waiting for review, created before `before`, oldest first. */
export async function suggestionsWaiting(db: Db, before: number) {
  return db
    .select({ seq: records.seq, createdAt: records.createdAt, regionCode: records.regionCode, path: regions.path, village: regions.fullName })
    .from(records)
    .innerJoin(regions, eq(regions.code, records.regionCode))
    .where(and(eq(records.kind, 'suggestion'), eq(records.status, 'pending'), lt(records.createdAt, before)))
    .orderBy(asc(records.createdAt), asc(records.seq));
}
