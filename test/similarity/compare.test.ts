import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/domain/suggestions/similar/analyse.js';
import { compare, compareReadings, Corpus, mostSimilar, SIMILAR_THRESHOLD } from '../../src/domain/suggestions/similar/compare.js';
import { Readings } from '../../src/domain/suggestions/similar/reading.js';

describe('one request in other words', () => {
  it('takes synonyms, reordering and spoken wording for the same request, naming what is shared', () => {
    expect(compare('把村里的土路铺成水泥路', '村内道路硬化')).toMatchObject({ same: true, shared: ['道路硬化'] });
    expect(compare('自来水停水', '吃水经常断')).toMatchObject({ same: true, shared: ['自来水', '停水'] });
    expect(compare('雨季前加固河堤', '河堤在雨季前要加固')).toMatchObject({ same: true, conflict: null });
    expect(compare('建个公测', '修建公共厕所')).toMatchObject({ same: true, shared: ['新建', '公厕'] });
  });

  it('reads input-method typos of lexicon terms as the terms, but only with half the characters right', () => {
    expect(compare('村口装路等', '村口安装路灯')).toMatchObject({ same: true, shared: ['村口', '安装', '路灯'] });
    expect(compare('发展民俗', '发展民宿')).toMatchObject({ same: true, shared: ['发展', '民宿'] });
    // 录登 sounds like 路灯 too, but with no character of it typed right it is not taken for it.
    expect([...analyse('录登').objects]).toEqual([]);
  });

  it('does not punish an added reason or place detail', () => {
    const short = compare('加固河堤', '加固河堤，去年汛期冲垮了一段，今年雨季前必须修好');
    expect(short.same).toBe(true);
    expect(compare('安装路灯', '在村口到小学的村道上安装路灯，晚上学生回家太黑').same).toBe(true);
  });
});

describe('different requests in the same words', () => {
  it.each([
    ['一组的自来水管爆了', '三组的自来水管爆了', 'group'],
    ['上寨修路', '下寨修路', 'hamlet'],
    ['李家营的垃圾没人拉', '张家营的垃圾没人拉', 'hamlet'],
    ['修路到学校', '修路到烤烟房', 'object'],
    ['在村委会旁边的空地建篮球场', '在村委会旁边的空地建停车场', 'object'],
    ['村规民约要禁止赌博', '村规民约要禁止滥办酒席', 'object'],
    ['村口装路灯', '河边装路灯', 'place'],
    ['村道硬化', '村道拓宽', 'works'],
    ['建停车场', '停车场收费太贵', 'aspect'],
    ['保护村口的古树', '把村口的古树砍掉', 'opposite'],
  ])('%s / %s: %s', (a, b, why) => {
    expect(compare(a, b)).toMatchObject({ same: false, conflict: why });
  });

  it('reads a negated removal as protecting, and an object followed by 边, 前 or 门口 as a place', () => {
    expect(compare('寨子头的老树莫给它砍了', '保护寨子里的古树')).toMatchObject({ same: true, conflict: null });
    expect(compare('不要拆河边的老房子', '拆掉河边的老房子')).toMatchObject({ same: false, conflict: 'opposite' });
    expect(compare('寨子中间的池塘要清淤', '寨子中间的池塘边装护栏')).toMatchObject({ same: false, conflict: 'object' });
    expect(compare('学校门口装减速带', '小学门前装个减速带').same).toBe(true);
  });

  it('never reads a typo across a word written right', () => {
    expect(compare('希望增设公交班车', '镇上没有客车').shared).toContain('公交');
  });

  it('needs a shared thing asked for, not only shared actions or places', () => {
    expect(compare('村口修一下', '村口修一修').same).toBe(false);
  });
});

describe('weights from the village’s suggestions', () => {
  it('lets a word most suggestions use count for less once there are enough of them', () => {
    const texts = Array.from({ length: 12 }, (_, i) => `第${i}件事温泉`);
    const readings = new Readings();
    const a = readings.read('温泉边修栈道');
    const b = readings.read('温泉边建观景台');
    const small = new Corpus();
    small.add(a);
    small.add(b);
    const large = new Corpus();
    for (const t of [...texts, '温泉边修栈道', '温泉边建观景台']) large.add(readings.read(t));
    expect(compareReadings(a, b, readings, small).score).toBeGreaterThan(compareReadings(a, b, readings, large).score);
  });

  it('offers at most three, best first, and none below the threshold', () => {
    const earlier = [
      { seq: 1, text: '村道硬化' },
      { seq: 2, text: '村口路灯坏了' },
      { seq: 3, text: '把村里的土路铺成水泥路，雨天太泥泞' },
      { seq: 4, text: '村内道路硬化' },
      { seq: 5, text: '村里的路要打水泥' },
    ];
    const found = mostSimilar('村道铺水泥', earlier);
    expect(found.map((s) => s.seq)).toEqual([1, 4, 5]);
    expect(found.every((s) => s.score >= SIMILAR_THRESHOLD)).toBe(true);
  });
});
