import { sx } from './messages.js';

/**
 * The forwarding document (转交单) for the planning technical unit, as a format-free model: a
 * title, paragraphs and one table. A writer turns it into .docx; tests read it back.
 */
export interface ForwardItem {
  seq: number;
  text: string;
  tags: readonly string[];
  author: string;
  workUnit: string | null;
  seconds: number;
  adoptedOn: string;
  comment: string | null;
}

export interface DocumentModel {
  title: string;
  before: string[];
  table: { header: string[]; rows: string[][]; widths: number[] };
  after: string[];
}

/** Relative column widths: the suggestion text takes most of a landscape page. */
const WIDTHS = [5, 8, 37, 9, 7, 12, 5, 8, 14];

export function forwardDocument(village: string, items: readonly ForwardItem[], date: string, by: string): DocumentModel {
  return {
    title: sx.docTitle(village),
    before: [sx.docTo, sx.docIntro(village, items.length)],
    table: {
      header: [...sx.docHeader],
      rows: items.map((it, i) => [
        String(i + 1),
        `建议#${it.seq}`,
        it.text,
        it.tags.join('、'),
        it.author,
        it.workUnit ?? '',
        String(it.seconds),
        it.adoptedOn,
        it.comment ?? '',
      ]),
      widths: WIDTHS,
    },
    after: [sx.docFooter(date, by)],
  };
}
