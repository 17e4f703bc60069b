import { and, asc, count, eq, inArray, lt, max, min } from 'drizzle-orm';
import { emptyCounts, type FiveOnesCounts } from '../../domain/five-ones.js';
import { TALK_KINDS, type MeetingKind } from '../../domain/meetings/index.js';
import { identities, meetingAttendance, meetings, people, records, regions, roles } from '../schema/index.js';
import type { Db } from '../store.js';
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

/** Suggestions still waiting for review, created before `before`, oldest first. */
export async function suggestionsWaiting(db: Db, before: number) {
  return db
    .select({ seq: records.seq, createdAt: records.createdAt, regionCode: records.regionCode, path: regions.path, village: regions.fullName })
    .from(records)
    .innerJoin(regions, eq(regions.code, records.regionCode))
    .where(and(eq(records.kind, 'suggestion'), eq(records.status, 'pending'), lt(records.createdAt, before)))
    .orderBy(asc(records.createdAt), asc(records.seq));
}
