import { describe, expect, it } from 'vitest';
import { mostSimilar } from '../../src/domain/suggestions/similar/compare.js';
import { Readings } from '../../src/domain/suggestions/similar/reading.js';
import { PAIRS } from './pairs.js';

const PLACES = ['', '一组', '三组', '上寨', '村口', '河边'];
const REASONS = ['', '，雨天泥泞', '，请尽快解决'];
const TEXTS = [...new Set(PAIRS.flatMap((p) => [p[2], p[3]]))];

/** A village's earlier suggestions, varied as cadres write them. */
function village(v: number, size: number) {
  return Array.from({ length: size }, (_, i) => ({
    seq: i + 1,
    text: `${PLACES[(i + v) % PLACES.length]}${TEXTS[(i * 7 + v * 31) % TEXTS.length]}${REASONS[(i + v) % REASONS.length]}`,
  }));
}

describe('texts read once for the process', () => {
  it('reads a text once and answers from what it read', () => {
    const readings = new Readings();
    const first = readings.read('村口装路灯');
    expect(readings.read('村口装路灯')).toBe(first);
    expect(readings.size).toBe(1);
  });

  it('finds the same similar suggestions, scores and labels with texts read before as with every text read afresh', () => {
    // Small bounds, so the table starts afresh several times along the way.
    const kept = new Readings(400, 300);
    let found = 0;
    let compared = 0;
    for (let v = 0; v < 12; v++) {
      const earlier = village(v, 10 + ((v * 17) % 60));
      for (let k = 0; k < 20; k++) {
        const text = `${PLACES[(k * 5 + v) % PLACES.length]}${TEXTS[(k * 11 + v) % TEXTS.length]}`;
        const fresh = mostSimilar(text, earlier);
        expect(mostSimilar(text, earlier, kept)).toEqual(fresh);
        found += fresh.length;
        compared++;
      }
    }
    expect(compared).toBe(240);
    // The comparison is not vacuous: many of these find earlier suggestions.
    expect(found).toBeGreaterThan(100);
  });

  it('stays within its bound, starting afresh before a comparison once full', () => {
    const readings = new Readings(50, 10_000);
    const earlier = village(3, 40);
    mostSimilar('村口装路灯', earlier, readings);
    expect(readings.size).toBe(41);
    // 41 more would pass 50: this comparison reads its texts into a fresh table.
    mostSimilar('河边装路灯', village(4, 40), readings);
    expect(readings.size).toBe(41);
    const kept = readings.read(village(4, 40)[0]!.text);
    mostSimilar('河边装路灯', village(4, 5), readings);
    // Room for 6 more: read from what is kept.
    expect(readings.read(village(4, 40)[0]!.text)).toBe(kept);
    expect(readings.size).toBe(41);
  });
});
