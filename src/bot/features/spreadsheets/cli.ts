import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { scriptStore } from '../../../db/sql-script.js';
import { findRegions, regionsByLevel } from '../../../db/repo/regions.js';
import type { Store } from '../../../db/store.js';
import { ledgerWorkbook, type WorkbookWriter } from './export.js';
import { importFile, type ImportReport } from './import.js';

/** A progress display; the CLI passes a terminal bar, tests a recorder. */
export interface Progress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

export interface CliDeps {
  store: Store;
  out: (line: string) => void;
  now: () => Date;
  newId: () => string;
  /** Files with at least this many rows show progress. */
  progressFrom?: number;
  progress?: () => Progress;
}

/**
 * A person's id from their natural key. A SQL file for D1 is written without reading D1, so the
 * same person must get the same id every time the file is made: applying a newer roster then
 * updates people instead of adding them again.
 */
/** Said only when the file marked some: most rosters have no 党员 or 村民代表 column. */
function membersPart(report: ImportReport, sep = '，'): string {
  return report.members > 0 ? `党员和村民代表 ${report.members} 项${sep}` : '';
}

function stableId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 20);
}

/**
 * `npm run import -- file.xlsx|file.csv [--skip-bad] [--d1-sql out.sql]`. Returns the exit code.
 * With --d1-sql nothing is written to `deps.store` (it is only read, for regions): the writes go
 * to the file, for `wrangler d1 execute --file`.
 */
export async function runImport(argv: readonly string[], deps: CliDeps): Promise<number> {
  const skipBad = argv.includes('--skip-bad');
  const sqlAt = argv.indexOf('--d1-sql');
  const sqlFile = sqlAt >= 0 ? argv[sqlAt + 1] : undefined;
  const rest = argv.filter((_, i) => sqlAt < 0 || (i !== sqlAt && i !== sqlAt + 1));
  const files = rest.filter((a) => !a.startsWith('--'));
  if (files.length !== 1 || rest.some((a) => a.startsWith('--') && a !== '--skip-bad') || (sqlAt >= 0 && !sqlFile?.endsWith('.sql'))) {
    deps.out('用法：npm run import -- 文件.xlsx|文件.csv [--skip-bad] [--d1-sql 输出.sql]');
    return 2;
  }
  const script = sqlFile ? scriptStore(deps.store) : null;
  const target = script ?? deps.store;
  let bar: Progress | null = null;
  let report: ImportReport;
  try {
    report = await importFile(target, files[0]!, {
      skipBad,
      newId: sqlFile ? stableId : deps.newId,
      now: deps.now().getTime(),
      onProgress: (done, total) => {
        if (!deps.progress || total < (deps.progressFrom ?? 1000)) return;
        if (!bar) {
          bar = deps.progress();
          bar.start(total);
        }
        bar.update(done);
      },
    });
  } catch (err) {
    deps.out(`无法读取文件：${err instanceof Error ? err.message : String(err)}`);
    return 2;
  } finally {
    (bar as Progress | null)?.stop();
  }
  for (const e of report.errors) deps.out(`${e.sheet} 第 ${e.row} 行：${e.reason}`);
  if (!report.written && report.errors.length === 0) {
    deps.out('文件里没有可导入的行，什么都没有导入。第一行写表头（例如“姓名、手机、工作单位、家乡村、角色”），下面每行一人。');
    return 1;
  }
  if (!report.written) {
    deps.out(`有 ${report.errors.length} 行有错，什么都没有导入。改正后重新导入，或加 --skip-bad 只导入正确的行。`);
    return 1;
  }
  if (sqlFile && script) {
    await writeFile(sqlFile, script.script());
    deps.out(
      `已写出 ${sqlFile}：地区 ${report.regions.added + report.regions.updated} 个，人员 ${report.people.added + report.people.updated} 位，角色 ${report.roles} 项，${membersPart(report)}群绑定 ${report.chats} 个` +
        (report.pairings ? `，挂包联系 ${report.pairings} 个` : '') +
        (report.errors.length ? `；跳过有错的 ${report.errors.length} 行` : '') +
        `。导入 D1：npx wrangler d1 execute DB --remote --file ${sqlFile}`,
    );
    return 0;
  }
  deps.out(
    `导入完成：地区新增 ${report.regions.added}、更新 ${report.regions.updated}；人员新增 ${report.people.added}、更新 ${report.people.updated}；角色 ${report.roles} 项；${membersPart(report, '；')}群绑定 ${report.chats} 个` +
      (report.pairings ? `；挂包联系 ${report.pairings} 个` : '') +
      (report.errors.length ? `；跳过有错的 ${report.errors.length} 行。` : '。'),
  );
  return 0;
}

/** `npm run export -- [--region <code>] --out file.xlsx`. Returns the exit code. */
export async function runExport(argv: readonly string[], deps: CliDeps & { write: WorkbookWriter; timeZone: string }): Promise<number> {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const out = value('--out');
  const regionArg = value('--region');
  if (!out?.endsWith('.xlsx') || (argv.includes('--region') && !regionArg)) {
    deps.out('用法：npm run export -- [--region 地区代码或名称] --out 台账.xlsx');
    return 2;
  }
  const found = regionArg ? await findRegions(deps.store.db, regionArg, 2) : await regionsByLevel(deps.store.db, 'city');
  if (found.length !== 1) {
    deps.out(found.length === 0 ? `找不到地区“${regionArg ?? '（市）'}”。` : `“${regionArg ?? '市'}”不止一个，请写地区代码。`);
    return 1;
  }
  const book = await ledgerWorkbook(deps.store.db, found[0]!, deps.now(), deps.timeZone, deps.write);
  await writeFile(out, book.bytes);
  deps.out(`已导出 ${found[0]!.fullName} 的台账到 ${out}（${book.cadres} 名回乡干部，${book.suggestions} 条建议）。`);
  return 0;
}
