import type { RegionLevel } from '../types.js';
import { spokenName } from './names.js';

/** One region as the official division lists it, ready to store. */
export interface RegionSeed {
  code: string;
  /** The name people use (温泉村). */
  name: string;
  /** The name in the statistical division code list (温泉村民委员会). */
  officialName: string;
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * Level and parent follow from the 统计用区划代码 itself: a prefecture is 4 digits (stored as 6,
 * 530400, the form people and documents use), a county 6, a township 9, a village 12. There is no
 * province level: a deployment serves prefectures, and a province loads as its prefectures.
 */
export function seedFromCode(code: string, officialName: string): RegionSeed | null {
  const name = spokenName(officialName);
  switch (code.length) {
    case 4:
      return { code: `${code}00`, name, officialName, level: 'city', parentCode: null };
    case 6:
      return code.endsWith('00')
        ? { code, name, officialName, level: 'city', parentCode: null }
        : { code, name, officialName, level: 'county', parentCode: `${code.slice(0, 4)}00` };
    case 9:
      return { code, name, officialName, level: 'township', parentCode: code.slice(0, 6) };
    case 12:
      return { code, name, officialName, level: 'village', parentCode: code.slice(0, 9) };
    default:
      return null;
  }
}

/** Parses the shipped data: one region a line, its code, a space, its official name; parents first. */
export function parseRegionLines(text: string): RegionSeed[] {
  const out: RegionSeed[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    const space = t.indexOf(' ');
    const seed = space > 0 ? seedFromCode(t.slice(0, space), t.slice(space + 1)) : null;
    if (!seed) throw new Error(`region data line is not "<code> <official name>": ${t}`);
    out.push(seed);
  }
  return out;
}

/** The reverse of parseRegionLines, for the generator. */
export function regionLines(seeds: readonly RegionSeed[]): string {
  return seeds.map((s) => `${s.code} ${s.officialName}`).join('\n');
}
