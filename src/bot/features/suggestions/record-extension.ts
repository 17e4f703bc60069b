import { chatsForRegion } from '../../../db/repo/chats.js';
import { getRecordBySeq } from '../../../db/repo/records.js';
import { comparableSuggestions, linkStatement, secondCounts } from '../../../db/repo/suggestions.js';
import type { Statement } from '../../../db/store.js';
import { sx } from '../../../domain/suggestions/messages.js';
import { autoTags, formatTags, linkableKinds, mostSimilar, parseLinks, Readings } from '../../../domain/suggestions/index.js';
import type { OutMessage } from '../../../domain/types.js';
import { replyPlan, type HandlerContext } from '../../engine/context.js';
import { startConversationStatement } from '../../engine/conversation.js';
import type { RecordAddition, RecordDraft, RecordExtension } from '../core/record.js';
import { deedAnswersProblem } from '../problems/link.js';

/** Earlier suggestions as read for comparison, kept for the process: each is read once, not once per new suggestion of its village. */
const readings = new Readings();

/** Conversation holding a suggestion not yet filed while its author looks at similar ones. */
export const DRAFT_CONVERSATION = 'suggest-similar';

/**
 * Takes part in saving records: category tags for suggestions and problems, similar earlier
 * suggestions before a new one is filed (unless `checkSimilar` is off: the author chose to file
 * anyway), review buttons for the council, and the suggestion or problem a deed or rule answers.
 */
export function createRecordExtension(options: { checkSimilar: boolean }): RecordExtension {
  return async (ctx, draft) => {
    switch (draft.kind) {
      case 'suggestion':
        return suggestion(ctx, draft, options.checkSimilar);
      case 'problem':
        return { category: formatTags(autoTags(draft.text)) };
      case 'deed':
      case 'rule':
        return links(ctx, draft);
      case 'visit':
        return {};
    }
  };
}

async function suggestion(ctx: HandlerContext, draft: RecordDraft, checkSimilar: boolean): Promise<RecordAddition> {
  const tags = autoTags(draft.text);
  // A photo without words has nothing to compare.
  if (checkSimilar && !draft.hasEvidence) {
    const similar = mostSimilar(draft.text, await comparableSuggestions(ctx.db, draft.village.code), readings);
    if (similar.length > 0) {
      const counts = await secondCounts(ctx.db, similar.map((s) => s.id));
      const plan = replyPlan(ctx, sx.similarFound(similar.map((s) => ({ ...s, seconds: counts.get(s.id) ?? 0 }))), {
        buttons: [...similar.map((s) => [{ label: sx.secondButton(s.seq), value: `second:${s.seq}` }]), [{ label: sx.submitAnyway, value: 'suggest-anyway' }]],
      });
      plan.statements.push(
        startConversationStatement(ctx, DRAFT_CONVERSATION, draft.anonymous ? { text: draft.text, anonymous: true } : { text: draft.text }),
      );
      return { answer: plan };
    }
  }
  const messages: OutMessage[] = [];
  const here = ctx.event.chat;
  for (const chat of await chatsForRegion(ctx.db, draft.village.code, 'council')) {
    if (chat.platform === here.platform && chat.chatId === here.chatId) continue;
    messages.push({
      to: { platform: chat.platform as OutMessage['to']['platform'], chatId: chat.chatId, threadId: chat.threadId },
      text: sx.newSuggestionNotice(draft.seq, draft.village.fullName, draft.text, tags),
      buttons: [
        [
          { label: sx.reviewButtons.adopt, value: `review:${draft.seq}:adopt` },
          { label: sx.reviewButtons.reject, value: `review:${draft.seq}:reject` },
        ],
      ],
    });
  }
  return { category: formatTags(tags), messages };
}

/**
 * 「实事 … 回应问题#3」, 「村规 … 来自建议#5」: links to what a deed or rule answers. What a deed
 * does to a problem (closing it, or telling its owner) is the problems feature's. Bad references save nothing.
 */
async function links(ctx: HandlerContext, draft: RecordDraft): Promise<RecordAddition> {
  const refs = parseLinks(draft.text);
  const statements: Statement[] = [];
  const lines: string[] = [];
  const messages: OutMessage[] = [];
  for (const ref of refs) {
    if (!linkableKinds(draft.kind).includes(ref.kind)) return { answer: replyPlan(ctx, sx.linkWrongKind(draft.kind)) };
    const target = await getRecordBySeq(ctx.db, ref.kind, ref.seq);
    if (!target) return { answer: replyPlan(ctx, sx.linkNotFound(ref.kind, ref.seq)) };
    if (target.regionCode !== draft.village.code) return { answer: replyPlan(ctx, sx.linkOtherVillage(ref.kind, ref.seq)) };
    statements.push(linkStatement(ctx.db, draft.recordId, target.id, ctx.now.getTime()));
    if (draft.kind === 'deed' && target.kind === 'problem') {
      const answered = await deedAnswersProblem(ctx, draft, target);
      statements.push(...answered.statements);
      messages.push(...answered.messages);
      lines.push(answered.line);
      continue;
    }
    lines.push(sx.linkedLine(ref.kind, ref.seq, false));
  }
  return { statements, lines, messages };
}
