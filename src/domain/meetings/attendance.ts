import { MINUTE_MS } from '../zoned-time.js';

export type AttendanceStatus = 'invited' | 'signed' | 'late' | 'leave';

/** The default window: opens 15 minutes before the start, closes 30 minutes after. */
export const SIGNIN_OPENS_BEFORE_MS = 15 * MINUTE_MS;
export const SIGNIN_CLOSES_AFTER_MS = 30 * MINUTE_MS;

export interface SigninWindow {
  startsAt: number;
  signinOpensAt: number;
  signinClosesAt: number;
}

export function defaultWindow(startsAt: number): SigninWindow {
  return { startsAt, signinOpensAt: startsAt - SIGNIN_OPENS_BEFORE_MS, signinClosesAt: startsAt + SIGNIN_CLOSES_AFTER_MS };
}

/**
 * A meeting recorded after the fact (confirmed although in the past) still gets a window from
 * now, so people can sign in to what they attended.
 */
export function windowFor(startsAt: number, now: number): SigninWindow {
  const w = defaultWindow(startsAt);
  if (w.signinClosesAt > now) return w;
  return { startsAt, signinOpensAt: Math.min(w.signinOpensAt, now), signinClosesAt: now + SIGNIN_CLOSES_AFTER_MS };
}

export type SigninMoment = 'not-open' | 'on-time' | 'late' | 'closed';

/** Where `now` falls: sign-ins after the start are marked late. */
export function signinMoment(w: SigninWindow, now: number): SigninMoment {
  if (now < w.signinOpensAt) return 'not-open';
  if (now >= w.signinClosesAt) return 'closed';
  return now > w.startsAt ? 'late' : 'on-time';
}

export interface AttendanceEntry {
  name: string;
  status: AttendanceStatus;
  proxy: boolean;
  reason: string | null;
}

export interface AttendanceSummary {
  signed: string[];
  late: string[];
  leave: { name: string; reason: string | null }[];
  absent: string[];
  /** Signed in by name through a leader (代签). */
  proxied: string[];
  villagers: number;
  /** Everyone present: signed, late and villagers counted by head. */
  present: number;
}

const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

/** Who came, who was late, who asked for leave, who was absent: by name, sorted. */
export function summarise(entries: readonly AttendanceEntry[], villagers: number): AttendanceSummary {
  const pick = (s: AttendanceStatus) => entries.filter((e) => e.status === s).map((e) => e.name).sort(byName);
  const signed = pick('signed');
  const late = pick('late');
  return {
    signed,
    late,
    leave: entries
      .filter((e) => e.status === 'leave')
      .map((e) => ({ name: e.name, reason: e.reason }))
      .sort((a, b) => byName(a.name, b.name)),
    absent: pick('invited'),
    proxied: entries.filter((e) => e.proxy && (e.status === 'signed' || e.status === 'late')).map((e) => e.name).sort(byName),
    villagers,
    present: signed.length + late.length + villagers,
  };
}

export type VoteChoice = 'yes' | 'no' | 'abstain';

export interface VoteTally {
  yes: number;
  no: number;
  abstain: number;
}

/** The buttons' count; whether it adopts anything is for the meeting's rules (quorum.ts). */
export function tally(choices: readonly VoteChoice[]): VoteTally {
  const yes = choices.filter((c) => c === 'yes').length;
  const no = choices.filter((c) => c === 'no').length;
  return { yes, no, abstain: choices.length - yes - no };
}
