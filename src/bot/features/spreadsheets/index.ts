import type { Feature } from '../../engine/feature.js';
import { createExportCommand, type LedgerBuilder } from './export.js';

/** 「导出」: the ledger workbook in chat, when this process can build workbooks. */
export function spreadsheetsFeature(build: LedgerBuilder | undefined): Feature {
  return { name: 'spreadsheets', routes: { commands: { export: createExportCommand(build) } } };
}
