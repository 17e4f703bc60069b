/**
 * A suggestion read for comparison: the lexicon's concepts it names (through synonyms and
 * input-method typos), the groups and hamlets it names, and the leftover words as bigrams.
 */
import { SYLLABLE_CHARS, TERM_READINGS } from './homophones.js';
import { CONCEPTS, type ConceptKind } from './lexicon.js';

export interface Analysis {
  /** Feature key → weight before corpus weighting. Concepts `c:<index>`, places `p:<name>`, leftovers `b:<bigram>`. */
  readonly features: ReadonlyMap<string, number>;
  /** Concept indices of kind object (what is asked for). */
  readonly objects: ReadonlySet<number>;
  /** Where: concept indices of kind place, and of objects named as a place (学校门口, 祠堂前). Named groups and hamlets apart: each has its own conflict rule. */
  readonly places: ReadonlySet<number>;
  readonly groups: ReadonlySet<string>;
  readonly hamlets: ReadonlySet<string>;
  /** Particular works (硬化, 拓宽) and aspects (收费, 人员); `works` when it asks for building or repairing at all. */
  readonly workTypes: ReadonlySet<number>;
  readonly aspects: ReadonlySet<number>;
  readonly works: boolean;
  readonly protects: boolean;
  readonly removes: boolean;
}

// How much naming a concept of each kind says about which request a text is; leftover words
// count as LEFTOVER_WEIGHT. Chosen on the tuning pairs (test/similarity/pairs.ts).
const KIND_WEIGHT: Record<ConceptKind, number> = { object: 3, place: 1.5, build: 1, work: 1.5, aspect: 1.5, action: 1, issue: 1, protect: 1.5, remove: 1.5, time: 0.5, people: 0.5, common: 0.05 };
const LEFTOVER_WEIGHT = 0.6;
const PLACE_WEIGHT = 2;

export function conceptKind(index: number): ConceptKind {
  return CONCEPTS[index]!.kind;
}

export function conceptLabel(index: number): string {
  return CONCEPTS[index]!.label;
}

// Exact terms → the concepts they name, and a trie over them: every new suggestion is read along
// with all earlier ones of its village, so each position costs one walk, not a lookup per length.
const TERMS = new Map<string, number[]>();
CONCEPTS.forEach((c, i) => {
  for (const t of c.terms) TERMS.set(t, [...(TERMS.get(t) ?? []), i]);
});
interface TrieNode {
  next: Map<string, TrieNode>;
  term?: string;
}
const TRIE: TrieNode = { next: new Map() };
for (const t of TERMS.keys()) {
  let node = TRIE;
  for (const ch of t) {
    let child = node.next.get(ch);
    if (!child) node.next.set(ch, (child = { next: new Map() }));
    node = child;
  }
  node.term = t;
}

function longestTerm(text: string, at: number): string | undefined {
  let node: TrieNode | undefined = TRIE;
  let found: string | undefined;
  for (let j = at; j < text.length; j++) {
    node = node.next.get(text[j]!);
    if (!node) break;
    if (node.term) found = node.term;
  }
  return found;
}

// Character → its toneless syllables (only characters that sound like some term's).
const SYLLABLES = new Map<string, string[]>();
for (const [s, chars] of Object.entries(SYLLABLE_CHARS)) for (const ch of chars) SYLLABLES.set(ch, [...(SYLLABLES.get(ch) ?? []), s]);
// First syllable → second syllable → terms that start with them. Nested, so looking up a pair
// builds no key: every character of every earlier suggestion of a village is looked up here.
const BY_START = new Map<string, Map<string, { term: string; syllables: string[] }[]>>();
for (const [term, reading] of Object.entries(TERM_READINGS)) {
  const syllables = reading.split(' ');
  const [first, second] = syllables as [string, string];
  const bySecond = BY_START.get(first) ?? new Map<string, { term: string; syllables: string[] }[]>();
  BY_START.set(first, bySecond);
  bySecond.set(second, [...(bySecond.get(second) ?? []), { term, syllables }]);
}

function writtenInside(text: string, at: number, length: number): boolean {
  for (let j = at + 1; j < at + length; j++) if ((longestTerm(text, j)?.length ?? 0) >= 2) return true;
  return false;
}

// After an object these make it a place: 池塘边装护栏 asks for a railing, not for the pond.
const LOCATIVE = /^的?(?:旁边|旁|边上|边|前面|门前|前|后面|背后|后|门口|附近|对面|周边|周围|那边|上面|下面|里面|里)/u;
const NEGATION = /(?:不要|不能|不准|不许|不得|禁止|严禁|别|莫|勿)[^，。,.！!？?；;]{0,3}$/u;
const PROTECT = CONCEPTS.findIndex((c) => c.kind === 'protect');

const NO_TERMS: readonly { term: string; syllables: string[] }[] = [];

/** The longest term that `text` at `at` sounds like, with at least half its characters typed right. */
function soundsLike(text: string, at: number): string | undefined {
  if (at + 1 >= text.length) return undefined;
  const firsts = SYLLABLES.get(text[at]!);
  const seconds = firsts && SYLLABLES.get(text[at + 1]!);
  if (!seconds) return undefined;
  let best: string | undefined;
  for (const first of firsts!) {
    const bySecond = BY_START.get(first);
    if (!bySecond) continue;
    for (const second of seconds) {
      for (const { term, syllables } of bySecond.get(second) ?? NO_TERMS) {
        if (at + term.length > text.length || (best && best.length >= term.length)) continue;
        let same = 0;
        let ok = true;
        for (let j = 0; j < term.length && ok; j++) {
          const ch = text[at + j]!;
          if (ch === term[j]) same++;
          else ok = j < 2 || (SYLLABLES.get(ch) ?? []).includes(syllables[j]!);
        }
        if (ok && same * 2 >= term.length && same < term.length) best = term;
      }
    }
  }
  return best;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十二 → 12, 二十 → 20, 12 → 12. */
function number(s: string): number {
  if (/^\d+$/u.test(s)) return Number(s);
  const [tens, ones] = s.split('十') as [string, string | undefined];
  if (ones === undefined) return DIGITS[tens] ?? 0;
  return (tens ? (DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (DIGITS[ones] ?? 0) : 0);
}

// 三组, 第3村民小组, 二社, 5队: villages are divided into numbered groups.
const GROUP = /第?([一二三四五六七八九十两\d]{1,3})(?:个)?(?:村民小组|小组|组|社|队)/gu;
// 上寨, 下村, 李家营: hamlets (自然村). 寨子 and 寨门 are the village itself, 村口 and 村里 any village.
const HAMLET = /(?:[上下中前后东西南北大小新老高低里外](?:寨|村|庄|营|屯|湾)|\p{Script=Han}(?:寨|营|屯|家村|家庄|家湾|家营))(?![子门口里民委业养])/gu;
const NOT_HAMLET = new Set(['大村', '小村', '新村', '老村', '本寨', '全寨', '整寨', '各寨', '里村', '经营', '国营', '民营', '阵营', '军营', '运营', '私营']);
// Particles and function words between content words: leftover words are cut at them.
const PARTICLES = new Set('的了把将和与及在是吧呢啊吗请给对让被也都就还要那这个些有去到从上下里能会得着过');
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// Suggestions are mostly ASCII and CJK Unified Ideographs; the regular expression decides the rest.
function isLetterOrDigit(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
  return LETTER_OR_DIGIT.test(ch);
}

export function analyse(raw: string): Analysis {
  const text = raw.normalize('NFKC').toLowerCase();
  const features = new Map<string, number>();
  const groups = new Set<string>();
  const hamlets = new Set<string>();
  let rest = text.replace(GROUP, (_m, n: string) => {
    groups.add(`${number(n)}组`);
    return ' ';
  });
  rest = rest.replace(HAMLET, (m: string) => {
    if (NOT_HAMLET.has(m) || TERMS.has(m)) return m;
    hamlets.add(m);
    return ' ';
  });
  for (const g of groups) features.set(`p:${g}`, PLACE_WEIGHT);
  for (const h of hamlets) features.set(`p:${h}`, PLACE_WEIGHT);

  const objects = new Set<number>();
  const places = new Set<number>();
  const workTypes = new Set<number>();
  const aspects = new Set<number>();
  let works = false;
  let protects = false;
  let removes = false;
  let leftover = '';
  const flushLeftover = () => {
    for (let j = 0; j + 1 < leftover.length; j++) features.set(`b:${leftover.slice(j, j + 2)}`, LEFTOVER_WEIGHT);
    leftover = '';
  };
  for (let i = 0; i < rest.length; ) {
    const ch = rest[i]!;
    if (!isLetterOrDigit(ch)) {
      flushLeftover();
      i++;
      continue;
    }
    let term = longestTerm(rest, i);
    // A typo reading only where no word is written right: not at this character (a longer one)
    // nor inside its span (有客车 is 客车, not 游客 and 车).
    if (!term || term.length < 2) {
      const typo = soundsLike(rest, i);
      if (typo && !writtenInside(rest, i, typo.length)) term = typo;
    }
    if (!term) {
      if (PARTICLES.has(ch)) flushLeftover();
      else leftover += ch;
      i++;
      continue;
    }
    flushLeftover();
    // 莫砍, 不要拆掉: removing, negated, is protecting.
    const negated = NEGATION.test(rest.slice(Math.max(0, i - 4), i));
    for (const c of TERMS.get(term)!) {
      const kind = negated && CONCEPTS[c]!.kind === 'remove' ? 'protect' : CONCEPTS[c]!.kind;
      features.set(kind === 'protect' ? `c:${PROTECT}` : `c:${c}`, KIND_WEIGHT[kind]);
      if (kind === 'object' && LOCATIVE.test(rest.slice(i + term.length, i + term.length + 3))) places.add(c);
      else if (kind === 'object') objects.add(c);
      else if (kind === 'place') places.add(c);
      else if (kind === 'work') workTypes.add(c);
      else if (kind === 'aspect') aspects.add(c);
      else if (kind === 'protect') protects = true;
      else if (kind === 'remove') removes = true;
      if (kind === 'build' || kind === 'work') works = true;
    }
    i += term.length;
  }
  flushLeftover();
  // 学校门口太乱: with nothing else named, the place is what the text is about.
  if (objects.size === 0) for (const c of places) if (CONCEPTS[c]!.kind === 'object') objects.add(c);
  return { features, objects, places, groups, hamlets, workTypes, aspects, works, protects, removes };
}
