/**
 * 五色督办: every village graded green to red by how far its cadres are with the five ones and
 * how recently anything happened there. Thresholds are the programme's; one place to change them.
 */
export type Colour = 'green' | 'blue' | 'yellow' | 'orange' | 'red';
export const COLOURS: readonly Colour[] = ['green', 'blue', 'yellow', 'orange', 'red'];

export const COLOUR_LABELS: Record<Colour, string> = { green: '绿', blue: '蓝', yellow: '黄', orange: '橙', red: '红' };
export const COLOUR_MARKS: Record<Colour, string> = { green: '🟢', blue: '🔵', yellow: '🟡', orange: '🟠', red: '🔴' };

export interface VillageStanding {
  /** Cadres on the village roster. */
  cadres: number;
  /** Five-ones items done, summed over those cadres (at most cadres × 5). */
  itemsDone: number;
  /** Whole days since the last record or meeting; null when nothing ever happened. */
  idleDays: number | null;
}

/** Share of the five ones done, 0–1. A village without cadres has done nothing yet. */
export function completionRate(s: Pick<VillageStanding, 'cadres' | 'itemsDone'>): number {
  return s.cadres === 0 ? 0 : Math.min(1, s.itemsDone / (s.cadres * 5));
}

export function grade(s: VillageStanding): Colour {
  const rate = completionRate(s);
  const idle = s.idleDays ?? Number.POSITIVE_INFINITY;
  if (rate >= 0.8 && idle <= 14) return 'green';
  if (rate >= 0.6 && idle <= 30) return 'blue';
  if (rate >= 0.4 && idle <= 30) return 'yellow';
  if (rate >= 0.2 || idle <= 30) return 'orange';
  return 'red';
}
