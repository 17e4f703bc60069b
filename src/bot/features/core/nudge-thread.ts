/**
 * The worker thread that decides who is due a reminder, for the Node server (see
 * nudge-threads.ts). It reads the database file through its own read-only connection; only the
 * question goes in and the list of people due (usually empty) comes out.
 */
import { openSqliteReader } from '../../../db/sqlite.js';
import { answerRequests } from '../../engine/thread.js';
import { planNudges, straightThrough, type Due } from './nudge-plan.js';
import type { NudgeRequest } from './nudge-threads.js';

const readers = new Map<string, ReturnType<typeof openSqliteReader>>();

answerRequests<NudgeRequest, Due[]>(async ({ databasePath, question }) => {
  let reader = readers.get(databasePath);
  if (!reader) readers.set(databasePath, (reader = openSqliteReader(databasePath)));
  return planNudges(reader.db, question, straightThrough);
});
