import { Worker } from 'node:worker_threads';
import type { Logger } from '../../engine/ports.js';
import type { LedgerBook, LedgerBuilder } from './export.js';

/** What the main thread asks the ledger thread. */
export interface LedgerRequest {
  id: number;
  databasePath: string;
  scopeCode: string;
  now: number;
  timeZone: string;
}

export type LedgerResponse = { id: number; ok: true; book: LedgerBook } | { id: number; ok: false; error: string };

export interface ThreadLedgerOptions {
  /** The SQLite file the server writes; the thread reads it on a connection of its own. */
  databasePath: string;
  /** The thread's entry: ledger-thread.ts under tsx, its build (dist/ledger-thread.js) under `npm start`. */
  entry: URL;
  /** Node flags for the thread (`--import tsx` to run the TypeScript entry). */
  execArgv?: string[];
  logger: Logger;
}

export interface ThreadLedger {
  build: LedgerBuilder;
  /** Stops the thread (it is started again by the next build). */
  close(): Promise<void>;
}

/**
 * A pool of one worker thread that builds ledger workbooks, one at a time, in the order asked.
 * One thread: two city ledgers at once would double the memory (some hundreds of MB each) and
 * finish no sooner on the few cores a server has. The thread starts on the first export, not at
 * start-up (exceljs alone is some 25 MB), and a thread that dies fails the builds it held and is
 * started again by the next one.
 */
export function createThreadLedger(options: ThreadLedgerOptions): ThreadLedger {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (book: LedgerBook) => void; reject: (err: Error) => void }>();
  let queue: Promise<unknown> = Promise.resolve();

  function failAll(err: Error) {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  }

  function thread(): Worker {
    if (worker) return worker;
    const w = new Worker(options.entry, { execArgv: options.execArgv ?? [] });
    w.on('message', (response: LedgerResponse) => {
      const p = pending.get(response.id);
      if (!p) return;
      pending.delete(response.id);
      if (response.ok) p.resolve({ ...response.book, bytes: new Uint8Array(response.book.bytes) });
      else p.reject(new Error(response.error));
    });
    w.on('error', (err) => {
      options.logger.error('ledger thread failed', { error: err.message });
      failAll(err);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (pending.size) failAll(new Error(`ledger thread exited (${code})`));
    });
    // An idle thread must not keep the process alive at shutdown.
    w.unref();
    worker = w;
    return w;
  }

  function ask(request: Omit<LedgerRequest, 'id'>): Promise<LedgerBook> {
    const id = ++nextId;
    return new Promise<LedgerBook>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      thread().postMessage({ ...request, id } satisfies LedgerRequest);
    });
  }

  return {
    build(scope, now, timeZone) {
      const run = queue.then(() => ask({ databasePath: options.databasePath, scopeCode: scope.code, now: now.getTime(), timeZone }));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
