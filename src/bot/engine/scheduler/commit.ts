import { enqueueStatements } from '../../../db/repo/outbox.js';
import { jobDoneStatement } from '../../../db/repo/scheduler.js';
import { isUniqueViolation, type Statement, type Store } from '../../../db/store.js';
import type { OutMessage } from '../../../domain/types.js';

export interface ScheduledWork {
  /** Marks the work done; a plain insert, so doing it twice fails the whole write. */
  jobKey: string | null;
  statements: Statement[];
  /** Every message carries its own unique key (meeting M reminder at T-1h, digest for chat C week W). */
  messages: OutMessage[];
}

/**
 * Commits the work with its messages in one atomic write. Returns false when another tick (this
 * process or another) already did it: then nothing was written or queued.
 */
export async function commitWork(store: Store, work: ScheduledWork, now: number): Promise<boolean> {
  const statements: Statement[] = [];
  if (work.jobKey) statements.push(jobDoneStatement(store.db, work.jobKey, now));
  statements.push(...work.statements);
  for (const m of work.messages) {
    if (!m.key) throw new Error('scheduled messages need a key');
    statements.push(...enqueueStatements(store.db, m, m.key, now, { scheduled: true }));
  }
  if (statements.length === 0) return true;
  try {
    await store.commit(statements);
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
