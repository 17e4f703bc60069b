/**
 * The worker thread that builds ledger workbooks for the Node server (see ledger-threads.ts). It
 * reads the database file through its own read-only connection, so neither the rows nor the
 * sheets cross to the main thread: only the request in and the file's bytes out (transferred).
 */
import { parentPort } from 'node:worker_threads';
import { getRegion } from '../../../db/repo/regions.js';
import { openSqliteReader } from '../../../db/sqlite.js';
import { ledgerWorkbook } from './export.js';
import type { LedgerRequest, LedgerResponse } from './ledger-threads.js';
import { writeWorkbook } from './workbook.js';

const port = parentPort;
if (!port) throw new Error('ledger-thread runs as a worker thread (ledger-threads.ts starts it)');

const readers = new Map<string, ReturnType<typeof openSqliteReader>>();

port.on('message', (request: LedgerRequest) => {
  void build(request).then((response) => port.postMessage(response, response.ok ? [response.book.bytes.buffer as ArrayBuffer] : []));
});

async function build(request: LedgerRequest): Promise<LedgerResponse> {
  try {
    let reader = readers.get(request.databasePath);
    if (!reader) readers.set(request.databasePath, (reader = openSqliteReader(request.databasePath)));
    const scope = await getRegion(reader.db, request.scopeCode);
    if (!scope) return { id: request.id, ok: false, error: `region ${request.scopeCode} not found` };
    const book = await ledgerWorkbook(reader.db, scope, new Date(request.now), request.timeZone, writeWorkbook);
    return { id: request.id, ok: true, book };
  } catch (err) {
    return { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
