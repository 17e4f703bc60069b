/**
 * 五个一: each returning cadre owes one hometown talk, one round of field visits, one sincere
 * suggestion, one practical deed and one village-rule improvement. Progress is always computed
 * from what was recorded, never typed in.
 */
export type FiveOnesItem = 'talk' | 'visit' | 'suggestion' | 'deed' | 'rule';
export const FIVE_ONES: readonly FiveOnesItem[] = ['talk', 'visit', 'suggestion', 'deed', 'rule'];

export const FIVE_ONES_LABELS: Record<FiveOnesItem, string> = {
  talk: '乡情恳谈',
  visit: '实地走访',
  suggestion: '中肯建议',
  deed: '为民实事',
  rule: '村规民约',
};

export type FiveOnesCounts = Record<FiveOnesItem, number>;

export interface FiveOnesProgress {
  counts: FiveOnesCounts;
  done: FiveOnesItem[];
  missing: FiveOnesItem[];
}

export function fiveOnes(counts: FiveOnesCounts): FiveOnesProgress {
  const done = FIVE_ONES.filter((i) => counts[i] > 0);
  const missing = FIVE_ONES.filter((i) => counts[i] === 0);
  return { counts, done, missing };
}

export function emptyCounts(): FiveOnesCounts {
  return { talk: 0, visit: 0, suggestion: 0, deed: 0, rule: 0 };
}
