import { secondersOf, secondStatement, setCategoryStatement, setStatusStatement } from '../../../db/repo/suggestions.js';
import type { RecordRow } from '../../../db/repo/records.js';
import type { Statement } from '../../../db/store.js';
import { msg } from '../../../domain/messages.js';
import { ANONYMOUS_LABEL } from '../../../domain/anonymous.js';
import { sx } from '../../../domain/suggestions/messages.js';
import { CATEGORIES, decide, formatTags, parseReview, parseTags, readTags, type Decision } from '../../../domain/suggestions/index.js';
import type { OutMessage, Platform, Region } from '../../../domain/types.js';
import { reply, replyPlan, type ButtonHandler, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { actorName, historyStatement, inScope, mergeTarget, suggestionWithVillage } from './workflow.js';
import { chatsForRegion, getChat } from '../../../db/repo/chats.js';
import { planningUnitOf } from '../../../db/repo/regions.js';
import { getPerson } from '../../../db/repo/people.js';

export const reviewCommand: CommandHandler = async (ctx, args) => {
  const parsed = parseReview(args);
  if (!parsed.ok) return replyPlan(ctx, parsed.why === 'merge_target' ? sx.mergeTargetMissing : sx.reviewUsage);
  const req = parsed.request;
  const found = await suggestionWithVillage(ctx, req.seq);
  if (!found) return replyPlan(ctx, sx.suggestionNotFound(req.seq));
  const scope = inScope(ctx, 'review', found.village);
  if (!scope.ok) return scope.plan;
  if (req.action === 'tag') return retag(ctx, found.record, req.tags);
  return decideOn(ctx, found.record, found.village, req.decision, req.decision === 'merge' ? req.into : null, req.comment);
};

/** 采纳 / 不采纳 under a new suggestion's notice in the council chat. */
export const reviewButton: ButtonHandler = async (ctx, [n, d]) => {
  const seq = Number(n);
  const decision = d === 'adopt' || d === 'reject' ? d : null;
  if (!Number.isSafeInteger(seq) || !decision) return { statements: [], messages: [], toast: msg.buttonExpired };
  const found = await suggestionWithVillage(ctx, seq);
  if (!found) return { statements: [], messages: [], toast: sx.suggestionNotFound(seq) };
  const scope = inScope(ctx, 'review', found.village);
  const plan = scope.ok ? await decideOn(ctx, found.record, found.village, decision, null, null) : scope.plan;
  // A refusal is only a toast: a button press should not clutter the group.
  if (plan.statements.length === 0) return { statements: [], messages: [], toast: plan.messages[0]?.text ?? msg.buttonExpired };
  return { ...plan, toast: msg.done };
};

/** 公示 of one suggestion forwarded by review, in the village's groups; an anonymous author is not named. */
async function forwardNotices(ctx: HandlerContext, record: RecordRow, village: Region): Promise<OutMessage[]> {
  const author = record.anonymous === 1 ? ANONYMOUS_LABEL : ((await getPerson(ctx.db, record.personId))?.name ?? ANONYMOUS_LABEL);
  const text = sx.forwardNotice(village.fullName, await planningUnitOf(ctx.db, village.code), [{ seq: record.seq, text: record.text, author }]);
  return (await chatsForRegion(ctx.db, village.code, 'village')).map((c) => ({
    to: { platform: c.platform as Platform, chatId: c.chatId, threadId: c.threadId },
    text,
    key: `forward:${ctx.event.platform}:${ctx.event.eventId}:notice:${c.platform}:${c.chatId}`,
  }));
}

async function decideOn(ctx: HandlerContext, record: RecordRow, village: Region, decision: Decision, into: number | null, comment: string | null): Promise<Plan> {
  const seq = record.seq;
  const outcome = decide(record.status, decision);
  if (!outcome.ok) return replyPlan(ctx, sx.reviewRefused(seq, decision, outcome.why, record.status));
  const at = ctx.now.getTime();
  const statements: Statement[] = [];
  let target: RecordRow | null = null;
  if (decision === 'merge' && into !== null) {
    if (into === seq) return replyPlan(ctx, sx.mergeSelf);
    const found = await suggestionWithVillage(ctx, into);
    if (!found) return replyPlan(ctx, sx.suggestionNotFound(into));
    if (found.record.regionCode !== village.code) return replyPlan(ctx, sx.mergeOtherVillage(into));
    if (found.record.status === 'merged') {
      const final = await mergeTarget(ctx, found.record);
      return replyPlan(ctx, sx.mergeIntoMerged(into, final?.seq ?? into));
    }
    target = found.record;
    // Whoever backed the merged suggestion, its author included, now backs the one it joined.
    const backers = [record.personId, ...(await secondersOf(ctx.db, record.id))].filter((p) => p !== target!.personId);
    for (const personId of new Set(backers)) statements.push(secondStatement(ctx.db, { recordId: target.id, personId, eventId: ctx.event.eventId, at }));
  }
  statements.unshift(
    setStatusStatement(ctx.db, record.id, outcome.to, at),
    ...(await historyStatement(ctx, record.id, { action: decision, fromStatus: record.status, toStatus: outcome.to, relatedRecordId: target?.id ?? null, comment })),
  );
  const extra = { comment, reviewer: actorName(ctx), ...(target ? { into: target.seq } : {}) };
  const messages: OutMessage[] = [reply(ctx, sx.reviewed(seq, decision, extra))];
  if (decision === 'forward') messages.push(...(await forwardNotices(ctx, record, village)));
  const here = ctx.event.chat;
  if (record.platform !== here.platform || record.chatId !== here.chatId) {
    const [author, chat] = await Promise.all([getPerson(ctx.db, record.personId), getChat(ctx.db, record.platform as Platform, record.chatId)]);
    // A chat the bot was removed from gets nothing; its topic (forum thread) is kept.
    if (chat && !chat.active) return { statements, messages };
    messages.push({
      to: { platform: record.platform as Platform, chatId: record.chatId, threadId: chat?.threadId ?? null },
      // Told where it was filed: an anonymous author is not named there.
      text: sx.authorNotice(seq, decision, { ...extra, author: record.anonymous === 1 ? ANONYMOUS_LABEL : (author?.name ?? '') }),
    });
  }
  return { statements, messages };
}

async function retag(ctx: HandlerContext, record: RecordRow, words: string): Promise<Plan> {
  const { tags, unknown } = parseTags(words);
  if (unknown.length > 0) return replyPlan(ctx, sx.tagsUnknown(unknown, CATEGORIES));
  const before = readTags(record.category);
  if (formatTags(before) === formatTags(tags)) return replyPlan(ctx, sx.tagsSame(record.seq, tags));
  const at = ctx.now.getTime();
  return {
    statements: [
      setCategoryStatement(ctx.db, record.id, formatTags(tags), at),
      ...(await historyStatement(ctx, record.id, { action: 'tag', fromTags: record.category ?? null, toTags: formatTags(tags) })),
    ],
    messages: [reply(ctx, sx.tagsUpdated(record.seq, before, tags, actorName(ctx)))],
  };
}
