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
  it('reads a text once under its number, and again when the number comes with another text', () => {
    const readings = new Readings();
    const first = readings.read('村口装路灯', 7);
    expect(readings.read('村口装路灯', 7)).toBe(first);
    expect(readings.size).toBe(1);
    const other = readings.read('河边修护栏', 7);
    expect(other).not.toBe(first);
    expect(readings.read('河边修护栏', 7)).toBe(other);
    expect(readings.size).toBe(1);
    // Without a number a text is read for the comparison at hand and not kept.
    expect(readings.read('村口装路灯')).not.toBe(readings.read('村口装路灯'));
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

  it('keeps texts up to its bound, then reads further ones for the comparison at hand only', () => {
    const readings = new Readings(50, 10_000);
    mostSimilar('村口装路灯', village(3, 40), readings);
    expect(readings.size).toBe(40);
    const kept = readings.read(village(3, 40)[0]!.text, 1);
    // Village 4's numbers are village 3's, with other texts: read again and kept in their place.
    const found = mostSimilar('河边装路灯', village(4, 40), readings);
    expect(readings.size).toBe(40);
    expect(found).toEqual(mostSimilar('河边装路灯', village(4, 40)));
    expect(readings.read(village(3, 40)[0]!.text, 1)).not.toBe(kept);
    // Ten more numbers fit; the rest are read, compared and not kept.
    const more = village(5, 60).map((c) => ({ ...c, seq: c.seq + 100 }));
    const further = mostSimilar('上寨修路', more, readings);
    expect(readings.size).toBe(50);
    expect(further).toEqual(mostSimilar('上寨修路', more));
    expect(mostSimilar('上寨修路', more, readings)).toEqual(further);
    expect(readings.size).toBe(50);
  });

  it('forgets the words of texts it did not keep', () => {
    const readings = new Readings(1, 10_000);
    mostSimilar('河边修护栏', [{ seq: 1, text: '村口装路灯' }], readings);
    readings.refresh();
    const named = readings.features;
    expect(named).toBe(readings.read('村口装路灯', 1).features.length);
    for (let i = 0; i < 50; i++) {
      const found = mostSimilar(`${'甲乙丙丁戊己庚辛'.slice(i % 5)}${i}号仓库漏雨`, [{ seq: 2, text: `${i}号仓库漏雨` }], readings);
      expect(found.map((f) => f.seq)).toEqual([2]);
      expect(readings.features).toBeGreaterThan(named);
    }
    readings.refresh();
    // Only the kept text's features are left in the table.
    expect(readings.features).toBe(named);
    expect(readings.size).toBe(1);
  });
});
