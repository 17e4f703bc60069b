import { chatsForRegion } from '../../../db/repo/chats.js';
import { cadres, fiveOnesByPerson, lastActivityByPerson } from '../../../db/repo/programme-stats.js';
import { getRegion } from '../../../db/repo/regions.js';
import { nudgeHistoryOf, nudgeStatement } from '../../../db/repo/scheduler.js';
import type { Store } from '../../../db/store.js';
import { emptyCounts, fiveOnes } from '../../../domain/five-ones.js';
import { decideNudge, nudgeWindow, type WorkCalendar } from '../../../domain/meetings/index.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import type { OutMessage } from '../../../domain/types.js';
import { commitWork } from '../../engine/scheduler/commit.js';
import { personalMessages, reachOf, targetOf } from '../../engine/scheduler/recipients.js';

export interface NudgeDeps {
  store: Store;
  timeZone: string;
  calendar: WorkCalendar;
}

/**
 * Weekly five-ones reminders to cadres who joined 14+ days ago and still miss items: on working
 * days outside quiet hours, in private where possible, else @mentioned in the village chat. After
 * three unanswered the township station is told.
 */
export async function runNudges(deps: NudgeDeps, now: number): Promise<{ nudges: number; escalations: number; skipped: number }> {
  const result = { nudges: 0, escalations: 0, skipped: 0 };
  const window = nudgeWindow(now, deps.timeZone, deps.calendar);
  if (!window) return result;
  const db = deps.store.db;
  const people = (await cadres(db)).filter((c) => c.joinedAt !== null);
  if (people.length === 0) return result;
  const progress = await fiveOnesByPerson(db, now);
  const activity = await lastActivityByPerson(db);
  const history = await nudgeHistoryOf(db, people.map((p) => p.id));
  const due = people
    .map((p) => {
      const missing = fiveOnes(progress.get(p.id) ?? emptyCounts()).missing;
      const decision = decideNudge(
        { joinedAt: p.joinedAt!, missing, lastActivityAt: activity.get(p.id) ?? null, history: history.get(p.id) ?? [] },
        now,
        window.week,
      );
      return { person: p, missing, decision };
    })
    .filter((d) => d.decision.nudge);
  if (due.length === 0) return result;
  const reach = await reachOf(db, due.map((d) => ({ id: d.person.id, name: d.person.name })));
  for (const { person, missing, decision } of due) {
    const village = await getRegion(db, person.village);
    const villageChats = (await chatsForRegion(db, person.village, 'village')).map(targetOf);
    const prefix = `nudge:${person.id}:${window.week}`;
    const messages: OutMessage[] = personalMessages(
      [{ id: person.id, name: person.name }],
      reach,
      (p) => meetingMsg.nudge(p.name, missing),
      (t) => `${prefix}:${t.platform}:${t.chatId}`,
      villageChats,
      (names) => meetingMsg.nudge(names.join('、'), missing),
    );
    if (decision.escalate && village?.parentCode) {
      for (const chat of await chatsForRegion(db, village.parentCode, 'township_station')) {
        messages.push({
          to: targetOf(chat),
          text: meetingMsg.escalation(person.name, village.fullName, missing, decision.unanswered),
          key: `${prefix}:escalate:${chat.platform}:${chat.chatId}`,
        });
      }
    }
    const ok = await commitWork(
      deps.store,
      { jobKey: null, statements: [nudgeStatement(db, { personId: person.id, week: window.week, sentAt: now, missing, escalated: decision.escalate })], messages },
      now,
    );
    if (!ok) result.skipped++;
    else {
      result.nudges++;
      if (decision.escalate) result.escalations++;
    }
  }
  return result;
}
