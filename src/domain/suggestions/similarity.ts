/**
 * Similarity of short Chinese texts, computed here so nothing leaves the server: the Jaccard
 * index of character bigrams. Village suggestions are a sentence or two, and a village has tens
 * of them, so comparing against every earlier one is cheap and needs no index such as MinHash.
 */

// Words that open or pad a suggestion whatever it is about ("建议尽快把…"); left in, they make
// unrelated suggestions look alike.
const FILLER_WORDS = ['建议', '希望', '应该', '需要', '可以', '尽快', '一下', '能够', '我们', '大家', '进行', '加强', '请求'];
// Particles between content words: dropping them lets 村口的道路 match 村口道路.
const PARTICLES = /[的了把将和与及在是吧呢啊吗请给对让被也都就还很]/gu;

// Both removed in one pass. Alternation tries the words before the particle class, so 请求 goes
// as a word although 请 is also a particle, as when the words were removed first.
const STRIP = new RegExp(`${FILLER_WORDS.join('|')}|${PARTICLES.source}`, 'gu');

/** Runs of letters and digits (Han included) with filler and particles removed. */
export function segments(text: string): string[] {
  return text
    .toLowerCase()
    .replace(STRIP, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const HAN = /^\p{Script=Han}$/u;

// Chinese text is mostly ASCII and the CJK Unified Ideographs block (all letters, all Han); the
// regular expressions decide the rest, one character at a time.
function isLetterOrDigit(ch: string, code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  return LETTER_OR_DIGIT.test(ch);
}

function isHan(ch: string, code: number): boolean {
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  return code >= 0x2e80 && HAN.test(ch);
}

/**
 * Bigrams of units within each segment; a unit is one Han character or a whole run of letters or
 * digits (so 第1条 and 第10条 share nothing). A one-unit segment counts as itself. Every new
 * suggestion is compared with all earlier ones of its village, so this is one pass over the text.
 */
export function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  let prev = ''; // last unit of the segment so far
  let units = 0;
  let run = ''; // letters or digits other than Han, not yet a unit
  const unit = (u: string) => {
    if (units > 0) out.add(prev + u);
    prev = u;
    units++;
  };
  const endSegment = () => {
    if (run) unit(run);
    if (units === 1) out.add(prev);
    run = '';
    units = 0;
  };
  for (const ch of text.toLowerCase().replace(STRIP, ' ')) {
    const code = ch.codePointAt(0)!;
    if (!isLetterOrDigit(ch, code)) endSegment();
    else if (isHan(ch, code)) {
      if (run) unit(run);
      run = '';
      unit(ch);
    } else run += ch;
  }
  endSegment();
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export function similarity(a: string, b: string): number {
  return jaccard(bigrams(a), bigrams(b));
}

/**
 * Tuned on rephrasings of one request ("村口道路需要硬化" / "建议把村口的道路硬化一下" 0.6,
 * "发展温泉民宿" / "利用温泉发展民宿旅游" 0.27) against different requests sharing place words
 * ("村口路灯坏了" 0.14, "修建村口到学校的道路" 0.22). A false hint costs one tap; a missed
 * duplicate costs a second review, so the line sits just above the unrelated pairs.
 */
export const SIMILAR_THRESHOLD = 0.25;
export const MAX_SIMILAR = 3;

export interface Candidate {
  seq: number;
  text: string;
}

/** Earlier suggestions most like the new text, best first. */
export function mostSimilar<T extends Candidate>(text: string, earlier: readonly T[], threshold = SIMILAR_THRESHOLD, max = MAX_SIMILAR): (T & { score: number })[] {
  const mine = bigrams(text);
  const close: (T & { score: number })[] = [];
  for (const c of earlier) {
    const score = jaccard(mine, bigrams(c.text));
    if (score >= threshold) close.push({ ...c, score });
  }
  return close
    .sort((x, y) => y.score - x.score || x.seq - y.seq)
    .slice(0, max);
}
