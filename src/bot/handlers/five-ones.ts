import { recordCountsOf } from '../../db/repo/records.js';
import type { Db } from '../../db/store.js';
import { fiveOnes, type FiveOnesProgress } from '../../domain/five-ones.js';

export async function progressOf(db: Db, personId: string): Promise<FiveOnesProgress> {
  const counts = await recordCountsOf(db, personId);
  return fiveOnes(counts);
}
