/**
 * The worker thread that builds ledger workbooks for the Node server (see ledger-threads.ts). It
 * reads the database file through its own read-only connection, so neither the rows nor the
 * sheets cross to the main thread: only the request in and the file's bytes out (transferred).
 */
import { getRegion } from '../../../db/repo/regions.js';
import { openSqliteReader } from '../../../db/sqlite.js';
import { answerRequests } from '../../engine/thread.js';
import type { LedgerBook } from './export.js';
import { ledgerWorkbook } from './export.js';
import type { LedgerRequest } from './ledger-threads.js';
import { writeWorkbook } from './workbook.js';

const readers = new Map<string, ReturnType<typeof openSqliteReader>>();

answerRequests<LedgerRequest, LedgerBook>(
  async (request) => {
    let reader = readers.get(request.databasePath);
    if (!reader) readers.set(request.databasePath, (reader = openSqliteReader(request.databasePath)));
    const scope = await getRegion(reader.db, request.scopeCode);
    if (!scope) throw new Error(`region ${request.scopeCode} not found`);
    return ledgerWorkbook(reader.db, scope, new Date(request.now), request.timeZone, writeWorkbook);
  },
  (book) => [book.bytes.buffer as ArrayBuffer],
);
