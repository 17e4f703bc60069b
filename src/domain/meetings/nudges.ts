import type { WorkCalendar } from './calendar.js';
import { isQuietHour } from './calendar.js';
import { civilDateOf, DAY_MS, isoWeekKey, monthKey, wallClockOf, type CivilDate } from '../zoned-time.js';

/**
 * How often a deployment may remind people. Yunnan's 2024 rules against 「指尖上的形式主义」 ask
 * for rare reminders: the defaults are one a month, three a quarter, none in the first 30 days.
 */
export interface NudgeCadence {
  /** Days after joining before the first reminder. */
  graceDays: number;
  perMonth: number;
  perQuarter: number;
  /** Unanswered reminders after which the paired station contact is told. */
  escalateAfter: number;
}

export const DEFAULT_CADENCE: NudgeCadence = { graceDays: 30, perMonth: 1, perQuarter: 3, escalateAfter: 3 };

/** The calendar periods a reminder counts against. */
export interface NudgePeriod {
  week: string;
  month: string;
  quarter: string;
}

export interface NudgeHistory extends NudgePeriod {
  sentAt: number;
  escalated: boolean;
}

export interface NudgeCandidate {
  joinedAt: number;
  /** What is still to do: five-ones items for a cadre, or waiting reviews for a leader. */
  missing: readonly string[];
  /** Last thing the person did with the bot: anything after a reminder answers it. */
  lastActivityAt: number | null;
  history: readonly NudgeHistory[];
  paused: boolean;
}

export function nudgePeriodOf(d: CivilDate): NudgePeriod {
  return { week: isoWeekKey(d), month: monthKey(d), quarter: `${d.year}-Q${Math.ceil(d.month / 3)}` };
}

/** Whether reminders may go out at all at `now`: a working day, outside quiet hours. */
export function nudgeWindow(now: number, timeZone: string, cal: WorkCalendar): NudgePeriod | null {
  const today = civilDateOf(now, timeZone);
  if (!cal.isWorkingDay(today)) return null;
  if (isQuietHour(wallClockOf(now, timeZone).hour)) return null;
  return nudgePeriodOf(today);
}

export interface NudgeDecision {
  nudge: boolean;
  /** Tell the station: enough reminders went unanswered and it has not been told yet. */
  escalate: boolean;
  unanswered: number;
}

export function decideNudge(c: NudgeCandidate, now: number, period: NudgePeriod, cadence: NudgeCadence = DEFAULT_CADENCE): NudgeDecision {
  const none = { nudge: false, escalate: false, unanswered: 0 };
  if (c.paused || c.missing.length === 0 || now - c.joinedAt < cadence.graceDays * DAY_MS) return none;
  if (c.history.some((h) => h.week === period.week)) return none;
  if (c.history.filter((h) => h.month === period.month).length >= cadence.perMonth) return none;
  if (c.history.filter((h) => h.quarter === period.quarter).length >= cadence.perQuarter) return none;
  const since = c.lastActivityAt ?? Number.NEGATIVE_INFINITY;
  const unanswered = c.history.filter((h) => h.sentAt > since);
  const escalate = unanswered.length >= cadence.escalateAfter && !unanswered.some((h) => h.escalated);
  return { nudge: true, escalate, unanswered: unanswered.length };
}

