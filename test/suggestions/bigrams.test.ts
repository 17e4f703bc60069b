import { describe, expect, it } from 'vitest';
import { bigrams, segments } from '../../src/domain/suggestions/similarity.js';

// The definition the one-pass `bigrams` must keep: filler words removed one after another, then
// particles, split on anything not a letter or digit, units by regular expression.
const FILLER_WORDS = ['建议', '希望', '应该', '需要', '可以', '尽快', '一下', '能够', '我们', '大家', '进行', '加强', '请求'];
const PARTICLES = /[的了把将和与及在是吧呢啊吗请给对让被也都就还很]/gu;
function referenceSegments(text: string): string[] {
  let t = text.toLowerCase();
  for (const w of FILLER_WORDS) t = t.split(w).join(' ');
  t = t.replace(PARTICLES, ' ');
  return t.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
function referenceBigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const seg of referenceSegments(text)) {
    const chars = seg.match(/[\p{Script=Han}]|[^\p{Script=Han}]+/gu) ?? [];
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return out;
}

// Pieces a suggestion can be made of, the awkward ones included: Han outside the main block
// (Extension A and B, compatibility ideographs, 〇 and 々), radicals (Han script, not letters),
// fullwidth letters and digits, Latin with accents, Greek, emoji, punctuation, fillers, particles.
const PIECES = [
  ...'村口道路硬化安装路灯修建水渠温泉民宿第条号',
  ...FILLER_WORDS,
  ...'的了把将和与请求也很',
  ...'abcXYZ0123456789',
  ...'ＡＢｃ１２３',
  ...'éÅßΣλ',
  '㐀', '䶵', '𠀀', '𪚥', '豈', '〇', '々', '⺀', '⼀', '〡',
  '🙂', '👍🏽',
  ...' ，。！？、：；“”（）-_/\n\t',
];

function randomText(seed: number): string {
  let x = seed * 2654435761 + 1;
  const next = () => {
    x = (x ^ (x >>> 13)) * 1274126177;
    x = (x ^ (x >>> 16)) >>> 0;
    return x;
  };
  const length = 1 + (next() % 30);
  let out = '';
  for (let i = 0; i < length; i++) out += PIECES[next() % PIECES.length];
  return out;
}

describe('bigrams in one pass', () => {
  it('equals the regular-expression definition on 20,000 generated texts', () => {
    for (let seed = 0; seed < 20_000; seed++) {
      const text = randomText(seed);
      expect([...bigrams(text)].sort(), JSON.stringify(text)).toEqual([...referenceBigrams(text)].sort());
      expect(segments(text), JSON.stringify(text)).toEqual(referenceSegments(text));
    }
  });

  it('keeps the examples the threshold was tuned on', () => {
    expect([...bigrams('建议把村口的道路硬化一下')].sort()).toEqual(['村口', '道路', '路硬', '硬化'].sort());
    expect([...bigrams('第1条')]).toEqual(['第1', '1条']);
    expect([...bigrams('请求修路')]).toEqual(['修路']);
    expect([...bigrams('')]).toEqual([]);
  });
});
