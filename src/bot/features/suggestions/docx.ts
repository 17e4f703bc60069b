import { escapeMarkup } from '../../../domain/markup.js';
import type { DocumentModel } from '../../../domain/suggestions/forward-document.js';
import { toBase64, zipStored } from './zip.js';

/**
 * Writes a DocumentModel as a Word .docx (base64): the smallest valid package (content types,
 * one relationship, document.xml). Written by hand because a docx library would pull megabytes
 * (and Node-only modules) into the Workers bundle for one table; Word, WPS and LibreOffice open
 * this package as it is.
 */
export function renderDocx(doc: DocumentModel, at: Date): string {
  const enc = new TextEncoder();
  const bytes = zipStored(
    [
      { name: '[Content_Types].xml', data: enc.encode(CONTENT_TYPES) },
      { name: '_rels/.rels', data: enc.encode(RELS) },
      { name: 'word/document.xml', data: enc.encode(documentXml(doc)) },
    ],
    at,
  );
  return toBase64(bytes);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

// A4 landscape in twentieths of a point, 2 cm margins.
const PAGE = { w: 16838, h: 11906, margin: 1134 };
const FONT = '<w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/>';

/**
 * XML 1.0 cannot hold C0 controls other than tab, newline and carriage return, lone surrogates or
 * U+FFFE/U+FFFF; one of them in a suggestion would make Word refuse the whole 转交单. They carry no
 * meaning in a document people read, so they are dropped rather than escaped.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export function xmlSafe(s: string): string {
  return s.replace(NOT_XML, '');
}

function esc(s: string): string {
  return escapeMarkup(xmlSafe(s));
}

function run(text: string, opts: { bold?: boolean; size?: number } = {}): string {
  const props = `<w:rPr>${FONT}${opts.bold ? '<w:b/>' : ''}<w:sz w:val="${opts.size ?? 24}"/></w:rPr>`;
  // Line breaks inside a cell or paragraph stay line breaks in Word.
  const parts = text.split('\n').map((t) => `<w:t xml:space="preserve">${esc(t)}</w:t>`);
  return `<w:r>${props}${parts.join('<w:br/>')}</w:r>`;
}

function paragraph(text: string, opts: { bold?: boolean; size?: number; align?: 'center' | 'right' } = {}): string {
  const ppr = opts.align ? `<w:pPr><w:jc w:val="${opts.align}"/></w:pPr>` : '';
  return `<w:p>${ppr}${run(text, opts)}</w:p>`;
}

function table(t: DocumentModel['table']): string {
  const usable = PAGE.w - 2 * PAGE.margin;
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((usable * w) / total));
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const borders = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>`;
  const cell = (text: string, i: number, head: boolean) =>
    `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/></w:tcPr>${paragraph(text, { bold: head, size: 21, ...(head ? { align: 'center' as const } : {}) })}</w:tc>`;
  const row = (cells: string[], head: boolean) =>
    `<w:tr>${head ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.map((c, i) => cell(c, i, head)).join('')}</w:tr>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${usable}" w:type="dxa"/>${borders}<w:tblLayout w:type="fixed"/></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    row(t.header, true) +
    t.rows.map((r) => row(r, false)).join('') +
    '</w:tbl>'
  );
}

function documentXml(doc: DocumentModel): string {
  const body = [
    paragraph(doc.title, { bold: true, size: 36, align: 'center' }),
    ...doc.before.map((p) => paragraph(p)),
    table(doc.table),
    ...doc.after.map((p) => paragraph(p, { align: 'right' })),
    `<w:sectPr><w:pgSz w:w="${PAGE.w}" w:h="${PAGE.h}" w:orient="landscape"/>` +
      `<w:pgMar w:top="${PAGE.margin}" w:right="${PAGE.margin}" w:bottom="${PAGE.margin}" w:left="${PAGE.margin}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`,
  ].join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`
  );
}
