import type { Logger } from '../../engine/ports.js';
import { oneThread, type ThreadEntry } from '../../engine/thread.js';
import type { Due, NudgePlanner, NudgeQuestion } from './nudge-plan.js';

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
 * In the working day the reminder job reads the whole roster every minute (at 4,000 cadres,
 * reads of up to 25 ms each and the collection of what they allocate); here none of it holds a
 * webhook. The thread starts at the first tick that may remind anyone (a working day, outside
 * quiet hours), not at start-up.
 */
export function createThreadNudgePlanner(options: ThreadEntry & { databasePath: string; logger: Logger }): ThreadNudgePlanner {
  const thread = oneThread<NudgeRequest, Due[]>({
    name: 'nudge',
    ...options,
    // Its heap holds one roster's worth of rows at a time; small semi-spaces keep its memory low.
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  return {
    plan: (question) => thread.ask({ databasePath: options.databasePath, question }),
    close: () => thread.close(),
  };
}
