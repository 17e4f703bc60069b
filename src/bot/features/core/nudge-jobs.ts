import { chatsForRegion } from '../../../db/repo/chats.js';
import { peopleWithRole } from '../../../db/repo/people.js';
import { pairedWith } from '../../../db/repo/problems.js';
import { getRegion } from '../../../db/repo/regions.js';
import { nudgeStatement } from '../../../db/repo/scheduler.js';
import type { Statement, Store } from '../../../db/store.js';
import { loadMsg } from '../../../domain/load-messages.js';
import { nudgeWindow, type NudgeCadence, type NudgePeriod, type WorkCalendar } from '../../../domain/meetings/index.js';
import { formatMonthDay } from '../../../domain/time.js';
import type { OutMessage, Region } from '../../../domain/types.js';
import type { Logger } from '../../engine/ports.js';
import { commitWork } from '../../engine/scheduler/commit.js';
import { letRequestsIn } from '../../engine/yield.js';
import { reachOf, targetOf, type Reach } from '../../engine/scheduler/recipients.js';
import { givingWay, planNudges, REVIEW_OVERDUE_DAYS, type Due, type NudgePlanner } from './nudge-plan.js';

export interface NudgeDeps {
  store: Store;
  timeZone: string;
  calendar: WorkCalendar;
  cadence: NudgeCadence;
  logger: Logger;
}

/**
 * Reminders, rare and in private. Cadres hear what of the five ones is missing; leaders and
 * council members are judged on their own work (suggestions waiting for their review), never on
 * five-ones items. Nobody is named in a group: a cadre with no private chat is counted in one
 * anonymous line a month, and their names go to the leader and the township station in private.
 * Reminders left unanswered (no activity of any kind since) go to the station staff in private.
 *
 * Who is due is decided by `planner` when given (the Node server's worker thread: the whole
 * roster is read, every ten minutes of the working day, and not on the thread that answers
 * webhooks), else here, giving way to requests between reads. Only the reminders' messages and
 * their commit are this thread's work.
 */
export async function runNudges(deps: NudgeDeps, now: number, planner?: NudgePlanner): Promise<{ nudges: number; escalations: number; skipped: number }> {
  const result = { nudges: 0, escalations: 0, skipped: 0 };
  const period = nudgeWindow(now, deps.timeZone, deps.calendar);
  if (!period) return result;
  const question = { now, timeZone: deps.timeZone, period, cadence: deps.cadence };
  const due = await planned(deps, question, planner);
  if (due.length === 0) return result;

  const db = deps.store.db;
  const byVillage = new Map<string, Due[]>();
  for (const d of due) byVillage.set(d.village, [...(byVillage.get(d.village) ?? []), d]);
  for (const [code, list] of byVillage) {
    await letRequestsIn();
    const village = await getRegion(db, code);
    if (!village) continue;
    const { messages, reminded } = await villageMessages(deps, village, list, period, now);
    if (reminded.length === 0) continue;
    const statements: Statement[] = reminded.map((d) =>
      nudgeStatement(db, { personId: d.person.id, week: period.week, sentAt: now, missing: d.waiting.length ? d.waiting.map((n) => `review:${n}`) : d.missing, escalated: d.decision.escalate }),
    );
    if (!(await commitWork(deps.store, { jobKey: null, statements, messages }, now))) result.skipped++;
    else {
      result.nudges += reminded.length;
      result.escalations += reminded.filter((d) => d.decision.escalate).length;
    }
  }
  return result;
}

/** The planner's answer; should it fail (its thread died), the same decision is made here. */
async function planned(deps: NudgeDeps, question: Parameters<NudgePlanner>[0], planner: NudgePlanner | undefined): Promise<Due[]> {
  if (planner) {
    try {
      return await planner(question);
    } catch (err) {
      deps.logger.warn('nudge planner failed; deciding on the main thread', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  return planNudges(deps.store.db, question, givingWay);
}

/**
 * The village's reminders and who counts as reminded: everyone reached in private, and cadres
 * without a private chat (counted in the group line, named to their leader and station). A
 * reviewer who cannot be reached in private is not reminded at all: the group never hears of it.
 */
async function villageMessages(deps: NudgeDeps, village: Region, all: readonly Due[], period: NudgePeriod, now: number): Promise<{ messages: OutMessage[]; reminded: Due[] }> {
  const db = deps.store.db;
  const reach = await reachOf(db, all.map((d) => d.person));
  const privateOf = (id: string) => reach.get(id)?.private[0];
  const list = all.filter((d) => d.missing.length > 0 || privateOf(d.person.id));
  const messages: OutMessage[] = [];
  const unreached: Due[] = [];
  for (const d of list) {
    const to = privateOf(d.person.id);
    if (!to) {
      if (d.missing.length) unreached.push(d);
      continue;
    }
    const text = d.waiting.length
      ? loadMsg.reviewNudge(d.person.name, village.fullName, d.waiting, REVIEW_OVERDUE_DAYS)
      : loadMsg.nudge(d.person.name, d.missing);
    messages.push({ to, text, key: `nudge:${d.person.id}:${period.week}:${to.platform}:${to.chatId}` });
  }
  if (unreached.length) {
    // The group sees a count, once a month at most (the key holds the month); names go in private.
    for (const chat of await chatsForRegion(db, village.code, 'village')) {
      const to = targetOf(chat);
      messages.push({ to, text: loadMsg.villageLine(unreached.length), key: `nudge-village:${village.code}:${period.month}:${to.platform}:${to.chatId}` });
    }
    const leaders = await peopleWithRole(db, 'leader', village.code);
    const keep = (id: string) => !unreached.some((d) => d.person.id === id);
    const told = new Map([...(await privateToStaff(deps, leaders, keep)), ...(await contactsOf(deps, village))]);
    for (const [id, to] of told) {
      messages.push({
        to,
        text: loadMsg.unreachedNames(village.fullName, unreached.map((d) => ({ name: d.person.name, missing: d.missing }))),
        key: `nudge-unreached:${village.code}:${period.week}:${id}`,
      });
    }
  }
  const escalated = list.filter((d) => d.decision.escalate);
  if (escalated.length) messages.push(...(await escalations(deps, village, escalated, reach, period, now)));
  return { messages, reminded: list };
}

async function stationStaff(deps: NudgeDeps, village: Region) {
  return village.parentCode ? peopleWithRole(deps.store.db, 'township_station', village.parentCode) : [];
}

/**
 * Who answers for a village in private: the staff paired with it (挂包联系) when any of them can
 * be written to, else the township station's staff.
 */
async function contactsOf(deps: NudgeDeps, village: Region) {
  const paired = await privateToStaff(deps, await pairedWith(deps.store.db, village.code), () => true);
  return paired.size ? paired : privateToStaff(deps, await stationStaff(deps, village), () => true);
}

/** Private chats of these staff (each once), leaving out anyone `keep` rejects. */
async function privateToStaff(deps: NudgeDeps, staff: readonly { id: string; name: string }[], keep: (id: string) => boolean) {
  const unique = [...new Map(staff.filter((s) => keep(s.id)).map((s) => [s.id, { id: s.id, name: s.name }])).values()];
  const reach = await reachOf(deps.store.db, unique);
  const out = new Map<string, NonNullable<Reach['private'][number]>>();
  for (const s of unique) {
    const to = reach.get(s.id)?.private[0];
    if (to) out.set(s.id, to);
  }
  return out;
}

/**
 * The paired contacts (挂包联系; else the township station's staff) hear the facts in private. When none
 * of them can be written to privately, the station chat gets a count without names.
 */
async function escalations(deps: NudgeDeps, village: Region, list: readonly Due[], reach: Map<string, Reach>, period: NudgePeriod, now: number): Promise<OutMessage[]> {
  const tz = deps.timeZone;
  const staff = await contactsOf(deps, village);
  const messages: OutMessage[] = [];
  for (const d of list) {
    const since = d.lastActivityAt ?? Number.NEGATIVE_INFINITY;
    const reminders = [...d.history.filter((h) => h.sentAt > since).map((h) => h.sentAt), now].map((at) => formatMonthDay(new Date(at), tz));
    const text = d.waiting.length
      ? loadMsg.reviewEscalation({ name: d.person.name, village: village.fullName, waiting: d.waiting, days: REVIEW_OVERDUE_DAYS, reminders })
      : loadMsg.escalation({
          name: d.person.name,
          village: village.fullName,
          missing: d.missing,
          reminders,
          lastActivity: d.lastActivityAt ? formatMonthDay(new Date(d.lastActivityAt), tz) : null,
          privateChat: (reach.get(d.person.id)?.private.length ?? 0) > 0,
        });
    for (const [id, to] of staff) messages.push({ to, text, key: `nudge:${d.person.id}:${period.week}:escalate:${id}` });
  }
  if (staff.size === 0 && village.parentCode) {
    for (const chat of await chatsForRegion(deps.store.db, village.parentCode, 'township_station')) {
      const to = targetOf(chat);
      messages.push({ to, text: loadMsg.stationCount(village.fullName, list.length), key: `nudge-station:${village.code}:${period.week}:${to.platform}:${to.chatId}` });
    }
  }
  return messages;
}
