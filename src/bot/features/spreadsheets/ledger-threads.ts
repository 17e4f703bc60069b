import type { Logger } from '../../engine/ports.js';
import { oneThread, type ThreadEntry } from '../../engine/thread.js';
import type { LedgerBook, LedgerBuilder } from './export.js';

/** A thread with no export for this long is stopped: exceljs and a city's rows are hundreds of MB. */
const IDLE_MS = 60_000;

/** What the main thread asks the ledger thread. */
export interface LedgerRequest {
  databasePath: string;
  scopeCode: string;
  now: number;
  timeZone: string;
}

export interface ThreadLedgerOptions extends ThreadEntry {
  /** The SQLite file the server writes; the thread reads it on a connection of its own. */
  databasePath: string;
  logger: Logger;
}

export interface ThreadLedger {
  build: LedgerBuilder;
  /** Stops the thread (it is started again by the next build). */
  close(): Promise<void>;
}

/**
 * One worker thread that builds ledger workbooks (ledger-thread.ts), one at a time, in the order
 * asked. One thread: two city ledgers at once would double the memory (some hundreds of MB each)
 * and finish no sooner on the few cores a server has. The thread starts on the first export, not
 * at start-up (exceljs alone is some 25 MB), and stops a minute after the last.
 */
export function createThreadLedger(options: ThreadLedgerOptions): ThreadLedger {
  const thread = oneThread<LedgerRequest, LedgerBook>({ name: 'ledger', idleMs: IDLE_MS, ...options });
  return {
    async build(scope, now, timeZone) {
      const book = await thread.ask({ databasePath: options.databasePath, scopeCode: scope.code, now: now.getTime(), timeZone });
      return { ...book, bytes: new Uint8Array(book.bytes) };
    },
    close: () => thread.close(),
  };
}
