import type { Routes } from '../../engine/router.js';
import { createExportCommand, type WorkbookWriter } from './export.js';

/** 「导出」: the ledger workbook in chat, when this process can write workbooks. */
export function spreadsheetRoutes(write: WorkbookWriter | undefined): Partial<Routes> {
  return { commands: { export: createExportCommand(write) } };
}
