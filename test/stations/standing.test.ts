import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../src/domain/five-ones.js';
import { completionRate, gradeOf, idleDays, isIdle, type Standing } from '../../src/domain/stats/index.js';

const DAY = 24 * 3600_000;
const NOW = Date.parse('2026-12-07T01:00:00Z');

/** `cadres` cadres who between them did `done` items; last activity `daysAgo` whole days before NOW. */
function village(cadres: number, done: number, daysAgo: number | null): Standing {
  const itemDone = emptyCounts();
  const order = ['talk', 'visit', 'suggestion', 'deed', 'rule'] as const;
  for (let k = 0; k < done; k++) itemDone[order[k % 5]!] += 1;
  return { cadres, itemDone, lastAt: daysAgo === null ? null : NOW - daysAgo * DAY - 3600_000 };
}

describe('the statistics model: 完成率, 14天无动静 and 五色督办', () => {
  it('takes the 完成率 as items done over five per counted cadre', () => {
    expect(completionRate(village(2, 9, 1))).toBe(0.9);
    expect(completionRate(village(4, 3, 1))).toBe(0.15);
    expect(completionRate(village(0, 0, 1))).toBeNull();
  });

  it('grades in five colours by 完成率 and how recently anything happened', () => {
    expect(gradeOf(village(2, 9, 3), NOW)).toBe('green');
    expect(gradeOf(village(2, 9, 20), NOW)).toBe('blue');
    expect(gradeOf(village(2, 4, 20), NOW)).toBe('yellow');
    expect(gradeOf(village(2, 2, 40), NOW)).toBe('orange');
    expect(gradeOf(village(2, 1, 20), NOW)).toBe('orange');
    expect(gradeOf(village(2, 1, 40), NOW)).toBe('red');
    expect(gradeOf(village(2, 0, null), NOW)).toBe('red');
    // No cadre counted (none on the roster, or all paused): not graded.
    expect(gradeOf(village(0, 0, null), NOW)).toBe('none');
  });

  it('draws the 14- and 30-day lines where 14天无动静 does: a village 14 whole days quiet is idle and not green', () => {
    expect(idleDays(village(1, 5, 13).lastAt, NOW)).toBe(13);
    expect(isIdle(village(1, 5, 13).lastAt, NOW)).toBe(false);
    expect(gradeOf(village(1, 5, 13), NOW)).toBe('green');
    expect(isIdle(village(1, 5, 14).lastAt, NOW)).toBe(true);
    expect(gradeOf(village(1, 5, 14), NOW)).toBe('blue');
    expect(gradeOf(village(1, 3, 29), NOW)).toBe('blue');
    expect(gradeOf(village(1, 3, 30), NOW)).toBe('orange');
    expect(isIdle(null, NOW)).toBe(true);
  });
});
