import { endConversationStatement } from '../../../db/repo/conversations.js';
import { startConversationStatement } from '../../engine/conversation.js';
import { insertRecordStatement, nextRecordSeq } from '../../../db/repo/records.js';
import { parseAnonymous } from '../../../domain/anonymous.js';
import { fiveOnes } from '../../../domain/five-ones.js';
import { anonymousMsg } from '../../../domain/load-messages.js';
import { peopleWithRole } from '../../../db/repo/people.js';
import { personalMessages, reachOf } from '../../engine/scheduler/recipients.js';
import { msg } from '../../../domain/messages.js';
import type { Statement } from '../../../db/store.js';
import type { Button, OutMessage, RecordKind, Region } from '../../../domain/types.js';
import { reply, type CommandHandler, type ConversationHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { progressOf } from './five-ones.js';
import { cadreVillage } from './where.js';

const INITIAL_STATUS: Record<RecordKind, string> = {
  suggestion: 'pending',
  deed: 'done',
  visit: 'recorded',
  problem: 'open',
  rule: 'pending',
};

/** What a record is about to be, handed to an extension before it is written. */
export interface RecordDraft {
  kind: RecordKind;
  text: string;
  village: Region;
  /** Id and number the record will get, so an extension can write rows pointing at it. */
  recordId: string;
  seq: number;
  hasEvidence: boolean;
  /** An anonymous suggestion: the village sees 匿名, the township station the author. */
  anonymous: boolean;
}

/** An extension either answers instead of saving, or adds to the save. */
export type RecordAddition =
  | { answer: Plan }
  | { category?: string | null; statements?: Statement[]; lines?: string[]; buttons?: Button[][]; messages?: OutMessage[] };

/**
 * A feature taking part in saving a record (category tags, similar earlier suggestions, links to
 * what a deed answers). It runs after the sender and village are checked, before the one write.
 */
export type RecordExtension = (ctx: HandlerContext, draft: RecordDraft) => Promise<RecordAddition>;

export function recordCommand(kind: RecordKind, extend?: RecordExtension): CommandHandler {
  return async (ctx, args) => {
    const where = await cadreVillage(ctx);
    if (!where.ok) return where.plan;
    const hasEvidence = ctx.event.payload.type === 'message' && (ctx.event.payload.attachments?.length ?? 0) > 0;
    const anon = kind === 'suggestion' ? parseAnonymous(args, ctx.event.chat.type === 'private') : { anonymous: false, text: args.trim() };
    if (!anon.text && !hasEvidence) {
      return {
        statements: [
          startConversationStatement(ctx, 'record', anon.anonymous ? { kind, anonymous: true } : { kind }),
        ],
        messages: [reply(ctx, msg.recordPrompt(kind))],
      };
    }
    return saveRecord(ctx, where.value, kind, anon.text || '（图片）', extend, { anonymous: anon.anonymous });
  };
}

export function continueRecordWith(extend?: RecordExtension): ConversationHandler {
  return async (ctx, text, data) => {
    const { kind, anonymous } = data as { kind: RecordKind; anonymous?: boolean };
    const { platform, chatId } = ctx.event.chat;
    if (!text) return { statements: [], messages: [reply(ctx, msg.empty)] };
    const where = await cadreVillage(ctx);
    if (!where.ok) return where.plan;
    const plan = await saveRecord(ctx, where.value, kind, text, extend, { anonymous: anonymous === true });
    plan.statements.unshift(endConversationStatement(ctx.db, platform, chatId, ctx.event.sender.userId));
    return plan;
  };
}


/** Saves a record into a village the caller has checked with `cadreVillage`. */
export async function saveRecord(
  ctx: HandlerContext,
  village: Region,
  kind: RecordKind,
  text: string,
  extend?: RecordExtension,
  options: { anonymous?: boolean } = {},
): Promise<Plan> {
  const anonymous = kind === 'suggestion' && options.anonymous === true;
  const person = ctx.actor.person!;
  const seq = await nextRecordSeq(ctx.db, kind);
  const at = ctx.now.getTime();
  const attachments = ctx.event.payload.type === 'message' ? ctx.event.payload.attachments ?? [] : [];
  const before = await progressOf(ctx.db, person.id, at);
  const after = fiveOnes({ ...before.counts, ...(kind !== 'problem' ? { [kind]: before.counts[kind] + 1 } : {}) });
  const id = ctx.newId();
  const added = extend ? await extend(ctx, { kind, text, village, recordId: id, seq, hasEvidence: attachments.length > 0, anonymous }) : {};
  if ('answer' in added) return added.answer;
  // An anonymous suggestion's reply in a group leaves out the sender's progress: it would tell
  // colleagues whose it is. The station hears the author in private.
  const saved = anonymous ? [msg.recordSaved(kind, seq, village.fullName, after).split('\n')[0]!, anonymousMsg.saved] : [msg.recordSaved(kind, seq, village.fullName, after)];
  if (anonymous && ctx.event.chat.type === 'private') saved.splice(1, 0, ...msg.recordSaved(kind, seq, village.fullName, after).split('\n').slice(1));
  const lines = [...saved, ...(added.lines ?? [])];
  const stationNotes = anonymous ? await authorForStation(ctx, village, seq, text, id) : [];
  return {
    statements: [
      insertRecordStatement(ctx.db, {
        id,
        kind,
        seq,
        regionCode: village.code,
        personId: person.id,
        text,
        status: INITIAL_STATUS[kind],
        evidence: attachments.length ? JSON.stringify(attachments) : null,
        ...(added.category ? { category: added.category } : {}),
        anonymous: anonymous ? 1 : 0,
        platform: ctx.event.platform,
        chatId: ctx.event.chat.chatId,
        eventId: ctx.event.eventId,
        createdAt: at,
        updatedAt: at,
      }),
      ...(added.statements ?? []),
    ],
    messages: [reply(ctx, lines.join('\n'), added.buttons?.length ? { buttons: added.buttons } : {}), ...(added.messages ?? []), ...stationNotes],
  };
}

/** The township station's staff learn who wrote an anonymous suggestion, each in private. */
async function authorForStation(ctx: HandlerContext, village: Region, seq: number, text: string, recordId: string): Promise<OutMessage[]> {
  if (!village.parentCode) return [];
  const staff = (await peopleWithRole(ctx.db, 'township_station', village.parentCode)).map((p) => ({ id: p.id, name: p.name }));
  const author = ctx.actor.person!.name;
  return personalMessages(staff, await reachOf(ctx.db, staff), () => anonymousMsg.authorForStation(seq, village.fullName, author, text), (t) => `anonymous:${recordId}:${t.platform}:${t.chatId}`, [], () => '');
}
