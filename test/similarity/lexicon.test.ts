import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildHomophones } from '../../scripts/build-homophones.js';
import { analyse } from '../../src/domain/suggestions/similar/analyse.js';
import { compare } from '../../src/domain/suggestions/similar/compare.js';
import { CONCEPTS } from '../../src/domain/suggestions/similar/lexicon.js';

describe('the lexicon', () => {
  // One test per concept group: every term, written alone, names its group (no longer term, other
  // group or typo reading swallows it).
  it.each(CONCEPTS.map((c, i) => ({ label: c.label, i, terms: c.terms })))('$label: each of its terms names it', ({ i, terms }) => {
    const missing = terms.filter((t) => !analyse(t).features.has(`c:${i}`));
    expect(missing).toEqual([]);
  });

  it('has a few hundred terms, each in one group', () => {
    const terms = CONCEPTS.flatMap((c) => c.terms);
    expect(terms.length).toBeGreaterThan(300);
    expect(new Set(terms).size).toBe(terms.length);
  });

  it.each([
    ['道路硬化', '村里的土路铺成水泥路', '村道打水泥'],
    ['路灯', '村道装太阳能灯', '晚上没有照明'],
    ['自来水', '饮水困难', '吃水成问题'],
    ['公厕', '建个公共厕所', '厕所太少'],
    ['卫生室', '医务室太小', '诊所要扩大'],
    ['敬老院', '建养老院', '敬老院床位少'],
    ['河堤', '堤防要加固', '河坝要加固'],
    ['雨季', '雨季前清淤', '汛期前清淤'],
    ['垃圾', '垃圾桶太少', '垃圾池满了'],
    ['停车场', '划停车位', '建停车场'],
    ['篮球场', '修球场', '篮球场坏了'],
    ['民宿', '发展农家乐', '办民宿'],
    ['学校', '小学门口', '学校门口'],
  ])('%s: two wordings share it', (label, a, b) => {
    expect(compare(a, b).shared).toContain(label);
  });

  it('is the table the homophone script builds from it (run `npm run build:homophones` after editing)', () => {
    const file = readFileSync(new URL('../../src/domain/suggestions/similar/homophones.ts', import.meta.url), 'utf8');
    expect(file).toBe(buildHomophones());
  });
});
