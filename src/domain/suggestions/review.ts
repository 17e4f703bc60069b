/**
 * The life of a suggestion. Reviewers (planning-group leader, council member, station) decide;
 * every change is written to the history with who and when.
 *
 *   pending ─采纳→ adopted ─转交→ forwarded (sent to the planning technical unit)
 *      │  └─不采纳→ rejected (may be reconsidered: 采纳 later)
 *      └─合并 #M→ merged (final: its backers now back #M)
 *   voting: put to a meeting's vote; reviewers wait for the result.
 */
export type SuggestionStatus = 'pending' | 'voting' | 'adopted' | 'rejected' | 'merged' | 'forwarded';

export type Decision = 'adopt' | 'reject' | 'merge' | 'forward';

export type ReviewRefusal = 'same' | 'voting' | 'final' | 'not_adopted';

const TARGET: Record<Decision, SuggestionStatus> = {
  adopt: 'adopted',
  reject: 'rejected',
  merge: 'merged',
  forward: 'forwarded',
};

const FROM: Record<Decision, readonly string[]> = {
  adopt: ['pending', 'rejected'],
  reject: ['pending', 'adopted'],
  merge: ['pending', 'rejected'],
  // Only what the village meeting adopted goes to the planning technical unit.
  forward: ['adopted'],
};

export function decide(current: string, decision: Decision): { ok: true; to: SuggestionStatus } | { ok: false; why: ReviewRefusal } {
  const to = TARGET[decision];
  if (current === to) return { ok: false, why: 'same' };
  if (current === 'voting') return { ok: false, why: 'voting' };
  if (FROM[decision].includes(current)) return { ok: true, to };
  if (decision === 'forward' && (current === 'pending' || current === 'rejected')) return { ok: false, why: 'not_adopted' };
  return { ok: false, why: 'final' };
}

export type ReviewRequest =
  | { seq: number; action: 'decide'; decision: Exclude<Decision, 'merge'>; comment: string | null }
  | { seq: number; action: 'decide'; decision: 'merge'; into: number; comment: string | null }
  | { seq: number; action: 'tag'; tags: string; comment: null };

export type ReviewParse = { ok: true; request: ReviewRequest } | { ok: false; why: 'usage' | 'merge_target' };

const SEQ = /^(?:建议)?\s*[#＃]?\s*(\d+)/u;

/**
 * 「审核 建议#3 采纳 意见」, 「审核 3 不采纳」, 「审核 建议#3 合并 #1」, 「审核 建议#3 转交」,
 * 「审核 建议#3 类别 产业 文化旅游」.
 */
export function parseReview(args: string): ReviewParse {
  const text = args.trim();
  const m = SEQ.exec(text);
  if (!m) return { ok: false, why: 'usage' };
  const seq = Number(m[1]);
  const rest = text.slice(m[0].length).replace(/^[\s:：,，]+/u, '');
  const word = /^(不采纳|采纳|合并到|合并|转交|类别|标签)/u.exec(rest)?.[1];
  if (!word) return { ok: false, why: 'usage' };
  const after = rest.slice(word.length).replace(/^[\s:：,，]+/u, '').trim();
  const comment = after || null;
  switch (word) {
    case '采纳':
      return { ok: true, request: { seq, action: 'decide', decision: 'adopt', comment } };
    case '不采纳':
      return { ok: true, request: { seq, action: 'decide', decision: 'reject', comment } };
    case '转交':
      return { ok: true, request: { seq, action: 'decide', decision: 'forward', comment } };
    case '合并':
    case '合并到': {
      const t = SEQ.exec(after);
      if (!t) return { ok: false, why: 'merge_target' };
      const into = Number(t[1]);
      const note = after.slice(t[0].length).replace(/^[\s:：,，]+/u, '').trim() || null;
      return { ok: true, request: { seq, action: 'decide', decision: 'merge', into, comment: note } };
    }
    default:
      if (!after) return { ok: false, why: 'usage' };
      return { ok: true, request: { seq, action: 'tag', tags: after, comment: null } };
  }
}

/** 「附议 建议#3」, 「附议 3」. */
export function parseSeqArg(args: string, prefix: string): number | null {
  const m = new RegExp(`^(?:${prefix})?\\s*[#＃]?\\s*(\\d+)\\s*$`, 'u').exec(args.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
