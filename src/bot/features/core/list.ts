import { countRecords, villageRecords } from '../../../db/repo/records.js';
import { KIND_LABELS, msg } from '../../../domain/messages.js';
import { formatMonthDay } from '../../../domain/time.js';
import { RECORD_KINDS, type RecordKind, type Region } from '../../../domain/types.js';
import { replyPlan, type ButtonHandler, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { villageOfChat } from './where.js';

export const PAGE_SIZE = 10;

const KIND_BY_WORD = new Map<string, RecordKind>(
  RECORD_KINDS.flatMap((k) => [
    [KIND_LABELS[k], k],
    [k, k],
  ]),
);

/** 「清单 全部」: all lists of the village at once (问题清单, 建议清单, 实事清单). */
const ALL_WORDS = new Set(['全部', '三张', '总览']);

/**
 * A richer page for some lists (statuses with links and seconds); `all` is 「清单 全部」.
 * Returning null leaves the plain page.
 */
export type ListExtension = (ctx: HandlerContext, village: Region, kind: RecordKind | 'all', page: number) => Promise<Plan | null>;

export function createList(extend?: ListExtension): { list: CommandHandler; listButton: ButtonHandler } {
  const list: CommandHandler = async (ctx, args) => {
    const words = args.split(/\s+/u).filter(Boolean);
    let kind: RecordKind | 'all' = 'suggestion';
    let page = 1;
    for (const w of words) {
      const k = KIND_BY_WORD.get(w.replace(/清单$/u, ''));
      if (k) kind = k;
      else if (ALL_WORDS.has(w.replace(/清单$/u, ''))) kind = 'all';
      else if (/^\d+$/u.test(w)) page = Number(w);
      else return replyPlan(ctx, msg.listUsage);
    }
    return listPage(ctx, kind, page, extend);
  };
  const listButton: ButtonHandler = async (ctx, [kind, page]) => {
    if (!kind || !RECORD_KINDS.includes(kind as RecordKind) || !page) return { statements: [], messages: [], toast: msg.buttonExpired };
    const plan = await listPage(ctx, kind as RecordKind, Number(page), extend);
    return { ...plan, toast: `第 ${page} 页` };
  };
  return { list, listButton };
}


async function listPage(ctx: HandlerContext, wanted: RecordKind | 'all', page: number, extend?: ListExtension): Promise<Plan> {
  const where = await villageOfChat(ctx);
  if (!where.ok) return where.plan;
  const village = where.value;
  const extended = extend ? await extend(ctx, village, wanted, page) : null;
  if (extended) return extended;
  const kind = wanted === 'all' ? 'suggestion' : wanted;
  const total = await countRecords(ctx.db, village.code, kind);
  if (total === 0) return replyPlan(ctx, msg.listEmpty(kind, village.fullName));
  const pages = Math.ceil(total / PAGE_SIZE);
  if (page < 1 || page > pages) return replyPlan(ctx, msg.listPageOut(pages));
  const rows = await villageRecords(ctx.db, village.code, kind, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  const items = rows.map((r) => ({ ...r, date: formatMonthDay(new Date(r.createdAt), ctx.timeZone) }));
  const nav = [];
  if (page > 1) nav.push({ label: '上一页', value: `list:${kind}:${page - 1}` });
  if (page < pages) nav.push({ label: '下一页', value: `list:${kind}:${page + 1}` });
  return replyPlan(ctx, msg.listPage(kind, village.fullName, total, page, pages, items), nav.length ? { buttons: [nav] } : {});
}
