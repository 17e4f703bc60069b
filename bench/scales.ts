/** The two benchmark sizes: Yuxi as it is, and a whole province of the same shape. */
export type ScaleName = 'yuxi' | 'province';

export interface Scale {
  prefectures: number;
  counties: number;
  townships: number;
  villages: number;
  cadres: number;
  /** Mean records per cadre over the year (visits, suggestions, deeds, problems, rules). */
  recordsPerCadre: number;
  meetingsPerVillage: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  // ~57k records and ~200k sign-ins in the year.
  yuxi: { prefectures: 1, counties: 9, townships: 75, villages: 572, cadres: 5_647, recordsPerCadre: 10, meetingsPerVillage: 35 },
  // ~1.4M records, 350k meetings and ~3.5M sign-ins: about 5 million rows.
  province: { prefectures: 16, counties: 129, townships: 1_400, villages: 14_000, cadres: 140_000, recordsPerCadre: 10, meetingsPerVillage: 25 },
};

/** The generated year ends here (the test clock's day), so periods and idle flags are stable. */
export const BENCH_NOW = Date.parse('2026-12-01T02:00:00.000Z');

/** Local console user of a generated station member (or the admin). */
export function benchUser(codeOrAdmin: string): string {
  return `bench-${codeOrAdmin}`;
}
