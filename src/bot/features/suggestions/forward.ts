import { adoptingVotes, type AdoptingVote } from '../../../db/repo/meetings.js';
import { getPerson } from '../../../db/repo/people.js';
import { MEETING_KIND_LABELS } from '../../../domain/meetings/kinds.js';
import type { AdoptingMeeting, ForwardIssuer } from '../../../domain/suggestions/forward-document.js';
import { findRegions, getRegion, planningUnitOf } from '../../../db/repo/regions.js';
import { adoptedSuggestions, historyOf, secondCounts, setStatusStatement } from '../../../db/repo/suggestions.js';
import type { Statement } from '../../../db/store.js';
import { msg } from '../../../domain/messages.js';
import { sx } from '../../../domain/suggestions/messages.js';
import { forwardDocument, readTags } from '../../../domain/suggestions/index.js';
import { formatDateTime } from '../../../domain/time.js';
import type { OutMessage, Platform, Region } from '../../../domain/types.js';
import { chatsForRegion } from '../../../db/repo/chats.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext } from '../../engine/context.js';
import type { Resolved } from '../core/where.js';
import { actorName, historyStatement, inScope } from './workflow.js';
import { renderDocx } from './docx.js';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function formatDate(at: Date | number, timeZone: string): string {
  return formatDateTime(new Date(at), timeZone).slice(0, 10);
}

/** The village meant: the chat's own village, or one named in the arguments within the sender's area. */
async function villageFor(ctx: HandlerContext, args: string): Promise<Resolved<Region>> {
  const query = args.trim();
  if (!query) {
    if (ctx.region?.level === 'village') return { ok: true, value: ctx.region };
    return { ok: false, plan: replyPlan(ctx, sx.forwardNeedsVillage) };
  }
  const villages = (await findRegions(ctx.db, query, 50)).filter((r) => r.level === 'village');
  if (villages.length === 0) return { ok: false, plan: replyPlan(ctx, msg.bindNotFound(query)) };
  const mine = villages.filter((v) => inScope(ctx, 'forward', v).ok);
  if (mine.length === 0) return inScope(ctx, 'forward', villages[0]!);
  if (mine.length > 1) return { ok: false, plan: replyPlan(ctx, msg.bindTooMany(query, mine.length)) };
  return { ok: true, value: mine[0]! };
}

/**
 * 「转交」: the document of the village's adopted suggestions for the planning technical unit,
 * as a .docx file. Adopted suggestions it carries for the first time become 已转交; ones sent
 * before stay in it, so the latest document is always the complete list.
 */
export const forwardCommand: CommandHandler = async (ctx, args) => {
  const where = await villageFor(ctx, args);
  if (!where.ok) return where.plan;
  const village = where.value;
  const scope = inScope(ctx, 'forward', village);
  if (!scope.ok) return scope.plan;
  const rows = await adoptedSuggestions(ctx.db, village.code);
  if (rows.length === 0) return replyPlan(ctx, sx.forwardNone(village.fullName));
  const ids = rows.map((r) => r.id);
  const [seconds, decisions, votes, issuer] = await Promise.all([secondCounts(ctx.db, ids), adoptionOf(ctx, ids), adoptingVotes(ctx.db, ids), issuerOf(ctx, village)]);
  const today = formatDate(ctx.now, ctx.timeZone);
  const doc = forwardDocument(
    village.fullName,
    rows.map((r) => ({
      seq: r.seq,
      text: r.text,
      tags: readTags(r.category),
      author: r.author,
      workUnit: r.workUnit,
      seconds: seconds.get(r.id) ?? 0,
      adoptedOn: decisions.get(r.id)?.on ?? '',
      comment: decisions.get(r.id)?.comment ?? null,
      meeting: meetingOf(votes.get(r.id), ctx.timeZone),
    })),
    today,
    issuer,
  );
  const statements: Statement[] = [];
  const at = ctx.now.getTime();
  for (const r of rows.filter((x) => x.status === 'adopted')) {
    statements.push(
      setStatusStatement(ctx.db, r.id, 'forwarded', at),
      ...(await historyStatement(ctx, r.id, { action: 'forward', fromStatus: 'adopted', toStatus: 'forwarded', comment: sx.docTitle(village.fullName) })),
    );
  }
  const fresh = rows.filter((x) => x.status === 'adopted');
  const dataBase64 = renderDocx(doc, ctx.now);
  const messages: OutMessage[] = [
    reply(ctx, sx.forwardDone(village.fullName, rows.length, fresh.length), {
      attachment: { fileName: sx.docFileName(village.fullName, today), mime: DOCX_MIME, dataBase64 },
    }),
  ];
  // 公示: the village's groups hear what was forwarded this time (nothing for a document sent again).
  if (fresh.length > 0) {
    const notice = sx.forwardNotice(village.fullName, issuer.unit, fresh);
    for (const c of await chatsForRegion(ctx.db, village.code, 'village')) {
      messages.push({ to: { platform: c.platform as Platform, chatId: c.chatId, threadId: c.threadId }, text: notice, key: `forward:${ctx.event.platform}:${ctx.event.eventId}:notice:${c.platform}:${c.chatId}` });
    }
  }
  return { statements, messages };
};

function meetingOf(v: AdoptingVote | undefined, timeZone: string): AdoptingMeeting | null {
  if (!v) return null;
  return { ...v, kind: v.kind ? MEETING_KIND_LABELS[v.kind] : '会议', date: formatDate(v.startsAt, timeZone) };
}

/**
 * The document is issued by the village's township station (under its seal); the sender is the
 * contact for questions, with the phone on the roster.
 */
async function issuerOf(ctx: HandlerContext, village: Region): Promise<ForwardIssuer> {
  const township = village.parentCode ? await getRegion(ctx.db, village.parentCode) : null;
  const person = ctx.actor.person ? await getPerson(ctx.db, ctx.actor.person.id) : null;
  return {
    station: sx.docStation(township?.fullName ?? village.fullName),
    contact: actorName(ctx),
    phone: person?.phone ?? null,
    unit: await planningUnitOf(ctx.db, village.code),
  };
}

/** When each suggestion was adopted and the reviewer's words, from its history. */
async function adoptionOf(ctx: HandlerContext, ids: readonly string[]): Promise<Map<string, { on: string; comment: string | null }>> {
  const out = new Map<string, { on: string; comment: string | null }>();
  for (const id of ids) {
    const adopt = (await historyOf(ctx.db, id)).filter((h) => h.action === 'adopt').pop();
    // A meeting's adoption carries its figures in their own column; only a reviewer's words are 审核意见.
    if (adopt) out.set(id, { on: formatDate(adopt.at, ctx.timeZone), comment: adopt.actorId.startsWith('meeting:') ? null : adopt.comment });
  }
  return out;
}
