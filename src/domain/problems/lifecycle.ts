/**
 * A problem's way to closure (问题清单): 待交办 → 已交办 → 办理中 → 已办结 → 已确认. Only the
 * owner it was assigned to closes it, and only whoever raised it confirms; 不满意 sends it back
 * to 办理中 with the same owner. Every step is a row of the record's history.
 */
export const PROBLEM_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'confirmed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  open: '待交办',
  assigned: '已交办',
  in_progress: '办理中',
  resolved: '已办结',
  confirmed: '已确认',
};

/** Statuses in which an owner is working on it: it can be closed, and it can run late. */
export const WORKING_STATUSES: readonly string[] = ['assigned', 'in_progress'];
/** Statuses a problem may be (re)assigned from. */
export const ASSIGNABLE_STATUSES: readonly string[] = ['open', 'assigned', 'in_progress'];
/** Closed by its owner, whether or not the raiser has confirmed yet. */
export const CLOSED_STATUSES: readonly string[] = ['resolved', 'confirmed'];

export const VERDICTS = ['satisfied', 'mostly', 'unsatisfied'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = { satisfied: '满意', mostly: '基本满意', unsatisfied: '不满意' };

/** 「问题#3」, 「问题 #3」, 「#3」 or 「3」 at the start of the arguments, and what follows. */
export function parseProblemRef(args: string): { seq: number; rest: string } | null {
  const m = /^(?:问题\s*)?[#＃]?\s*(\d{1,9})(?=$|[\s,，:：])/u.exec(args.trim());
  if (!m) return null;
  return { seq: Number(m[1]), rest: args.trim().slice(m[0].length).replace(/^[\s,，:：]+/u, '').trim() };
}

/** 「满意」「基本满意 路灯亮了」「不满意：还是堵」: the verdict and an optional comment. */
export function parseVerdict(text: string): { verdict: Verdict; comment: string | null } | null {
  const t = text.trim();
  for (const [word, verdict] of [['基本满意', 'mostly'], ['不满意', 'unsatisfied'], ['满意', 'satisfied']] as const) {
    if (!t.startsWith(word)) continue;
    const comment = t.slice(word.length).replace(/^[\s,，:：。]+/u, '').trim();
    return { verdict, comment: comment || null };
  }
  return null;
}

/** Late: still being worked on after its deadline's last day (dates are YYYY-MM-DD keys). */
export function isOverdue(status: string, deadline: string | null, today: string): boolean {
  return deadline !== null && WORKING_STATUSES.includes(status) && deadline < today;
}

/** Whole days from one date key to a later one. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Median of the days each closed problem took, to one decimal; null when none is closed. */
export function medianDays(durationsMs: readonly number[]): number | null {
  if (durationsMs.length === 0) return null;
  const days = durationsMs.map((ms) => ms / 86_400_000).sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  const median = days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  return Math.round(median * 10) / 10;
}

/** A deed's words without its 「回应问题#3」 references: what was done, for the closing note. */
export function withoutLinks(text: string): string {
  const bare = text.replace(/(?:回应|针对|落实|来自|根据|解决)\s*(?:建议|问题)\s*[#＃]\s*\d+/gu, '').replace(/\s{2,}/gu, ' ').trim();
  return bare || text;
}
