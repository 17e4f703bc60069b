import { describe, expect, it } from 'vitest';
import { heldOut, judge, scores } from './eval.js';
import { PAIRS } from './pairs.js';

describe('the labelled pairs', () => {
  it('are at least 200, every kind in both parts, about three in eight held out', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(200);
    const held = PAIRS.filter(heldOut);
    expect(held.length / PAIRS.length).toBeGreaterThan(0.3);
    expect(held.length / PAIRS.length).toBeLessThan(0.45);
    for (const part of [held, PAIRS.filter((p) => !heldOut(p))]) expect(new Set(part.map((p) => p[0])).size).toBe(9);
  });

  it('keep the held-out part at precision and F1 of 0.85 or more', () => {
    const held = PAIRS.filter(heldOut);
    const said = judge(held);
    const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
    held.forEach((p, i) => {
      if (p[1]) c[said[i] ? 'tp' : 'fn']++;
      else c[said[i] ? 'fp' : 'tn']++;
    });
    const s = scores(c);
    expect(s.precision).toBeGreaterThanOrEqual(0.85);
    expect(s.f1).toBeGreaterThanOrEqual(0.85);
  });
});
