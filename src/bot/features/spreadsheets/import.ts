import { platformWords } from '../../platforms/registry.js';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { inArray } from 'drizzle-orm';
import { bindChatStatement } from '../../../db/repo/chats.js';
import { addMemberStatement } from '../../../db/repo/meetings.js';
import { grantRolesStatements, upsertPeopleStatements } from '../../../db/repo/people.js';
import { pairStatement } from '../../../db/repo/problems.js';
import { regionFromInput, setPlanningUnitStatement, upsertRegionStatement, type RegionInput } from '../../../db/repo/regions.js';
import { people, regions as regionTable } from '../../../db/schema/index.js';
import type { Statement, Store } from '../../../db/store.js';
import { parseCsv } from '../../../domain/spreadsheets/csv.js';
import { validateTables, type ImportError, type RegionLookup, type RegionRef, type Table } from '../../../domain/spreadsheets/import.js';
import type { Region, RoleName } from '../../../domain/types.js';

export interface ImportOptions {
  /** Write the good rows of a file that has bad ones (otherwise nothing is written). */
  skipBad: boolean;
  /** A new person's id; `key` is the person's natural key (name and phone, or name and home). */
  newId: (key: string) => string;
  now: number;
  /** Called as rows are checked and prepared, then once more when written. */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  written: boolean;
  rows: number;
  errors: ImportError[];
  regions: { added: number; updated: number };
  people: { added: number; updated: number };
  roles: number;
  /** Party members and villager representatives marked (the electorate of votes). */
  members: number;
  /** 挂包联系 rows written (a pairing already there is kept as it was). */
  pairings: number;
  chats: number;
}

/** Who bound a chat that a spreadsheet bound (a chat bound in the chat records the person). */
export const IMPORT_BINDER = 'import';

/** Sheets of an .xlsx, or the one table of a .csv (UTF-8, or GBK as older Excel saves it). */
export async function readSpreadsheet(path: string): Promise<Table[]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') {
    const bytes = await readFile(path);
    return [{ sheet: basename(path), rows: parseCsv(decodeText(bytes)).map((cells, i) => ({ row: i + 1, cells })) }];
  }
  if (ext !== '.xlsx') throw new Error(`只能导入 .xlsx 或 .csv 文件，收到的是“${ext || '没有扩展名'}”`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((ws) => {
    const rows: Table['rows'] = [];
    // Each row's own cells only: exceljs recomputes `columnCount` over the whole sheet on every
    // read, which made a 15,000-row roster quadratic (278 s).
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cell.text.trim();
      });
      rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
    return { sheet: ws.name, rows };
  });
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/**
 * Loads regions, roster, councils and stations. Everything is checked first; a file with bad
 * rows writes nothing unless `skipBad`. What is written goes in one atomic write, and importing
 * the same file again updates rows in place (regions by code; people by name and phone, or name
 * and home place), so nothing is duplicated.
 */
export async function importTables(store: Store, tables: readonly Table[], options: ImportOptions): Promise<ImportReport> {
  const db = store.db;
  const regionRows = await db.select().from(regionTable);
  const stored = new Map<string, Region>(regionRows.map((r) => [r.code, r as Region]));
  const byName = new Map<string, RegionRef[]>();
  for (const r of regionRows) {
    // The official name (温泉村民委员会) is found as well as the spoken one.
    for (const n of new Set([r.name, r.fullName, r.officialName ?? r.name])) byName.set(n, [...(byName.get(n) ?? []), r]);
  }
  const lookup: RegionLookup = { byCode: (c) => stored.get(c) ?? null, byName: (n) => byName.get(n) ?? [] };
  const { rows, errors } = validateTables(tables, lookup, platformWords());
  const total = tables.reduce((n, t) => n + Math.max(0, t.rows.length - 1), 0);
  const report: ImportReport = { written: false, rows: total, errors, regions: { added: 0, updated: 0 }, people: { added: 0, updated: 0 }, roles: 0, members: 0, pairings: 0, chats: 0 };
  if (errors.length > 0 && !options.skipBad) return report;

  if (rows.length === 0) return report;

  const statements: Statement[] = [];
  let done = errors.length;
  const tick = () => options.onProgress?.(++done, total);
  const imported = new Map<string, RegionInput>();
  const planningUnits: { code: string; unit: string }[] = [];
  for (const r of rows) {
    if (r.kind !== 'region') continue;
    imported.set(r.code, { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode });
    if (r.planningUnit) planningUnits.push({ code: r.code, unit: r.planningUnit });
    if (stored.has(r.code)) report.regions.updated++;
    else report.regions.added++;
    tick();
  }
  for (const { input, parent } of regionsToWrite(stored, imported)) statements.push(upsertRegionStatement(db, input, parent));
  for (const { code, unit } of planningUnits) statements.push(setPlanningUnitStatement(db, code, unit));

  const personRows = rows.filter((r) => r.kind === 'person');
  const names = [...new Set(personRows.map((p) => p.name))];
  const existingByName = new Map<string, (typeof people.$inferSelect)[]>();
  // Chunked: SQLite caps the number of bound parameters.
  for (let i = 0; i < names.length; i += 500) {
    for (const e of await db.select().from(people).where(inArray(people.name, names.slice(i, i + 500)))) existingByName.set(e.name, [...(existingByName.get(e.name) ?? []), e]);
  }
  const assigned = new Map<string, string>();
  const personWrites: (typeof people.$inferInsert)[] = [];
  const grants: { personId: string; role: RoleName; regionCode: string }[] = [];
  const later: Statement[] = [];
  for (const p of personRows) {
    const key = p.phone ? `${p.name}|${p.phone}` : `${p.name}@${p.homeCode}`;
    let id = assigned.get(key);
    if (!id) {
      // Looked up among people of the same name only: a scan of everyone per row was quadratic.
      const namesakes = existingByName.get(p.name) ?? [];
      const match =
        (p.phone ? namesakes.find((e) => e.phone === p.phone) : undefined) ??
        namesakes.find((e) => e.homeRegion === p.homeCode && (!p.phone || !e.phone));
      id = match?.id ?? `person-${options.newId(key)}`;
      assigned.set(key, id);
      if (match) report.people.updated++;
      else report.people.added++;
      personWrites.push({
        id,
        name: p.name,
        phone: p.phone ?? match?.phone ?? null,
        employeeNo: p.employeeNo ?? match?.employeeNo ?? null,
        workUnit: p.workUnit ?? match?.workUnit ?? null,
        homeRegion: p.homeCode,
        // Someone listed only as 党员 or 村民代表 is not on the cadre roster: 「登记」 cannot claim them.
        onRoster: p.roles.length > 0 || match?.onRoster === 1 ? 1 : 0,
        createdAt: options.now,
      });
    }
    for (const role of p.roles) grants.push({ personId: id, role, regionCode: p.homeCode });
    report.roles += p.roles.length;
    // Written after the people they name (below).
    for (const kind of p.members) {
      later.push(addMemberStatement(db, { regionCode: p.homeCode, personId: id, kind, addedBy: IMPORT_BINDER, addedAt: options.now }));
      report.members++;
    }
    for (const village of p.pairs) {
      later.push(pairStatement(db, { regionCode: village, personId: id, pairedBy: IMPORT_BINDER, pairedAt: options.now }));
      report.pairings++;
    }
    tick();
  }
  statements.push(...upsertPeopleStatements(db, personWrites), ...grantRolesStatements(db, grants, options.now), ...later);
  for (const c of rows) {
    if (c.kind !== 'chat') continue;
    const chat = { platform: c.platform, chatId: c.chatId, threadId: null, type: 'group' as const };
    statements.push(bindChatStatement(db, chat, { regionCode: c.regionCode, purpose: c.purpose, boundBy: IMPORT_BINDER, title: c.title }, options.now));
    report.chats++;
    tick();
  }
  await store.commit(statements);
  report.written = true;
  options.onProgress?.(total, total);
  return report;
}

/**
 * The region rows one import writes, parents first: every imported region, and every stored
 * region below one whose path or full name the import changes. Paths and full names are derived
 * from the parent, so a county moved or renamed by the file moves its townships' and villages'
 * paths and names in the same write; scope checks read paths and must never see a stale one.
 */
function regionsToWrite(stored: ReadonlyMap<string, Region>, imported: ReadonlyMap<string, RegionInput>): { input: RegionInput; parent: Region | null }[] {
  const derived = new Map<string, Region>();
  const inputOf = (code: string): RegionInput | null => imported.get(code) ?? stored.get(code) ?? null;
  const derive = (code: string): Region | null => {
    const done = derived.get(code);
    if (done) return done;
    const input = inputOf(code);
    if (!input) return null;
    // Levels strictly deepen from parent to child (checked on import), so this chain ends.
    const parent = input.parentCode ? derive(input.parentCode) : null;
    const region = regionFromInput({ code: input.code, name: input.name, level: input.level, parentCode: input.parentCode }, parent);
    derived.set(code, region);
    return region;
  };
  const out: { input: RegionInput; parent: Region | null; depth: number }[] = [];
  for (const code of new Set([...imported.keys(), ...stored.keys()])) {
    const region = derive(code)!;
    const before = stored.get(code);
    if (!imported.has(code) && before && before.path === region.path && before.fullName === region.fullName) continue;
    const input = inputOf(code)!;
    out.push({ input: { code, name: input.name, level: input.level, parentCode: input.parentCode }, parent: input.parentCode ? derive(input.parentCode) : null, depth: region.path.split('/').length });
  }
  return out.sort((a, b) => a.depth - b.depth).map(({ input, parent }) => ({ input, parent }));
}

export async function importFile(store: Store, path: string, options: ImportOptions): Promise<ImportReport> {
  return importTables(store, await readSpreadsheet(path), options);
}
