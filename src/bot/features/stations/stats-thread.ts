/**
 * The worker thread that reads /stats, the dashboard and the stations' reports for the Node
 * server (see stats-threads.ts). It reads the database file through its own read-only connection;
 * only the question goes in and the figures or the reports' texts come out.
 */
import { openSqliteReader } from '../../../db/sqlite.js';
import { answerRequests } from '../../engine/thread.js';
import { inProcessStats, type StatsReader } from './stats-reader.js';
import type { StatsRequest, StatsResponse } from './stats-threads.js';

const readers = new Map<string, StatsReader>();

answerRequests<StatsRequest, StatsResponse>(async (request) => {
  let reader = readers.get(request.databasePath);
  if (!reader) readers.set(request.databasePath, (reader = inProcessStats(openSqliteReader(request.databasePath).db)));
  switch (request.call) {
    case 'view':
      return reader.view(request.scope, request.period, new Date(request.now), request.timeZone);
    case 'weekly':
      return reader.weekly(request.period, request.now, request.timeZone);
    case 'monthly':
      return reader.monthly(request.period, request.now, request.timeZone);
  }
});
