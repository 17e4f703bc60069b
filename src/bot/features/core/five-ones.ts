import { talkCountOf } from '../../../db/repo/meetings.js';
import { recordCountsOf } from '../../../db/repo/records.js';
import type { Db } from '../../../db/store.js';
import { fiveOnes, type FiveOnesProgress } from '../../../domain/five-ones.js';

export async function progressOf(db: Db, personId: string): Promise<FiveOnesProgress> {
  const counts = await recordCountsOf(db, personId);
  // The "talk" is a sign-in at (or organising) a 恳谈会 or 座谈会.
  counts.talk = await talkCountOf(db, personId);
  return fiveOnes(counts);
}
