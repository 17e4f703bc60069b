/** Who a sender is: how accounts are tied to roster entries, and the limits on claiming one. */
import type { RoleName } from '../types.js';

/**
 * How an account was tied to its person: the organisation's directory (mobile or employee
 * number), a phone tail typed in a village chat, a station's approval, /link from an account the
 * person already had, or an operator (seed, import).
 */
export const MATCHED_BY = ['directory_mobile', 'directory_employee_no', 'phone_tail', 'approval', 'link', 'import'] as const;
export type MatchedBy = (typeof MATCHED_BY)[number];

export const JOIN_REQUEST_KINDS = ['new', 'claim', 'station_claim', 'transfer'] as const;
export type JoinRequestKind = (typeof JOIN_REQUEST_KINDS)[number];

/** Requests only a station (or the task force) may decide: they hand over more, or take from a holder. */
export function stationDecides(kind: JoinRequestKind): boolean {
  return kind === 'station_claim' || kind === 'transfer';
}

/** Wrong phone tails allowed per sender and per roster entry in one window. */
export const MAX_TAIL_FAILURES = 5;
/** The window of those failures: a day, so a guesser gets 5 of 10,000 tails a day. */
export const TAIL_WINDOW_MS = 24 * 60 * 60_000;

/** Roles a claim can give: only the cadre role. Leader, council and station roles need a station. */
export function claimableRoles(roles: readonly RoleName[]): boolean {
  return roles.every((r) => r === 'cadre');
}

/** Roles whose holders may decide transfers and claims on entries with more than the cadre role. */
export const STATION_ROLES: readonly RoleName[] = ['admin', 'county_station', 'township_station'];

/**
 * A mobile number reduced to its national digits: directories give "+86 139-0877-1234" or
 * "+8613908771234", rosters "13908771234".
 */
export function nationalMobile(raw: string | null | undefined): string | null {
  const digits = (raw ?? '').replace(/\D/gu, '');
  if (!digits) return null;
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
  return digits;
}

/** What an organisation's directory says about a sender; either field may be unknown. */
export interface DirectoryEntry {
  mobile: string | null;
  employeeNo: string | null;
}

/** Roster facts the directory is compared with. */
export interface RosterFacts {
  phone: string | null;
  employeeNo: string | null;
}

/**
 * How the directory ties a sender to a roster entry, or null when it does not. The employee
 * number is asked first: it is the organisation's own key, while a mobile can change hands.
 */
export function directoryMatch(entry: DirectoryEntry, roster: RosterFacts): MatchedBy | null {
  if (entry.employeeNo && roster.employeeNo && entry.employeeNo.trim() === roster.employeeNo.trim()) return 'directory_employee_no';
  const mobile = nationalMobile(entry.mobile);
  if (mobile && mobile === nationalMobile(roster.phone)) return 'directory_mobile';
  return null;
}

/** True when the directory knows the sender's mobile and the roster entry has a different one. */
export function directoryContradicts(entry: DirectoryEntry | null, roster: RosterFacts): boolean {
  const mobile = nationalMobile(entry?.mobile);
  const listed = nationalMobile(roster.phone);
  return Boolean(mobile && listed && mobile !== listed);
}
