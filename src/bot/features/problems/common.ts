import { getRecordBySeq, type RecordRow } from '../../../db/repo/records.js';
import { getPerson } from '../../../db/repo/people.js';
import { problemCaseOf, type ProblemCaseRow } from '../../../db/repo/problems.js';
import { getRegion } from '../../../db/repo/regions.js';
import type { OutMessage, Region } from '../../../domain/types.js';
import type { HandlerContext } from '../../engine/context.js';
import { personalMessages, reachOf, type Person } from '../../engine/scheduler/recipients.js';

export interface Problem {
  record: RecordRow;
  village: Region;
  /** Owner, deadline and closing once assigned; null while 待交办. */
  kase: ProblemCaseRow | null;
  owner: Person | null;
  raiser: Person | null;
}

export async function problemBySeq(ctx: HandlerContext, seq: number): Promise<Problem | null> {
  const record = await getRecordBySeq(ctx.db, 'problem', seq);
  if (!record) return null;
  return problemOf(ctx, record);
}

export async function problemOf(ctx: HandlerContext, record: RecordRow): Promise<Problem | null> {
  const village = await getRegion(ctx.db, record.regionCode);
  if (!village) return null;
  const kase = await problemCaseOf(ctx.db, record.id);
  const owner = kase ? await getPerson(ctx.db, kase.ownerId) : null;
  const raiser = await getPerson(ctx.db, record.personId);
  return {
    record,
    village,
    kase,
    owner: owner ? { id: owner.id, name: owner.name } : null,
    raiser: raiser ? { id: raiser.id, name: raiser.name } : null,
  };
}

/**
 * A private message to one person about a problem; none when they cannot be written to in
 * private (the reply then says so where it matters). Keys hold the event, so a replay sends nothing twice.
 */
export async function tellPrivately(ctx: HandlerContext, person: Person, tag: string, text: string): Promise<OutMessage[]> {
  if (ctx.actor.person?.id === person.id) return [];
  const people = [person];
  return personalMessages(people, await reachOf(ctx.db, people), () => text, (t) => `problem:${tag}:${ctx.event.platform}:${ctx.event.eventId}:${t.platform}:${t.chatId}`, [], () => '');
}

/** A problem's text cut short for notices that quote it. */
export function brief(text: string, max = 40): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}
