import type { Feature } from '../../engine/feature.js';
import { createExportCommand, type WorkbookWriter } from './export.js';

/** 「导出」: the ledger workbook in chat, when this process can write workbooks. */
export function spreadsheetsFeature(write: WorkbookWriter | undefined): Feature {
  return { name: 'spreadsheets', routes: { commands: { export: createExportCommand(write) } } };
}
