import { describe, it, expect } from 'vitest';
import { yuxiRegions, type RegionLevel, type RegionSeed } from '../src/db/seed/yuxi-regions.js';

const LEVELS: readonly RegionLevel[] = ['city', 'county', 'township', 'village'];
const CODE_LENGTH: Record<RegionLevel, number> = { city: 6, county: 6, township: 9, village: 12 };

const CITY_CODE = '530400';
const COUNTIES: Record<string, string> = {
  '530402': '红塔区',
  '530403': '江川区',
  '530481': '澄江市',
  '530423': '通海县',
  '530424': '华宁县',
  '530425': '易门县',
  '530426': '峨山彝族自治县',
  '530427': '新平彝族傣族自治县',
  '530428': '元江哈尼族彝族傣族自治县',
};

const byCode = new Map<string, RegionSeed>(yuxiRegions.map((r) => [r.code, r]));

function childrenOf(code: string): RegionSeed[] {
  return yuxiRegions.filter((r) => r.parentCode === code);
}

/** Follows a path of names from the city down; returns the last node or undefined. */
function findPath(names: readonly string[]): RegionSeed | undefined {
  let current: RegionSeed | undefined = yuxiRegions.find((r) => r.level === 'city' && r.name === names[0]);
  for (const name of names.slice(1)) {
    if (!current) return undefined;
    const parent: RegionSeed = current;
    current = childrenOf(parent.code).find((c) => c.name === name);
  }
  return current;
}

describe('yuxiRegions seed tree', () => {
  it('has unique codes', () => {
    const codes = yuxiRegions.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses numeric codes of the right length for each level', () => {
    for (const r of yuxiRegions) {
      expect(r.code, r.name).toMatch(/^\d+$/);
      expect(r.code.length, `${r.code} ${r.name}`).toBe(CODE_LENGTH[r.level]);
      expect(r.name.trim(), r.code).toBe(r.name);
      expect(r.name.length, r.code).toBeGreaterThan(0);
    }
  });

  it('has exactly one city, 玉溪市 530400, with no parent', () => {
    const cities = yuxiRegions.filter((r) => r.level === 'city');
    expect(cities).toHaveLength(1);
    expect(cities[0]).toEqual({ code: CITY_CODE, name: '玉溪市', level: 'city', parentCode: null });
    expect(yuxiRegions.filter((r) => r.parentCode === null)).toHaveLength(1);
  });

  it('gives every non-city a parent that exists and is exactly one level up', () => {
    for (const r of yuxiRegions) {
      if (r.level === 'city') continue;
      expect(r.parentCode, r.code).not.toBeNull();
      const parent = byCode.get(r.parentCode ?? '');
      expect(parent, `parent of ${r.code} ${r.name}`).toBeDefined();
      expect(LEVELS.indexOf(parent!.level), `${r.code} ${r.name}`).toBe(LEVELS.indexOf(r.level) - 1);
    }
  });

  it('has child codes prefixed by the parent code (counties by the province+city prefix 5304)', () => {
    for (const r of yuxiRegions) {
      if (r.parentCode === null) continue;
      if (r.level === 'county') {
        expect(r.parentCode).toBe(CITY_CODE);
        expect(r.code.startsWith('5304'), r.code).toBe(true);
      } else {
        expect(r.code.startsWith(r.parentCode), `${r.code} under ${r.parentCode}`).toBe(true);
      }
    }
  });

  it('has exactly the 9 counties of 玉溪市 with their official names', () => {
    const counties = yuxiRegions.filter((r) => r.level === 'county');
    const actual = Object.fromEntries(counties.map((c) => [c.code, c.name]));
    expect(actual).toEqual(COUNTIES);
  });

  it('gives every county at least 3 townships and every township 2-4 villages', () => {
    for (const county of yuxiRegions.filter((r) => r.level === 'county')) {
      expect(childrenOf(county.code).length, county.name).toBeGreaterThanOrEqual(3);
    }
    for (const township of yuxiRegions.filter((r) => r.level === 'township')) {
      const n = childrenOf(township.code).length;
      expect(n, township.name).toBeGreaterThanOrEqual(2);
      expect(n, township.name).toBeLessThanOrEqual(4);
    }
  });

  it('contains the places the programme refers to, along the right paths', () => {
    expect(findPath(['玉溪市', '江川区', '江城镇', '温泉村'])?.level).toBe('village');
    expect(findPath(['玉溪市', '峨山彝族自治县', '岔河乡', '文山村'])?.level).toBe('village');
    const lvzhi = findPath(['玉溪市', '易门县', '绿汁镇']);
    expect(lvzhi?.level).toBe('township');
    expect(childrenOf(lvzhi!.code).length).toBeGreaterThanOrEqual(2);
  });

  it('has no duplicate names under the same parent', () => {
    const seen = new Set<string>();
    for (const r of yuxiRegions) {
      const key = `${r.parentCode ?? ''}|${r.name}`;
      expect(seen.has(key), `duplicate ${r.name} under ${r.parentCode}`).toBe(false);
      seen.add(key);
    }
  });

  it('is ordered depth-first: city, then each county followed by its subtree', () => {
    expect(yuxiRegions[0]?.level).toBe('city');
    // Every entry's parent appears earlier, and an entry follows its parent's subtree contiguously.
    const position = new Map(yuxiRegions.map((r, i) => [r.code, i]));
    for (const [i, r] of yuxiRegions.entries()) {
      if (r.parentCode === null) continue;
      expect(position.get(r.parentCode)!, r.code).toBeLessThan(i);
      // Everything between the parent and this entry belongs to the parent's subtree.
      const prefix = r.parentCode === CITY_CODE ? '5304' : r.parentCode;
      for (let j = position.get(r.parentCode)! + 1; j < i; j++) {
        expect(yuxiRegions[j]!.code.startsWith(prefix), `${yuxiRegions[j]!.code} before ${r.code}`).toBe(true);
      }
    }
  });
});
