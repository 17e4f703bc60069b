import { and, asc, count, eq, inArray, ne, or, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { TALK_KINDS, type MeetingKind } from '../../domain/meetings/kinds.js';
import { identities, meetingAttendance, meetingMotions, meetings, people, recordHistory, recordLinks, records, recordSeconds, regions, roles } from '../schema/index.js';
import type { Db } from '../store.js';
import { MAX_IDS_PER_QUERY } from './chunks.js';
import { meetingTookPlace } from './meetings.js';
import { recordWithAuthor } from './records.js';

/** Rows whose region lies at or under the path (a prefix test on whole path segments). */
const inside = (path: string) => or(eq(regions.path, path), like(regions.path, `${path}/%`));

/** The cadres under a path; `pausedOn` (YYYY-MM-DD) gives the last day of a pause running that day. */
export async function ledgerCadres(db: Db, path: string, pausedOn: string) {
  return db
    .select({
      id: people.id,
      name: people.name,
      phone: people.phone,
      workUnit: people.workUnit,
      villageCode: roles.regionCode,
      joined: sql<number>`exists (select 1 from ${identities} where ${identities.personId} = ${people.id})`,
      pausedUntil: sql<string | null>`(select p.until from pauses p where p.person_id = ${people.id} and p.until >= ${pausedOn})`,
    })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .innerJoin(regions, eq(regions.code, roles.regionCode))
    .where(and(eq(roles.role, 'cadre'), inside(path)))
    .orderBy(asc(regions.path), asc(people.name), asc(people.id));
}

export async function ledgerRecords(db: Db, path: string) {
  return db
    .select({ ...recordWithAuthor, kind: records.kind, regionCode: records.regionCode, personId: records.personId })
    .from(records)
    .innerJoin(regions, eq(regions.code, records.regionCode))
    .innerJoin(people, eq(people.id, records.personId))
    .where(inside(path))
    .orderBy(asc(records.kind), asc(records.seq));
}

/** Status and tag changes of records in the area, oldest first per record. */
export async function ledgerHistory(db: Db, path: string) {
  return db
    .select({ recordId: recordHistory.recordId, action: recordHistory.action, actorName: recordHistory.actorName, comment: recordHistory.comment, at: recordHistory.at })
    .from(recordHistory)
    .innerJoin(records, eq(records.id, recordHistory.recordId))
    .innerJoin(regions, eq(regions.code, records.regionCode))
    .where(and(inside(path), ne(recordHistory.action, 'tag')))
    .orderBy(asc(recordHistory.recordId), asc(recordHistory.version));
}

export async function ledgerSeconds(db: Db, path: string) {
  return db
    .select({ recordId: recordSeconds.recordId, n: count() })
    .from(recordSeconds)
    .innerJoin(records, eq(records.id, recordSeconds.recordId))
    .innerJoin(regions, eq(regions.code, records.regionCode))
    .where(inside(path))
    .groupBy(recordSeconds.recordId);
}

export async function ledgerLinks(db: Db, path: string) {
  const target = alias(records, 'target');
  return db
    .select({ fromId: recordLinks.fromRecordId, fromKind: records.kind, fromSeq: records.seq, toId: recordLinks.toRecordId, toKind: target.kind, toSeq: target.seq })
    .from(recordLinks)
    .innerJoin(records, eq(records.id, recordLinks.fromRecordId))
    .innerJoin(target, eq(target.id, recordLinks.toRecordId))
    .innerJoin(regions, eq(regions.code, records.regionCode))
    .where(inside(path));
}

export async function ledgerMeetings(db: Db, path: string) {
  return db
    .select({
      id: meetings.id,
      seq: meetings.seq,
      regionCode: meetings.regionCode,
      title: meetings.title,
      kind: meetings.kind,
      startsAt: meetings.startsAt,
      place: meetings.place,
      status: meetings.status,
      villagers: meetings.villagers,
      createdBy: meetings.createdBy,
    })
    .from(meetings)
    .innerJoin(regions, eq(regions.code, meetings.regionCode))
    .where(and(inside(path), ne(meetings.status, 'draft')))
    .orderBy(asc(meetings.startsAt), asc(meetings.seq));
}

/** Suggestions put to the vote at meetings in the area, with their tallies. */
export async function ledgerMotions(db: Db, path: string) {
  return db
    .select({
      meetingSeq: meetings.seq,
      regionCode: meetings.regionCode,
      meetingTitle: meetings.title,
      kind: meetings.kind,
      startsAt: meetings.startsAt,
      suggestionSeq: records.seq,
      suggestion: records.text,
      yes: meetingMotions.yes,
      no: meetingMotions.no,
      abstain: meetingMotions.abstain,
      passed: meetingMotions.passed,
      expected: meetingMotions.expected,
      present: meetingMotions.present,
      outcome: meetingMotions.outcome,
    })
    .from(meetingMotions)
    .innerJoin(meetings, eq(meetings.id, meetingMotions.meetingId))
    .innerJoin(records, eq(records.id, meetingMotions.recordId))
    .innerJoin(regions, eq(regions.code, meetings.regionCode))
    .where(inside(path))
    .orderBy(asc(meetings.startsAt), asc(meetings.seq), asc(records.seq));
}

export async function ledgerAttendance(db: Db, path: string) {
  const proxy = alias(people, 'proxy');
  return db
    .select({
      meetingId: meetingAttendance.meetingId,
      personId: meetingAttendance.personId,
      name: people.name,
      status: meetingAttendance.status,
      at: meetingAttendance.at,
      proxyBy: proxy.name,
    })
    .from(meetingAttendance)
    .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
    .innerJoin(regions, eq(regions.code, meetings.regionCode))
    .innerJoin(people, eq(people.id, meetingAttendance.personId))
    .leftJoin(proxy, eq(proxy.id, meetingAttendance.proxyBy))
    .where(and(inside(path), ne(meetings.status, 'draft')))
    .orderBy(asc(meetingAttendance.meetingId), asc(people.name));
}

/** Hometown talks (恳谈会, 座谈会) each person attended or organised that took place: the talk item's dates. */
export async function ledgerTalks(db: Db, personIds: readonly string[], now: number): Promise<Map<string, number[]>> {
  const out = new Map<string, Set<string>>();
  const when = new Map<string, number>();
  const talkKinds = and(inArray(meetings.kind, [...TALK_KINDS] as MeetingKind[]), meetingTookPlace(now));
  const add = (personId: string, meetingId: string, at: number) => {
    const s = out.get(personId) ?? new Set<string>();
    s.add(meetingId);
    out.set(personId, s);
    when.set(meetingId, at);
  };
  // Chunked: SQLite and D1 cap the number of bound parameters.
  for (let i = 0; i < personIds.length; i += MAX_IDS_PER_QUERY) {
    const ids = personIds.slice(i, i + MAX_IDS_PER_QUERY);
    const attended = await db
      .select({ personId: meetingAttendance.personId, meetingId: meetings.id, at: meetings.startsAt })
      .from(meetingAttendance)
      .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
      .where(and(inArray(meetingAttendance.personId, ids), inArray(meetingAttendance.status, ['signed', 'late']), talkKinds));
    const organised = await db
      .select({ personId: meetings.createdBy, meetingId: meetings.id, at: meetings.startsAt })
      .from(meetings)
      .where(and(inArray(meetings.createdBy, ids), talkKinds));
    for (const r of [...attended, ...organised]) add(r.personId, r.meetingId, r.at);
  }
  return new Map([...out].map(([p, s]) => [p, [...s].map((m) => when.get(m)!)]));
}
