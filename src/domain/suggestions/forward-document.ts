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
  /** The meeting that voted it through, when one did. */
  meeting: AdoptingMeeting | null;
}

export interface AdoptingMeeting {
  /** 会议#N */
  seq: number;
  kind: string;
  date: string;
  /** Members due to attend (应到: party members or representatives) and present (实到). */
  expected: number;
  present: number;
  yes: number;
  no: number;
  abstain: number;
}

/** Who issues the document: the village's township station, with a contact; the unit it goes to. */
export interface ForwardIssuer {
  station: string;
  contact: string;
  phone: string | null;
  unit: string | null;
}

export interface DocumentModel {
  title: string;
  before: string[];
  table: { header: string[]; rows: string[][]; widths: number[] };
  after: string[];
}

/** Relative column widths: the suggestion text takes most of a landscape page. */
const WIDTHS = [4, 7, 30, 8, 6, 10, 4, 8, 16, 11];

export function forwardDocument(village: string, items: readonly ForwardItem[], date: string, issuer: ForwardIssuer): DocumentModel {
  return {
    title: sx.docTitle(village),
    before: [sx.docTo(issuer.unit), sx.docIntro(village, items.length)],
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
        it.meeting ? sx.docMeeting(it.meeting) : sx.docNoMeeting,
        it.comment ?? '',
      ]),
      widths: WIDTHS,
    },
    after: sx.docFooter(date, issuer),
  };
}
