import { and, asc, desc, eq, gt, inArray, isNull, lte, max, or, sql, type SQL } from 'drizzle-orm';
import { TALK_KINDS, VOTING_KINDS, type AttendanceStatus, type MeetingKind, type MemberKind, type VoteChoice, type VoteOutcome } from '../../domain/meetings/index.js';
import { cleanName } from '../../domain/normalise.js';
import type { Platform, RoleName } from '../../domain/types.js';
import { meetingAttendance, meetingMotions, meetingVotes, meetings, people, records, roles, villageMembers } from '../schema/index.js';
import { perDb } from '../prepared.js';
import type { Db, Statement } from '../store.js';

export type MeetingRow = typeof meetings.$inferSelect;
export type MotionRow = typeof meetingMotions.$inferSelect;

/** Next number people see (会议#N); the unique index on seq catches a race and the event is retried. */
export async function nextMeetingSeq(db: Db): Promise<number> {
  const rows = await db.select({ m: max(meetings.seq) }).from(meetings);
  return (rows[0]?.m ?? 0) + 1;
}

export function insertMeetingStatement(db: Db, row: typeof meetings.$inferInsert): Statement {
  return db.insert(meetings).values(row);
}

export function updateMeetingStatement(db: Db, id: string, set: Partial<typeof meetings.$inferInsert>): Statement {
  return db.update(meetings).set(set).where(eq(meetings.id, id));
}

/** Confirms a draft; only a draft, so two presses of the button confirm once. */
export function confirmDraftStatement(db: Db, id: string, set: Partial<typeof meetings.$inferInsert>): Statement {
  return db.update(meetings).set({ ...set, status: 'scheduled' }).where(and(eq(meetings.id, id), eq(meetings.status, 'draft')));
}

export async function getMeetingBySeq(db: Db, seq: number): Promise<MeetingRow | null> {
  const rows = await db.select().from(meetings).where(eq(meetings.seq, seq)).limit(1);
  return rows[0] ?? null;
}

/** The meeting of this chat whose sign-in is open or still to come, soonest first. */
export async function currentMeetingInChat(db: Db, platform: Platform, chatId: string, now: number): Promise<MeetingRow | null> {
  const rows = await db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.platform, platform),
        eq(meetings.chatId, chatId),
        inArray(meetings.status, ['scheduled', 'open']),
        gt(meetings.signinClosesAt, now),
      ),
    )
    .orderBy(asc(meetings.signinOpensAt), asc(meetings.seq))
    .limit(5);
  // Prefer one whose window is open now over a later one.
  return rows.find((m) => m.signinOpensAt <= now) ?? rows[0] ?? null;
}

/**
 * The 党员大会 or 村民代表会议 of this chat whose sign-in is open now, the latest first: a vote
 * goes to it even while another kind of meeting (a 恳谈会) is open in the same chat.
 */
export async function votingMeetingInChat(db: Db, platform: Platform, chatId: string, now: number): Promise<MeetingRow | null> {
  const rows = await db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.platform, platform),
        eq(meetings.chatId, chatId),
        inArray(meetings.status, ['scheduled', 'open']),
        inArray(meetings.kind, [...VOTING_KINDS]),
        lte(meetings.signinOpensAt, now),
        gt(meetings.signinClosesAt, now),
      ),
    )
    .orderBy(desc(meetings.startsAt), desc(meetings.seq))
    .limit(1);
  return rows[0] ?? null;
}

/** Meetings the scheduler may have work for: not finished and starting within the look-ahead. */
export async function meetingsToSchedule(db: Db, until: number): Promise<MeetingRow[]> {
  return db
    .select()
    .from(meetings)
    .where(and(inArray(meetings.status, ['scheduled', 'open']), lte(meetings.startsAt, until)))
    .orderBy(asc(meetings.startsAt), asc(meetings.seq));
}

const INVITED_ROLES: readonly RoleName[] = ['council', 'leader', 'cadre', 'township_station', 'county_station'];

/** People with a role in the meeting's region: council members, the leader, cadres, station staff. */
export async function inviteesOf(db: Db, regionCode: string): Promise<{ id: string; name: string; roles: RoleName[] }[]> {
  const rows = await db
    .select({ id: people.id, name: people.name, role: roles.role })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(and(eq(roles.regionCode, regionCode), inArray(roles.role, [...INVITED_ROLES])))
    .orderBy(asc(people.id));
  const byId = new Map<string, { id: string; name: string; roles: RoleName[] }>();
  for (const r of rows) {
    const p = byId.get(r.id) ?? { id: r.id, name: r.name, roles: [] };
    p.roles.push(r.role);
    byId.set(r.id, p);
  }
  return [...byId.values()];
}

export function inviteStatement(db: Db, meetingId: string, personId: string): Statement {
  return db.insert(meetingAttendance).values({ meetingId, personId, status: 'invited' }).onConflictDoNothing();
}

/**
 * Sign in: a first sign-in counts, a second changes nothing; someone on leave who comes after all
 * is present.
 */
export function signinStatement(
  db: Db,
  row: { meetingId: string; personId: string; status: 'signed' | 'late'; at: number; proxyBy: string | null },
): Statement {
  return db
    .insert(meetingAttendance)
    .values({ ...row, reason: null })
    .onConflictDoUpdate({
      target: [meetingAttendance.meetingId, meetingAttendance.personId],
      set: { status: row.status, at: row.at, proxyBy: row.proxyBy, reason: null },
      setWhere: inArray(meetingAttendance.status, ['invited', 'leave']),
    });
}

export function leaveStatement(db: Db, row: { meetingId: string; personId: string; at: number; reason: string }): Statement {
  return db
    .insert(meetingAttendance)
    .values({ ...row, status: 'leave', proxyBy: null })
    .onConflictDoUpdate({
      target: [meetingAttendance.meetingId, meetingAttendance.personId],
      set: { status: 'leave', at: row.at, reason: row.reason },
      setWhere: inArray(meetingAttendance.status, ['invited', 'leave']),
    });
}

export async function attendanceOf(db: Db, meetingId: string) {
  return db
    .select({
      personId: meetingAttendance.personId,
      name: people.name,
      status: meetingAttendance.status,
      at: meetingAttendance.at,
      proxyBy: meetingAttendance.proxyBy,
      reason: meetingAttendance.reason,
    })
    .from(meetingAttendance)
    .innerJoin(people, eq(people.id, meetingAttendance.personId))
    .where(eq(meetingAttendance.meetingId, meetingId))
    .orderBy(asc(people.id));
}

export async function attendanceStatusOf(db: Db, meetingId: string, personId: string): Promise<AttendanceStatus | null> {
  const rows = await db
    .select({ s: meetingAttendance.status })
    .from(meetingAttendance)
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.personId, personId)))
    .limit(1);
  return rows[0]?.s ?? null;
}

/** People of the region, and the invitees, with this name: whom a proxy sign-in may mean. */
export async function peopleNamed(db: Db, meetingId: string, regionCode: string, name: string): Promise<{ id: string; name: string }[]> {
  const invited = await db
    .select({ id: people.id, name: people.name })
    .from(meetingAttendance)
    .innerJoin(people, eq(people.id, meetingAttendance.personId))
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(people.name, name)));
  if (invited.length > 0) return invited;
  const rows = await db
    .selectDistinct({ id: people.id, name: people.name })
    .from(people)
    .leftJoin(roles, eq(roles.personId, people.id))
    .where(and(eq(people.name, name), or(eq(people.homeRegion, regionCode), eq(roles.regionCode, regionCode))));
  return rows;
}

/**
 * A talk took place once it has started and someone signed in: only then does it count, for the
 * organiser and for those who came. Scheduling one credits nobody. Written over a meetings table
 * aliased `m`, for the statistics queries.
 */
export function talkTookPlace(now: number): SQL {
  return sql`m.starts_at <= ${now} and m.status in ('open', 'closed') and exists (select 1 from meeting_attendance h where h.meeting_id = m.id and h.status in ('signed', 'late'))`;
}

/** The same rule for queries on the meetings table itself. */
export function meetingTookPlace(now: number | ReturnType<typeof sql.placeholder>): SQL {
  return and(
    inArray(meetings.status, ['open', 'closed']),
    lte(meetings.startsAt, now),
    sql`exists (select 1 from meeting_attendance h where h.meeting_id = ${meetings.id} and h.status in ('signed', 'late'))`,
  )!;
}

/**
 * Hometown talks (恳谈会, 座谈会) a person attended or organised that took place by `now`: the
 * "talk" item of the five ones.
 */
export async function talkCountOf(db: Db, personId: string, now: number): Promise<number> {
  const { attendedQuery, organisedQuery } = perDb(db, 'talk-count-of', () => {
    const live = and(inArray(meetings.kind, [...TALK_KINDS] as MeetingKind[]), meetingTookPlace(sql.placeholder('now')));
    return {
      attendedQuery: db
        .select({ id: meetings.id })
        .from(meetingAttendance)
        .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
        .where(and(eq(meetingAttendance.personId, sql.placeholder('personId')), inArray(meetingAttendance.status, ['signed', 'late']), live))
        .prepare(),
      organisedQuery: db
        .select({ id: meetings.id })
        .from(meetings)
        .where(and(eq(meetings.createdBy, sql.placeholder('personId')), live))
        .prepare(),
    };
  });
  const attended = await attendedQuery.all({ personId, now });
  const organised = await organisedQuery.all({ personId, now });
  return new Set([...attended, ...organised].map((r) => r.id)).size;
}

// Votes (表决)

export async function getMotion(db: Db, meetingId: string, recordId: string): Promise<MotionRow | null> {
  const rows = await db
    .select()
    .from(meetingMotions)
    .where(and(eq(meetingMotions.meetingId, meetingId), eq(meetingMotions.recordId, recordId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function openMotionsOf(db: Db, meetingId: string) {
  return db
    .select({ motion: meetingMotions, seq: records.seq, text: records.text, personId: records.personId, anonymous: records.anonymous, regionCode: records.regionCode })
    .from(meetingMotions)
    .innerJoin(records, eq(records.id, meetingMotions.recordId))
    .where(and(eq(meetingMotions.meetingId, meetingId), isNull(meetingMotions.closedAt)))
    .orderBy(asc(records.seq));
}

export function insertMotionStatement(db: Db, row: typeof meetingMotions.$inferInsert): Statement {
  return db.insert(meetingMotions).values(row);
}

export function closeMotionStatement(
  db: Db,
  meetingId: string,
  recordId: string,
  result: { yes: number; no: number; abstain: number; expected: number; present: number; outcome: VoteOutcome; at: number },
): Statement {
  return db
    .update(meetingMotions)
    .set({
      yes: result.yes,
      no: result.no,
      abstain: result.abstain,
      expected: result.expected,
      present: result.present,
      outcome: result.outcome,
      passed: result.outcome === 'adopted' ? 1 : 0,
      closedAt: result.at,
    })
    .where(and(eq(meetingMotions.meetingId, meetingId), eq(meetingMotions.recordId, recordId)));
}

export function setRecordStatusStatement(db: Db, recordId: string, status: string, at: number): Statement {
  return db.update(records).set({ status, updatedAt: at }).where(eq(records.id, recordId));
}

export async function voteOf(db: Db, meetingId: string, recordId: string, personId: string): Promise<VoteChoice | null> {
  const rows = await db
    .select({ c: meetingVotes.choice })
    .from(meetingVotes)
    .where(and(eq(meetingVotes.meetingId, meetingId), eq(meetingVotes.recordId, recordId), eq(meetingVotes.personId, personId)))
    .limit(1);
  return rows[0]?.c ?? null;
}

/** The votes cast by members of the electorate (a vote by anyone else never counts). */
export async function votesOf(db: Db, meetingId: string, recordId: string, regionCode: string, kind: MemberKind): Promise<VoteChoice[]> {
  const rows = await db
    .select({ c: meetingVotes.choice })
    .from(meetingVotes)
    .innerJoin(
      villageMembers,
      and(eq(villageMembers.personId, meetingVotes.personId), eq(villageMembers.regionCode, regionCode), eq(villageMembers.kind, kind)),
    )
    .where(and(eq(meetingVotes.meetingId, meetingId), eq(meetingVotes.recordId, recordId)));
  return rows.map((r) => r.c);
}

/** The chair's counted show of hands (计票), kept on the open motion until the meeting closes. */
export function countMotionStatement(
  db: Db,
  meetingId: string,
  recordId: string,
  count: { yes: number; no: number; abstain: number; by: string },
): Statement {
  return db
    .update(meetingMotions)
    .set({ yes: count.yes, no: count.no, abstain: count.abstain, countedBy: count.by })
    .where(and(eq(meetingMotions.meetingId, meetingId), eq(meetingMotions.recordId, recordId), isNull(meetingMotions.closedAt)));
}

// Party members and villager representatives (the electorate of a vote)

export async function membersOf(db: Db, regionCode: string, kind: MemberKind): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: people.id, name: people.name })
    .from(villageMembers)
    .innerJoin(people, eq(people.id, villageMembers.personId))
    .where(and(eq(villageMembers.regionCode, regionCode), eq(villageMembers.kind, kind)))
    .orderBy(asc(people.id));
}

export async function isMember(db: Db, regionCode: string, kind: MemberKind, personId: string): Promise<boolean> {
  const rows = await db
    .select({ p: villageMembers.personId })
    .from(villageMembers)
    .where(and(eq(villageMembers.regionCode, regionCode), eq(villageMembers.kind, kind), eq(villageMembers.personId, personId)))
    .limit(1);
  return rows.length > 0;
}

/** How many of the electorate are signed in (by themselves or by name through 代签). */
export async function membersPresent(db: Db, meetingId: string, regionCode: string, kind: MemberKind): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)` })
    .from(meetingAttendance)
    .innerJoin(
      villageMembers,
      and(eq(villageMembers.personId, meetingAttendance.personId), eq(villageMembers.regionCode, regionCode), eq(villageMembers.kind, kind)),
    )
    .where(and(eq(meetingAttendance.meetingId, meetingId), inArray(meetingAttendance.status, ['signed', 'late'])));
  return Number(rows[0]?.n ?? 0);
}

/** People of the village by this name, cleaned: its roster, people added to it, anyone holding a role there. */
export async function villagePeopleNamed(db: Db, regionCode: string, name: string): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectDistinct({ id: people.id, name: people.name })
    .from(people)
    .leftJoin(roles, eq(roles.personId, people.id))
    .where(or(eq(people.homeRegion, regionCode), eq(roles.regionCode, regionCode)));
  return rows.filter((p) => cleanName(p.name) === name);
}

/** Removing changes only later votes: a closed vote keeps the figures it was decided on. */
export function removeMemberStatement(db: Db, regionCode: string, kind: MemberKind, personId: string): Statement {
  return db
    .delete(villageMembers)
    .where(and(eq(villageMembers.regionCode, regionCode), eq(villageMembers.kind, kind), eq(villageMembers.personId, personId)));
}

export function addMemberStatement(db: Db, row: typeof villageMembers.$inferInsert): Statement {
  return db.insert(villageMembers).values(row).onConflictDoNothing();
}

/** One vote per person: a second press is ignored by the key, whatever it says. */
export function voteStatement(db: Db, row: typeof meetingVotes.$inferInsert): Statement {
  return db.insert(meetingVotes).values(row).onConflictDoNothing();
}

/**
 * The latest meeting vote that adopted each suggestion, with the figures stored when it closed:
 * 应到 the members due to attend, 实到 those present.
 */
export async function adoptingVotes(db: Db, recordIds: readonly string[]) {
  if (recordIds.length === 0) return new Map<string, AdoptingVote>();
  const rows = await db
    .select({
      recordId: meetingMotions.recordId,
      seq: meetings.seq,
      kind: meetings.kind,
      startsAt: meetings.startsAt,
      yes: meetingMotions.yes,
      no: meetingMotions.no,
      abstain: meetingMotions.abstain,
      expected: meetingMotions.expected,
      present: meetingMotions.present,
      closedAt: meetingMotions.closedAt,
    })
    .from(meetingMotions)
    .innerJoin(meetings, eq(meetings.id, meetingMotions.meetingId))
    .where(and(inArray(meetingMotions.recordId, [...recordIds]), eq(meetingMotions.outcome, 'adopted')))
    .orderBy(asc(meetingMotions.closedAt));
  const out = new Map<string, AdoptingVote>();
  for (const r of rows) {
    out.set(r.recordId, {
      seq: r.seq,
      kind: r.kind,
      startsAt: r.startsAt,
      expected: r.expected ?? 0,
      present: r.present ?? 0,
      yes: r.yes ?? 0,
      no: r.no ?? 0,
      abstain: r.abstain ?? 0,
    });
  }
  return out;
}

export interface AdoptingVote {
  seq: number;
  kind: MeetingKind | null;
  startsAt: number;
  expected: number;
  present: number;
  yes: number;
  no: number;
  abstain: number;
}
