import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { SheetSpec } from '../../../domain/spreadsheets/ledger.js';

/**
 * Writes ledger sheets as an XLSX workbook: a title line, a frozen bold header, thin borders.
 * Streamed, row by row: exceljs's in-memory workbook kept every styled cell of a city's ledger
 * (222k attendance rows) as objects and was still writing after minutes at 1.9 GB; committed
 * rows are written out and forgotten, so only the file's bytes are held.
 */
export async function writeWorkbook(sheets: readonly SheetSpec[], at: Date): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '归乡';
  wb.created = at;
  wb.modified = at;
  const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  for (const spec of sheets) {
    // Printed for the files: landscape, as wide as the page, the header on every page.
    const ws = wb.addWorksheet(spec.name, {
      views: [{ state: 'frozen', ySplit: 2 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.pageSetup.printTitlesRow = '1:2';
    ws.columns = spec.widths.map((width) => ({ width }));
    const title = ws.addRow([spec.title]);
    ws.mergeCells(1, 1, 1, spec.header.length);
    title.font = { bold: true, size: 14 };
    title.height = 24;
    title.commit();
    const head = ws.addRow(spec.header);
    head.eachCell((c) => {
      c.font = { bold: true };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = border;
    });
    head.commit();
    ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: spec.header.length } };
    let i = 0;
    for (const cells of spec.rows) {
      const row = ws.addRow(cells);
      for (let col = 1; col <= spec.header.length; col++) {
        const c = row.getCell(col);
        c.border = border;
        c.alignment = { vertical: 'top', wrapText: true };
      }
      if (spec.totalRow && i === spec.rows.length - 1) row.font = { bold: true };
      row.commit();
      i += 1;
    }
    if (spec.rows.length === 0 && spec.empty) ws.addRow([spec.empty]).commit();
    ws.commit();
  }
  await wb.commit();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
