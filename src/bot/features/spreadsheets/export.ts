import { findRegions, getRegion } from '../../../db/repo/regions.js';
import type { Db } from '../../../db/store.js';
import { msg } from '../../../domain/messages.js';
import { ledgerSheets, type SheetSpec } from '../../../domain/spreadsheets/ledger.js';
import { sheetMsg } from '../../../domain/spreadsheets/messages.js';
import { formatDateTime } from '../../../domain/time.js';
import type { OutMessage, OutTarget, Region } from '../../../domain/types.js';
import { reachOf } from '../../engine/scheduler/recipients.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import type { Resolved } from '../core/where.js';
import { inScope } from '../suggestions/workflow.js';
import { toBase64 } from '../suggestions/zip.js';
import { loadLedger } from './ledger-data.js';

/** Turns sheets into XLSX bytes. Injected: the writer is Node-only and stays out of the Workers bundle. */
export type WorkbookWriter = (sheets: readonly SheetSpec[], at: Date) => Promise<Uint8Array>;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface LedgerBook {
  bytes: Uint8Array;
  cadres: number;
  suggestions: number;
  fileName: string;
}

/**
 * Builds the ledger workbook of a region. A city's takes seconds of reading and a minute of
 * exceljs: the Node server builds it in a worker thread (ledger-threads.ts) so webhooks are still
 * answered meanwhile; Workers have no threads and tests need none, so they build it in-process.
 */
export type LedgerBuilder = (scope: Region, now: Date, timeZone: string) => Promise<LedgerBook>;

/** The ledger workbook of a region and everything below it. */
export async function ledgerWorkbook(db: Db, scope: Region, now: Date, timeZone: string, write: WorkbookWriter): Promise<LedgerBook> {
  const data = await loadLedger(db, scope, now, timeZone);
  const bytes = await write(ledgerSheets(data), now);
  return { bytes, cadres: data.cadres.length, suggestions: data.suggestions.length, fileName: sheetMsg.fileName(scope.fullName, formatDateTime(now, timeZone).slice(0, 10)) };
}

/** Builds on the calling thread, with this database and writer. */
export function inProcessLedger(db: Db, write: WorkbookWriter): LedgerBuilder {
  return (scope, now, timeZone) => ledgerWorkbook(db, scope, now, timeZone, write);
}

/** The chat's own area (a station or task-force chat), else a region named in the arguments. */
async function scopeFor(ctx: HandlerContext, args: string): Promise<Resolved<Region>> {
  const query = args.trim();
  if (!query) {
    if (ctx.region) return inScope(ctx, 'export', ctx.region);
    const own = ctx.actor.roles.find((r) => r.role === 'county_station' || r.role === 'township_station');
    const home = own ? await getRegion(ctx.db, own.regionCode) : null;
    if (home) return inScope(ctx, 'export', home);
    return { ok: false, plan: replyPlan(ctx, sheetMsg.exportNeedsRegion) };
  }
  const found = await findRegions(ctx.db, query, 50);
  if (found.length === 0) return { ok: false, plan: replyPlan(ctx, msg.bindNotFound(query)) };
  const mine = found.filter((r) => inScope(ctx, 'export', r).ok);
  if (mine.length === 0) return inScope(ctx, 'export', found[0]!);
  if (mine.length > 1) return { ok: false, plan: replyPlan(ctx, msg.bindTooMany(query, mine.length)) };
  return { ok: true, value: mine[0]! };
}

/**
 * Where the requester can be sent a file in private on this platform, or null when they never
 * opened a private chat with the bot (a bot cannot open one itself on some platforms).
 */
async function requesterInPrivate(ctx: HandlerContext): Promise<OutTarget | null> {
  if (ctx.event.chat.type === 'private') return { platform: ctx.event.platform, chatId: ctx.event.chat.chatId, threadId: null };
  const person = ctx.actor.person;
  if (!person) return null;
  const reach = await reachOf(ctx.db, [{ id: person.id, name: person.name }]);
  return reach.get(person.id)?.private.find((t) => t.platform === ctx.event.platform) ?? null;
}

/**
 * 「导出 [地区]」: the ledger workbook. It lists every cadre's mobile number, so it goes to the
 * requester in private only; a group hears that it was sent, or how to open a private chat.
 * Checks are answered at once; the workbook is built as later work (see Plan.later), so the
 * events behind this one are not held up while a city's ledger is built.
 */
export function createExportCommand(build: LedgerBuilder | undefined): CommandHandler {
  return async (ctx, args) => {
    const scope = await scopeFor(ctx, args);
    if (!scope.ok) return scope.plan;
    if (!build) return replyPlan(ctx, sheetMsg.exportUnavailable);
    const to = await requesterInPrivate(ctx);
    if (!to) return replyPlan(ctx, sheetMsg.exportNeedsPrivateChat);
    const { now, timeZone } = ctx;
    const region = scope.value;
    const later = async (): Promise<Plan> => {
      try {
        const book = await build(region, now, timeZone);
        const file: OutMessage = {
          to,
          text: sheetMsg.exported(region.fullName, book.cadres, book.suggestions),
          attachment: { fileName: book.fileName, mime: XLSX_MIME, dataBase64: toBase64(book.bytes) },
        };
        return { statements: [], messages: [file] };
      } catch {
        // The reason goes to the log (the pipeline's); the requester hears what to do.
        return { statements: [], messages: [{ to, text: sheetMsg.exportFailed }] };
      }
    };
    if (ctx.event.chat.type === 'private') return { statements: [], messages: [], later };
    return { statements: [], messages: [reply(ctx, sheetMsg.sentPrivately)], later };
  };
}
