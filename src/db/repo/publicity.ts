import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { ANONYMOUS_LABEL } from '../../domain/anonymous.js';
import { meetingMotions, meetings, people, recordHistory, records } from '../schema/index.js';
import type { Db } from '../store.js';

// What a village's public notice page (公示) lists. Only what the village may see: numbers, texts,
// decisions and the names of proposers who did not ask to stay anonymous; never a phone number.

const author = sql<string>`case when ${records.anonymous} = 1 then ${ANONYMOUS_LABEL} else ${people.name} end`;

/** When the record's status last changed by a decision (adopt, reject, forward, resolve). */
const decidedAt = sql<number | null>`(select max(h.at) from ${recordHistory} h where h.record_id = ${records.id} and h.action in ('adopt', 'reject', 'forward', 'resolve', 'close'))`;

/** Suggestions the village decided: adopted, forwarded to the planning unit, or not adopted. */
export async function decidedSuggestions(db: Db, regionCode: string) {
  return db
    .select({ id: records.id, seq: records.seq, text: records.text, author, status: records.status, decidedAt, updatedAt: records.updatedAt })
    .from(records)
    .innerJoin(people, eq(people.id, records.personId))
    .where(and(eq(records.regionCode, regionCode), eq(records.kind, 'suggestion'), inArray(records.status, ['adopted', 'forwarded', 'rejected'])))
    .orderBy(asc(records.seq));
}

/** Every vote held at the village's meetings, valid or not, with its figures. */
export async function villageVotes(db: Db, regionCode: string) {
  return db
    .select({
      recordId: meetingMotions.recordId,
      meetingSeq: meetings.seq,
      kind: meetings.kind,
      startsAt: meetings.startsAt,
      seq: records.seq,
      text: records.text,
      author,
      expected: meetingMotions.expected,
      present: meetingMotions.present,
      yes: meetingMotions.yes,
      no: meetingMotions.no,
      abstain: meetingMotions.abstain,
      outcome: meetingMotions.outcome,
      passed: meetingMotions.passed,
    })
    .from(meetingMotions)
    .innerJoin(meetings, eq(meetings.id, meetingMotions.meetingId))
    .innerJoin(records, eq(records.id, meetingMotions.recordId))
    .innerJoin(people, eq(people.id, records.personId))
    .where(and(eq(meetings.regionCode, regionCode), isNotNull(meetingMotions.closedAt)))
    .orderBy(asc(meetings.startsAt), asc(meetings.seq), asc(records.seq));
}

/** Problems of the village that were resolved (办结). */
export async function closedProblems(db: Db, regionCode: string) {
  return db
    .select({ seq: records.seq, text: records.text, decidedAt, updatedAt: records.updatedAt })
    .from(records)
    .where(and(eq(records.regionCode, regionCode), eq(records.kind, 'problem'), inArray(records.status, ['resolved', 'confirmed', 'closed'])))
    .orderBy(asc(records.seq));
}
