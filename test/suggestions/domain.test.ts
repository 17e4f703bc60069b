import { describe, expect, it } from 'vitest';
import { autoTags, compare, decide, mostSimilar, parseLinks, parseReview, parseSeqArg, parseTags } from '../../src/domain/suggestions/index.js';

describe('similarity of short Chinese texts', () => {
  it('takes rephrasings of one request for the same and different requests for different', () => {
    expect(compare('村口道路需要硬化', '建议把村口的道路硬化一下')).toMatchObject({ same: true, conflict: null, shared: ['村口', '道路硬化'] });
    expect(compare('村口道路需要硬化', '建议硬化村口道路').same).toBe(true);
    expect(compare('村口道路需要硬化', '村口路灯坏了')).toMatchObject({ same: false, conflict: 'object' });
    expect(compare('第1条建议', '第10条建议').same).toBe(false);
    expect(compare('', '村口道路')).toMatchObject({ same: false, score: 0, shared: [] });
  });

  it('returns the earlier suggestions asking the same, best first, with what they share', () => {
    const earlier = [
      { seq: 1, text: '村口路灯坏了' },
      { seq: 2, text: '村口道路需要硬化，雨天泥泞' },
      { seq: 3, text: '硬化村口道路' },
    ];
    expect(mostSimilar('建议把村口的道路硬化', earlier).map((s) => [s.seq, s.shared])).toEqual([
      [3, ['村口', '道路硬化']],
      [2, ['村口', '道路硬化']],
    ]);
  });
});

describe('category tags', () => {
  it('tags by keywords, most hits first, 其他 when nothing matches', () => {
    expect(autoTags('村口道路需要硬化')).toEqual(['基础设施']);
    expect(autoTags('利用温泉发展民宿旅游，成立合作社带动就业')).toEqual(['产业', '文化旅游']);
    expect(autoTags('大家多来看看')).toEqual(['其他']);
  });
  it('parses what a reviewer types', () => {
    expect(parseTags('产业、文化旅游 产业')).toEqual({ tags: ['产业', '文化旅游'], unknown: [] });
    expect(parseTags('产业 天气')).toEqual({ tags: ['产业'], unknown: ['天气'] });
  });
});

describe('review commands and the state machine', () => {
  it('parses each decision', () => {
    expect(parseReview('建议#3 采纳 同意实施')).toEqual({ ok: true, request: { seq: 3, action: 'decide', decision: 'adopt', comment: '同意实施' } });
    expect(parseReview('3 不采纳')).toEqual({ ok: true, request: { seq: 3, action: 'decide', decision: 'reject', comment: null } });
    expect(parseReview('建议#3 合并 #1 内容相同')).toEqual({ ok: true, request: { seq: 3, action: 'decide', decision: 'merge', into: 1, comment: '内容相同' } });
    expect(parseReview('建议#3 转交')).toEqual({ ok: true, request: { seq: 3, action: 'decide', decision: 'forward', comment: null } });
    expect(parseReview('建议#3 类别 产业')).toEqual({ ok: true, request: { seq: 3, action: 'tag', tags: '产业', comment: null } });
    expect(parseReview('建议#3 合并')).toEqual({ ok: false, why: 'merge_target' });
    expect(parseReview('建议#3 好的')).toEqual({ ok: false, why: 'usage' });
    expect(parseReview('')).toEqual({ ok: false, why: 'usage' });
  });
  it('allows only the transitions of the workflow', () => {
    expect(decide('pending', 'adopt')).toEqual({ ok: true, to: 'adopted' });
    expect(decide('adopted', 'forward')).toEqual({ ok: true, to: 'forwarded' });
    expect(decide('rejected', 'adopt')).toEqual({ ok: true, to: 'adopted' });
    expect(decide('pending', 'forward')).toEqual({ ok: false, why: 'not_adopted' });
    expect(decide('adopted', 'adopt')).toEqual({ ok: false, why: 'same' });
    expect(decide('voting', 'reject')).toEqual({ ok: false, why: 'voting' });
    expect(decide('merged', 'adopt')).toEqual({ ok: false, why: 'final' });
    expect(decide('forwarded', 'reject')).toEqual({ ok: false, why: 'final' });
  });
  it('reads numbers and links', () => {
    expect(parseSeqArg('建议#12', '建议')).toBe(12);
    expect(parseSeqArg('#0', '建议')).toBeNull();
    expect(parseLinks('修好了村口路灯 回应问题#3，落实建议 #2')).toEqual([
      { kind: 'problem', seq: 3 },
      { kind: 'suggestion', seq: 2 },
    ]);
  });
});
