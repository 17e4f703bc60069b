import { endConversationStatement } from '../../../db/repo/conversations.js';
import { hasSeconded, secondCounts, secondStatement } from '../../../db/repo/suggestions.js';
import { sx } from '../../../domain/suggestions/messages.js';
import { parseSeqArg } from '../../../domain/suggestions/index.js';
import { msg } from '../../../domain/messages.js';
import { replyPlan, type ButtonHandler, type CommandHandler, type ConversationHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { saveRecord, type RecordExtension } from '../core/record.js';
import { cadreVillage } from '../core/where.js';
import { inScope, mergeTarget, suggestionWithVillage } from './workflow.js';
import { DRAFT_CONVERSATION } from './record-extension.js';

async function secondSuggestion(ctx: HandlerContext, seq: number): Promise<Plan> {
  const found = await suggestionWithVillage(ctx, seq);
  if (!found) return replyPlan(ctx, sx.suggestionNotFound(seq));
  const { record, village } = found;
  const scope = inScope(ctx, 'second', village);
  if (!scope.ok) return scope.plan;
  const person = ctx.actor.person;
  if (!person) return replyPlan(ctx, msg.notCadre);
  if (record.status === 'merged') {
    const target = await mergeTarget(ctx, record);
    if (target) return replyPlan(ctx, sx.secondMerged(seq, target.seq));
  }
  if (record.personId === person.id) return replyPlan(ctx, sx.secondOwn(seq));
  if (await hasSeconded(ctx.db, record.id, person.id)) return replyPlan(ctx, sx.alreadySeconded(seq));
  const count = ((await secondCounts(ctx.db, [record.id])).get(record.id) ?? 0) + 1;
  const plan = replyPlan(ctx, sx.seconded(seq, count));
  plan.statements.push(secondStatement(ctx.db, { recordId: record.id, personId: person.id, eventId: ctx.event.eventId, at: ctx.now.getTime() }));
  return plan;
}

export const secondCommand: CommandHandler = async (ctx, args) => {
  const seq = parseSeqArg(args, '建议');
  if (seq === null) return replyPlan(ctx, sx.secondUsage);
  return secondSuggestion(ctx, seq);
};

/** Pressed under the similar-suggestions hint: backing the earlier one also drops the draft. */
export const secondButton: ButtonHandler = async (ctx, [n]) => {
  const seq = parseSeqArg(n ?? '', '');
  if (seq === null) return { statements: [], messages: [], toast: msg.buttonExpired };
  const plan = await secondSuggestion(ctx, seq);
  // A refusal is only a toast: a button press should not clutter the group.
  if (plan.statements.length === 0) return { statements: [], messages: [], toast: plan.messages[0]?.text ?? msg.buttonExpired };
  if (ctx.conversation?.kind === DRAFT_CONVERSATION) {
    const { platform, chatId } = ctx.event.chat;
    plan.statements.unshift(endConversationStatement(ctx.db, platform, chatId, ctx.event.sender.userId));
  }
  return { ...plan, toast: plan.messages[0]?.text ?? msg.done };
};

type Draft = { text: string; anonymous?: boolean };

function draftOf(ctx: HandlerContext): Draft | null {
  const conv = ctx.conversation;
  if (!conv || conv.kind !== DRAFT_CONVERSATION || conv.expiresAt <= ctx.now.getTime()) return null;
  return JSON.parse(conv.data) as Draft;
}

/** The author saw the similar suggestions and files theirs anyway. */
export function createSubmitAnyway(fileAnyway: RecordExtension): { button: ButtonHandler; conversation: ConversationHandler } {
  async function submit(ctx: HandlerContext, draft: Draft): Promise<Plan> {
    const where = await cadreVillage(ctx);
    if (!where.ok) return where.plan;
    const plan = await saveRecord(ctx, where.value, 'suggestion', draft.text, fileAnyway, { anonymous: draft.anonymous === true });
    const { platform, chatId } = ctx.event.chat;
    plan.statements.unshift(endConversationStatement(ctx.db, platform, chatId, ctx.event.sender.userId));
    return plan;
  }
  return {
    button: async (ctx) => {
      const draft = draftOf(ctx);
      if (draft === null) return { statements: [], messages: [], toast: sx.draftGone };
      return { ...(await submit(ctx, draft)), toast: msg.done };
    },
    conversation: async (ctx, text, data) => {
      if (text === '提交' || text === sx.submitAnyway) return submit(ctx, data as Draft);
      return replyPlan(ctx, sx.draftHint);
    },
  };
}
