import { talkCountOf } from '../../../db/repo/meetings.js';
import { recordCountsOf } from '../../../db/repo/records.js';
import type { Db } from '../../../db/store.js';
import { fiveOnes, type FiveOnesProgress } from '../../../domain/five-ones.js';

export async function progressOf(db: Db, personId: string, now: number): Promise<FiveOnesProgress> {
  const counts = await recordCountsOf(db, personId);
  // The "talk" is a 恳谈会 or 座谈会 attended or organised, once it took place.
  counts.talk = await talkCountOf(db, personId, now);
  return fiveOnes(counts);
}
