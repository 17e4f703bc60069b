import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** SQLite's own threshold, restored if the thread ever stops: a WAL must not grow without end. */
const AUTOCHECKPOINT_PAGES = 1_000;

// Runs in the thread. A PASSIVE checkpoint takes no lock writers wait for: it copies what it can
// of the WAL into the database file (and syncs it) while the main thread goes on writing.
const THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const run = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String((e && e.message) || e)); }
};
const timer = setInterval(run, workerData.everyMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); run(); db.close(); parentPort.close(); } });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Moves the WAL checkpoint off the main thread. SQLite runs it inside whichever commit makes the
 * WAL pass 1,000 pages, so under steady traffic every few seconds one webhook's commit also
 * copied and synced pages into the database file, and every request behind it waited. Here the
 * main connection never checkpoints and a thread with its own connection does, every second.
 * Should the thread fail, the main connection checkpoints by itself again.
 */
export function startCheckpointer(sqlite: Database.Database, path: string, opts: { everyMs?: number; onError?: (message: string) => void } = {}): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { path, module, everyMs: opts.everyMs ?? 1_000 } });
  let stopping = false;
  const fallBack = (why: string) => {
    if (stopping) return;
    opts.onError?.(why);
    sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('message', (m: unknown) => opts.onError?.(String(m)));
  worker.on('error', (err) => fallBack(err.message));
  worker.on('exit', () => fallBack('checkpoint thread exited'));
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  return {
    async stop() {
      stopping = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000).unref())]);
      await worker.terminate();
      sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    },
  };
}
