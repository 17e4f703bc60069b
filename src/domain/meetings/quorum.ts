import type { MeetingKind } from './kinds.js';

/** Whose vote counts at a meeting: the village's party members or its villager representatives. */
export type MemberKind = 'party' | 'representative';
export const MEMBER_KINDS: readonly MemberKind[] = ['party', 'representative'];
export const MEMBER_KIND_LABELS: Record<MemberKind, string> = { party: '党员', representative: '村民代表' };

/** The electorate of a voting meeting, or null for a meeting that does not vote. */
export function electorateOf(kind: MeetingKind | null): MemberKind | null {
  if (kind === 'party') return 'party';
  if (kind === 'representatives') return 'representative';
  return null;
}

/** 党员 / 村民代表 as people write them (共产党员, 代表 …), or null. */
export function memberKindFromWord(word: string): MemberKind | null {
  const w = word.trim();
  if (/^(?:中共|共产)?党员$/u.test(w)) return 'party';
  if (/^(?:村民)?代表$/u.test(w)) return 'representative';
  return null;
}

export type VoteOutcome = 'adopted' | 'rejected' | 'invalid';

export interface VoteFigures {
  /** 应到: members of the electorate. */
  expected: number;
  /** 实到: members of the electorate present. */
  present: number;
  yes: number;
  no: number;
  abstain: number;
}

export interface VoteDecision {
  outcome: VoteOutcome;
  /** Smallest attendance that makes the vote valid, and smallest yes count that adopts. */
  quorum: number;
  needed: number;
}

/**
 * The lawful rules of 四议两公开 (村民委员会组织法 art. 25–26 and the party branch rules): both
 * meetings need two thirds of their members present. A 党员大会 adopts with more than half of
 * ALL members due to attend; a 村民代表会议 with more than half of those present. Without quorum
 * the vote is void, whatever the tally, and nothing it decided stands.
 */
export function decideVote(electorate: MemberKind, f: VoteFigures): VoteDecision {
  const quorum = Math.ceil((f.expected * 2) / 3);
  const base = electorate === 'party' ? f.expected : f.present;
  const needed = Math.floor(base / 2) + 1;
  if (f.expected === 0 || f.present < quorum) return { outcome: 'invalid', quorum, needed };
  return { outcome: f.yes >= needed ? 'adopted' : 'rejected', quorum, needed };
}
