import type { FiveOnesItem } from '../five-ones.js';
import type { WorkCalendar } from './calendar.js';
import { isQuietHour } from './calendar.js';
import { civilDateOf, DAY_MS, isoWeekKey, wallClockOf } from '../zoned-time.js';

/** A cadre is left alone for the first 14 days after joining. */
export const NUDGE_GRACE_MS = 14 * DAY_MS;
/** Unanswered nudges after which the township station is told. */
export const NUDGES_BEFORE_ESCALATION = 3;

export interface NudgeHistory {
  week: string;
  sentAt: number;
  escalated: boolean;
}

export interface NudgeCandidate {
  joinedAt: number;
  missing: readonly FiveOnesItem[];
  /** Last record or sign-in of the person: anything after a nudge answers it. */
  lastActivityAt: number | null;
  history: readonly NudgeHistory[];
}

/** Whether nudges may go out at all at `now`: a working day, outside quiet hours. */
export function nudgeWindow(now: number, timeZone: string, cal: WorkCalendar): { week: string } | null {
  const today = civilDateOf(now, timeZone);
  if (!cal.isWorkingDay(today)) return null;
  if (isQuietHour(wallClockOf(now, timeZone).hour)) return null;
  return { week: isoWeekKey(today) };
}

export interface NudgeDecision {
  nudge: boolean;
  /** Tell the township station: three nudges went unanswered and it has not been told yet. */
  escalate: boolean;
  unanswered: number;
}

export function decideNudge(c: NudgeCandidate, now: number, week: string): NudgeDecision {
  const none = { nudge: false, escalate: false, unanswered: 0 };
  if (c.missing.length === 0 || now - c.joinedAt < NUDGE_GRACE_MS) return none;
  if (c.history.some((h) => h.week === week)) return none;
  const since = c.lastActivityAt ?? Number.NEGATIVE_INFINITY;
  const unanswered = c.history.filter((h) => h.sentAt > since);
  const escalate = unanswered.length >= NUDGES_BEFORE_ESCALATION && !unanswered.some((h) => h.escalated);
  return { nudge: true, escalate, unanswered: unanswered.length };
}
