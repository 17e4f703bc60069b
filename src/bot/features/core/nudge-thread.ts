/**
 * The worker thread that decides who is due a reminder, for the Node server (see
 * nudge-threads.ts). It reads the database file through its own read-only connection; only the
 * question goes in and the list of people due (usually empty) comes out.
 */
import { openSqliteReader } from '../../../db/sqlite.js';
import { answerRequests } from '../../engine/thread.js';
import { planNudges, straightThrough, type Due } from './nudge-plan.js';
import type { NudgeRequest } from './nudge-threads.js';

/**
 * Pages SQLite keeps for this connection (better-sqlite3's default is 16 MB). The reads here scan
 * the same tables every ten minutes; the operating system's file cache serves them as well.
 */
const READER_CACHE_KIB = 1_000;

const readers = new Map<string, ReturnType<typeof openSqliteReader>>();

answerRequests<NudgeRequest, Due[]>(async ({ databasePath, question }) => {
  let reader = readers.get(databasePath);
  if (!reader) readers.set(databasePath, (reader = openSqliteReader(databasePath, { cacheKiB: READER_CACHE_KIB })));
  return planNudges(reader.db, question, straightThrough);
});
