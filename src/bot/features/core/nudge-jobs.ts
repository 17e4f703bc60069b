import { chatsForRegion } from '../../../db/repo/chats.js';
import { activityOf, pausesFrom, reviewersByPerson } from '../../../db/repo/load.js';
import { getPerson, peopleWithRole } from '../../../db/repo/people.js';
import { pairedWith } from '../../../db/repo/problems.js';
import { cadres, fiveOnesByPerson, lastActivityByPerson, suggestionsWaiting } from '../../../db/repo/programme-stats.js';
import { getRegion } from '../../../db/repo/regions.js';
import { nudgeHistoryOf, nudgeStatement } from '../../../db/repo/scheduler.js';
import type { Statement, Store } from '../../../db/store.js';
import { emptyCounts, fiveOnes, type FiveOnesItem } from '../../../domain/five-ones.js';
import { loadMsg } from '../../../domain/load-messages.js';
import {
  civilDateOf,
  dateKey,
  DAY_MS,
  decideNudge,
  nudgePeriodOf,
  nudgeWindow,
  type NudgeCadence,
  type NudgeDecision,
  type NudgeHistory,
  type NudgePeriod,
  type WorkCalendar,
} from '../../../domain/meetings/index.js';
import { formatMonthDay } from '../../../domain/time.js';
import type { OutMessage, Region } from '../../../domain/types.js';
import { commitWork } from '../../engine/scheduler/commit.js';
import { letRequestsIn, timeSlicer } from '../../engine/yield.js';
import { reachOf, targetOf, type Reach } from '../../engine/scheduler/recipients.js';

export interface NudgeDeps {
  store: Store;
  timeZone: string;
  calendar: WorkCalendar;
  cadence: NudgeCadence;
}

/** A suggestion waiting this long for review is the reviewers' missing work. */
export const REVIEW_OVERDUE_DAYS = 14;

interface Due {
  person: { id: string; name: string };
  village: string;
  /** Five-ones items for a cadre; waiting suggestion numbers for a leader or council member. */
  missing: FiveOnesItem[];
  waiting: number[];
  decision: NudgeDecision;
  history: readonly NudgeHistory[];
  lastActivityAt: number | null;
}

/**
 * Reminders, rare and in private. Cadres hear what of the five ones is missing; leaders and
 * council members are judged on their own work (suggestions waiting for their review), never on
 * five-ones items. Nobody is named in a group: a cadre with no private chat is counted in one
 * anonymous line a month, and their names go to the leader and the township station in private.
 * Reminders left unanswered (no activity of any kind since) go to the station staff in private.
 */
export async function runNudges(deps: NudgeDeps, now: number): Promise<{ nudges: number; escalations: number; skipped: number }> {
  const result = { nudges: 0, escalations: 0, skipped: 0 };
  const period = nudgeWindow(now, deps.timeZone, deps.calendar);
  if (!period) return result;
  const db = deps.store.db;
  const people = (await cadres(db)).filter((c) => c.joinedAt !== null);
  await letRequestsIn();
  const reviewers = await reviewersByPerson(db);
  if (people.length === 0 && reviewers.size === 0) return result;
  // Each of these reads the whole roster: requests that came meanwhile go first, between them.
  await letRequestsIn();
  const paused = await pausesFrom(db, dateKey(civilDateOf(now, deps.timeZone)));
  const progress = await fiveOnesByPerson(db, now);
  await letRequestsIn();
  const activity = await lastActivityByPerson(db);
  await letRequestsIn();
  const touched = await activityOf(db, [...new Set([...people.map((p) => p.id), ...reviewers.keys()])]);
  await letRequestsIn();
  const lastOf = (id: string) => Math.max(activity.get(id) ?? 0, touched.get(id) ?? 0) || null;
  const overdue = await suggestionsWaiting(db, now - REVIEW_OVERDUE_DAYS * DAY_MS);
  const waitingIn = (village: string) => overdue.filter((s) => s.regionCode === village).map((s) => s.seq);
  await letRequestsIn();
  const stored = await nudgeHistoryOf(db, [...new Set([...people.map((p) => p.id), ...reviewers.keys()])]);
  // The loops below go over the whole roster too (thousands of cadres, a calendar date worked out
  // for every reminder ever sent): in slices, with requests let in between, not in one turn.
  const slice = timeSlicer();
  const history = new Map<string, NudgeHistory[]>();
  for (const [id, list] of stored) {
    await slice();
    history.set(
      id,
      list.map((h): NudgeHistory => ({ ...nudgePeriodOf(civilDateOf(h.sentAt, deps.timeZone)), ...h })),
    );
  }

  const due: Due[] = [];
  const decide = (person: { id: string; name: string }, village: string, joinedAt: number, missing: FiveOnesItem[], waiting: number[]) => {
    const h = history.get(person.id) ?? [];
    const candidate = { joinedAt, missing: [...missing, ...waiting.map(String)], lastActivityAt: lastOf(person.id), history: h, paused: paused.has(person.id) };
    const decision = decideNudge(candidate, now, period, deps.cadence);
    if (decision.nudge) due.push({ person, village, missing, waiting, decision, history: h, lastActivityAt: candidate.lastActivityAt });
  };
  for (const p of people) {
    if (reviewers.has(p.id)) continue;
    await slice();
    decide({ id: p.id, name: p.name }, p.village, p.joinedAt!, fiveOnes(progress.get(p.id) ?? emptyCounts()).missing, []);
  }
  const names = new Map(people.map((p) => [p.id, p]));
  for (const [id, villages] of reviewers) {
    await slice();
    const waiting = villages.flatMap(waitingIn);
    const p = names.get(id);
    // A reviewer who is not a cadre has no joining date: the first overdue suggestion starts the clock.
    if (waiting.length > 0) decide({ id, name: p?.name ?? (await nameOf(deps, id)) }, villages[0]!, p?.joinedAt ?? 0, [], waiting);
  }
  if (due.length === 0) return result;

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

async function nameOf(deps: NudgeDeps, id: string): Promise<string> {
  return (await getPerson(deps.store.db, id))?.name ?? id;
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
