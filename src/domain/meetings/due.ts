import { DAY_MS, HOUR_MS } from '../zoned-time.js';

/** What a meeting needs from the scheduler, read from its row. */
export interface MeetingTimes {
  status: 'draft' | 'scheduled' | 'open' | 'closed' | 'cancelled';
  createdAt: number;
  /** Set by 改期: the new time was announced then. */
  movedAt?: number | null;
  startsAt: number;
  signinOpensAt: number;
  signinClosesAt: number;
}

export type MeetingAction = 'remind-24h' | 'remind-1h' | 'open' | 'close';

/**
 * The scheduled work a meeting has due at `now`, leaving out what `done` already holds.
 * A reminder whose moment passed while the bot was down is dropped once a later one is due, and
 * a reminder is never sent for a meeting scheduled after its moment (the announcement said it).
 */
export function dueMeetingActions(m: MeetingTimes, done: ReadonlySet<MeetingAction>, now: number): MeetingAction[] {
  if (m.status === 'draft' || m.status === 'cancelled' || m.status === 'closed') return [];
  const out: MeetingAction[] = [];
  const announced = Math.max(m.createdAt, m.movedAt ?? 0);
  const day = m.startsAt - DAY_MS;
  const hour = m.startsAt - HOUR_MS;
  if (!done.has('remind-24h') && announced <= day && now >= day && now < hour) out.push('remind-24h');
  // Once the sign-in window is open, its own message says the meeting is about to start: a late
  // 「1 小时后召开」 beside it would be wrong.
  if (!done.has('remind-1h') && announced <= hour && now >= hour && now < Math.min(m.startsAt, m.signinOpensAt)) out.push('remind-1h');
  if (!done.has('open') && m.status === 'scheduled' && now >= m.signinOpensAt && now < m.signinClosesAt) out.push('open');
  if (!done.has('close') && now >= m.signinClosesAt) out.push('close');
  return out;
}

/** Meetings worth looking at: anything not closed whose reminders or window could be due. */
export const MEETING_LOOKAHEAD_MS = DAY_MS + HOUR_MS;
