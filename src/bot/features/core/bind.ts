import { bindChatStatement } from '../../../db/repo/chats.js';
import { endConversationStatement } from '../../../db/repo/conversations.js';
import { findRegions, getRegion } from '../../../db/repo/regions.js';
import { mayUseIn } from '../../../domain/access.js';
import { msg } from '../../../domain/messages.js';
import { chatPurposeFor, PURPOSE_WORDS, type WantedPurpose } from '../../../domain/regions/purpose.js';
import type { Region } from '../../../domain/types.js';
import { reply, replyPlan, type ButtonHandler, type CommandHandler, type ConversationHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { startConversationStatement } from '../../engine/conversation.js';
import { actorLabel } from './where.js';

const MAX_CHOICES = 8;

type Wanted = WantedPurpose;

export const bind: CommandHandler = async (ctx, args) => {
  const words = args.split(/\s+/u).filter(Boolean);
  const last = words[words.length - 1];
  const wanted: Wanted = last && PURPOSE_WORDS[last] ? PURPOSE_WORDS[last]! : null;
  if (wanted) words.pop();
  const query = words.join('');
  if (!query) return replyPlan(ctx, msg.bindUsage);
  if (!ctx.actor.roles.some((r) => r.role === 'admin' || r.role === 'county_station' || r.role === 'township_station')) {
    return replyPlan(ctx, msg.forbidden('bind'));
  }
  const found = await findRegions(ctx.db, query, 50);
  if (found.length === 0) return replyPlan(ctx, msg.bindNotFound(query));
  // Only offer places the sender may bind; a station never sees villages outside its area.
  const allowed = found.filter((r) => mayUseIn('bind', ctx.actor.roles, r));
  if (allowed.length === 0) return replyPlan(ctx, msg.outOfScope(found[0]!.fullName));
  if (allowed.length === 1) return bindTo(ctx, allowed[0]!, wanted);
  if (allowed.length > MAX_CHOICES) return replyPlan(ctx, msg.bindTooMany(query, allowed.length));
  return {
    statements: [startConversationStatement(ctx, 'bind-choice', { options: allowed.map((r) => r.code), wanted })],
    messages: [
      reply(ctx, msg.bindChoose(query, allowed), {
        buttons: allowed.map((r, i) => [{ label: `${i + 1}. ${r.fullName}`, value: `bind:${r.code}:${wanted ?? ''}` }]),
      }),
    ],
  };
};

async function bindTo(ctx: HandlerContext, region: Region, wanted: Wanted): Promise<Plan> {
  if (!mayUseIn('bind', ctx.actor.roles, region)) return replyPlan(ctx, msg.outOfScope(region.fullName));
  // Moving a chat takes it away from where it is bound now, so that place must be the sender's too.
  const current = ctx.region;
  if (current && !mayUseIn('bind', ctx.actor.roles, current)) return replyPlan(ctx, msg.bindCurrentOutOfScope(current.fullName));
  const purpose = chatPurposeFor(region.level, wanted);
  if (!purpose) return replyPlan(ctx, msg.bindCouncilNeedsVillage);
  const rebound = Boolean(ctx.chat?.regionCode);
  return {
    statements: [
      bindChatStatement(
        ctx.db,
        ctx.event.chat,
        { regionCode: region.code, purpose, boundBy: actorLabel(ctx), title: ctx.event.chat.title ?? null },
        ctx.now.getTime(),
      ),
    ],
    messages: [reply(ctx, msg.bound(region, purpose, rebound))],
  };
}

export const continueBindChoice: ConversationHandler = async (ctx, text, data) => {
  const { options, wanted } = data as { options: string[]; wanted: Wanted };
  const n = Number.parseInt(text.replace(/[^\d]/gu, ''), 10);
  if (!Number.isInteger(n) || n < 1 || n > options.length) return replyPlan(ctx, msg.choiceInvalid(options.length));
  const region = await getRegion(ctx.db, options[n - 1]!);
  if (!region) return replyPlan(ctx, msg.bindNotFound(text));
  const plan = await bindTo(ctx, region, wanted);
  plan.statements.unshift(endConversationStatement(ctx.db, ctx.event.chat.platform, ctx.event.chat.chatId, ctx.event.sender.userId));
  return plan;
};

export const bindButton: ButtonHandler = async (ctx, [code, wanted]) => {
  const region = code ? await getRegion(ctx.db, code) : null;
  if (!region) return { statements: [], messages: [], toast: msg.buttonExpired };
  if (!ctx.actor.roles.some((r) => r.role === 'admin' || r.role === 'county_station' || r.role === 'township_station')) {
    return { statements: [], messages: [], toast: msg.forbidden('bind') };
  }
  const plan = await bindTo(ctx, region, (wanted || null) as Wanted);
  plan.statements.unshift(endConversationStatement(ctx.db, ctx.event.chat.platform, ctx.event.chat.chatId, ctx.event.sender.userId));
  plan.toast = msg.done;
  return plan;
};
