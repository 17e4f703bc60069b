import type { Logger } from '../../engine/ports.js';
import { oneThread, type ThreadEntry } from '../../engine/thread.js';
import type { Due, NudgePlanner, NudgeQuestion } from './nudge-plan.js';

/** How long the thread is kept after an answer. */
const IDLE_MS = 5_000;

export interface NudgeRequest {
  databasePath: string;
  question: NudgeQuestion;
}

export interface ThreadNudgePlanner {
  plan: NudgePlanner;
  close(): Promise<void>;
}

/**
 * Decides the reminders in a worker thread (nudge-thread.ts) with its own read-only connection.
 * In the working day the reminder job reads the whole roster (at 4,000 cadres, reads of up to
 * 25 ms each and the collection of what they allocate); here none of it holds a webhook. The thread starts when asked, at a tick that may remind anyone (a working day,
 * outside quiet hours), and stops once it has answered.
 */
export function createThreadNudgePlanner(options: ThreadEntry & { databasePath: string; logger: Logger }): ThreadNudgePlanner {
  const thread = oneThread<NudgeRequest, Due[]>({
    name: 'nudge',
    ...options,
    // It is asked every few minutes of the working day and answers within a second; between
    // times it is stopped rather than kept (some 35 MB at 4,000 cadres).
    idleMs: IDLE_MS,
  });
  return {
    plan: (question) => thread.ask({ databasePath: options.databasePath, question }),
    close: () => thread.close(),
  };
}
