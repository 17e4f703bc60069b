import { countRecords } from '../../../db/repo/records.js';
import { getRecordById, latestDecisions, linksOf, secondCounts, statusCounts, type LinkView } from '../../../db/repo/suggestions.js';
import { villageRecords } from '../../../db/repo/records.js';
import { problemCasesOf } from '../../../db/repo/problems.js';
import { msg } from '../../../domain/messages.js';
import { isOverdue, px, WORKING_STATUSES } from '../../../domain/problems/index.js';
import { civilDateOf, dateKey } from '../../../domain/zoned-time.js';
import { sx, type ListItem } from '../../../domain/suggestions/messages.js';
import { readTags } from '../../../domain/suggestions/index.js';
import { formatMonthDay } from '../../../domain/time.js';
import type { RecordKind, Region } from '../../../domain/types.js';
import { replyPlan, type HandlerContext, type Plan } from '../../engine/context.js';
import { PAGE_SIZE, type ListExtension } from '../core/list.js';

/** The three lists the programme keeps per village, in the order the stations read them. */
const THREE: readonly RecordKind[] = ['problem', 'suggestion', 'deed'];
const OVERVIEW_ITEMS = 5;
// Status order inside a list's summary line: what needs attention first.
const STATUS_ORDER = ['pending', 'voting', 'open', 'assigned', 'in_progress', 'adopted', 'forwarded', 'resolved', 'confirmed', 'done', 'rejected', 'merged', 'recorded'];

/**
 * 「清单 全部」 shows 问题清单, 建议清单 and 实事清单 together; the pages of suggestions, deeds,
 * problems and rule proposals gain who backed an item and what answers what.
 */
export const threeLists: ListExtension = async (ctx, village, kind, page) => {
  if (kind === 'all') return overview(ctx, village);
  if (kind === 'visit') return null;
  return pageWithNotes(ctx, village, kind, page);
};

async function overview(ctx: HandlerContext, village: Region): Promise<Plan> {
  const lines = [sx.listTitle(village.fullName)];
  for (const kind of THREE) {
    const counts = await statusCounts(ctx.db, village.code, kind);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const ordered = [...counts.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
    lines.push(sx.listSection(kind, total, ordered));
    if (total === 0) {
      lines.push(sx.listNone);
      continue;
    }
    const items = await itemsOf(ctx, village, kind, OVERVIEW_ITEMS, 0, true);
    lines.push(...items.map(sx.listItem));
    if (total > items.length) lines.push(sx.listMore(kind, items.length, total));
  }
  return replyPlan(ctx, lines.join('\n'));
}

async function pageWithNotes(ctx: HandlerContext, village: Region, kind: RecordKind, page: number): Promise<Plan> {
  const total = await countRecords(ctx.db, village.code, kind);
  if (total === 0) return replyPlan(ctx, msg.listEmpty(kind, village.fullName));
  const pages = Math.ceil(total / PAGE_SIZE);
  if (page < 1 || page > pages) return replyPlan(ctx, msg.listPageOut(pages));
  const items = await itemsOf(ctx, village, kind, PAGE_SIZE, (page - 1) * PAGE_SIZE, false);
  const nav = [];
  if (page > 1) nav.push({ label: '上一页', value: `list:${kind}:${page - 1}` });
  if (page < pages) nav.push({ label: '下一页', value: `list:${kind}:${page + 1}` });
  const text = [sx.pageHead(kind, village.fullName, total, page, pages), ...items.map(sx.listItem)].join('\n');
  return replyPlan(ctx, text, nav.length ? { buttons: [nav] } : {});
}

async function itemsOf(ctx: HandlerContext, village: Region, kind: RecordKind, limit: number, offset: number, withTags: boolean): Promise<ListItem[]> {
  const rows = await villageRecords(ctx.db, village.code, kind, limit, offset);
  const ids = rows.map((r) => r.id);
  const [seconds, links, merges, cases] = await Promise.all([
    kind === 'suggestion' ? secondCounts(ctx.db, ids) : Promise.resolve(new Map<string, number>()),
    linksOf(ctx.db, ids),
    kind === 'suggestion' ? mergedInto(ctx, rows.filter((r) => r.status === 'merged').map((r) => r.id)) : Promise.resolve(new Map<string, number>()),
    kind === 'problem' ? problemNotes(ctx, rows) : Promise.resolve(new Map<string, string>()),
  ]);
  return rows.map((r) => {
    const notes: string[] = [];
    const n = seconds.get(r.id);
    if (n) notes.push(sx.noteSeconds(n));
    const into = merges.get(r.id);
    if (into !== undefined) notes.push(sx.noteMerged(into));
    notes.push(...linkNotes(r.id, links));
    const owner = cases.get(r.id);
    if (owner) notes.push(owner);
    if (withTags && (kind === 'suggestion' || kind === 'problem')) notes.push(...readTags(r.category));
    return { kind, seq: r.seq, text: r.text, status: r.status, author: r.author, date: formatMonthDay(new Date(r.createdAt), ctx.timeZone), notes };
  });
}

/** Who is handling each problem still being worked on, and by when. */
async function problemNotes(ctx: HandlerContext, rows: readonly { id: string; status: string }[]): Promise<Map<string, string>> {
  const working = rows.filter((r) => WORKING_STATUSES.includes(r.status));
  const today = dateKey(civilDateOf(ctx.now, ctx.timeZone));
  const status = new Map(working.map((r) => [r.id, r.status]));
  const cases = await problemCasesOf(ctx.db, working.map((r) => r.id));
  // Nobody is named as late in a group: 超期 beside a name shows only in a private chat.
  const inPrivate = ctx.event.chat.type === 'private';
  return new Map(cases.map((c) => [c.recordId, px.listNote(c.owner, c.deadline, inPrivate && isOverdue(status.get(c.recordId)!, c.deadline, today))]));
}

function linkNotes(id: string, links: readonly LinkView[]): string[] {
  const out: string[] = [];
  for (const l of links) {
    if (l.fromId === id) out.push(sx.noteLink(l.toKind, l.toSeq, 'answers'));
    else if (l.toId === id) out.push(sx.noteLink(l.fromKind, l.fromSeq, 'answeredBy'));
  }
  return out;
}

async function mergedInto(ctx: HandlerContext, ids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const decisions = await latestDecisions(ctx.db, ids);
  for (const [id, h] of decisions) {
    if (h.action !== 'merge' || !h.relatedRecordId) continue;
    const target = await getRecordById(ctx.db, h.relatedRecordId);
    if (target) out.set(id, target.seq);
  }
  return out;
}

function rank(status: string): number {
  const i = STATUS_ORDER.indexOf(status);
  return i < 0 ? STATUS_ORDER.length : i;
}
