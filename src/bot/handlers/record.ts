import { saveConversationStatement, endConversationStatement } from '../../db/repo/conversations.js';
import { insertRecordStatement, nextRecordSeq } from '../../db/repo/records.js';
import { fiveOnes } from '../../domain/five-ones.js';
import { msg } from '../../domain/messages.js';
import type { RecordKind } from '../../domain/types.js';
import { reply, type CommandHandler, type ConversationHandler, type HandlerContext, type Plan } from '../context.js';
import { progressOf } from './five-ones.js';
import { cadreVillage } from './where.js';

/** A record command with no text waits this long for the text, then forgets. */
export const CONVERSATION_TTL_MS = 10 * 60_000;

const INITIAL_STATUS: Record<RecordKind, string> = {
  suggestion: 'pending',
  deed: 'done',
  visit: 'recorded',
  problem: 'open',
  rule: 'pending',
};

export function recordCommand(kind: RecordKind): CommandHandler {
  return async (ctx, args) => {
    const where = await cadreVillage(ctx);
    if (!where.ok) return where.plan;
    const hasEvidence = ctx.event.payload.type === 'message' && (ctx.event.payload.attachments?.length ?? 0) > 0;
    if (!args.trim() && !hasEvidence) {
      const { platform, chatId } = ctx.event.chat;
      return {
        statements: [
          saveConversationStatement(ctx.db, {
            platform,
            chatId,
            userId: ctx.event.sender.userId,
            kind: 'record',
            data: JSON.stringify({ kind }),
            expiresAt: ctx.now.getTime() + CONVERSATION_TTL_MS,
            updatedAt: ctx.now.getTime(),
          }),
        ],
        messages: [reply(ctx, msg.recordPrompt(kind))],
      };
    }
    return saveRecord(ctx, kind, args.trim() || '（图片）');
  };
}

export const continueRecord: ConversationHandler = async (ctx, text, data) => {
  const kind = (data as { kind: RecordKind }).kind;
  const { platform, chatId } = ctx.event.chat;
  if (!text) return { statements: [], messages: [reply(ctx, msg.empty)] };
  const where = await cadreVillage(ctx);
  if (!where.ok) return where.plan;
  const plan = await saveRecord(ctx, kind, text);
  plan.statements.unshift(endConversationStatement(ctx.db, platform, chatId, ctx.event.sender.userId));
  return plan;
};

async function saveRecord(ctx: HandlerContext, kind: RecordKind, text: string): Promise<Plan> {
  const where = await cadreVillage(ctx);
  if (!where.ok) return where.plan;
  const village = where.value;
  const person = ctx.actor.person!;
  const seq = await nextRecordSeq(ctx.db, kind);
  const at = ctx.now.getTime();
  const attachments = ctx.event.payload.type === 'message' ? ctx.event.payload.attachments ?? [] : [];
  const before = await progressOf(ctx.db, person.id);
  const after = fiveOnes({ ...before.counts, ...(kind !== 'problem' ? { [kind]: before.counts[kind] + 1 } : {}) });
  return {
    statements: [
      insertRecordStatement(ctx.db, {
        id: ctx.newId(),
        kind,
        seq,
        regionCode: village.code,
        personId: person.id,
        text,
        status: INITIAL_STATUS[kind],
        evidence: attachments.length ? JSON.stringify(attachments) : null,
        platform: ctx.event.platform,
        chatId: ctx.event.chat.chatId,
        eventId: ctx.event.eventId,
        createdAt: at,
        updatedAt: at,
      }),
    ],
    messages: [reply(ctx, msg.recordSaved(kind, seq, village.fullName, after))],
  };
}
