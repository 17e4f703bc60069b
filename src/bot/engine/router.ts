import { endConversationStatement } from '../../db/repo/conversations.js';
import { parseCommand, type CommandName } from '../../domain/commands.js';
import { AppError } from '../../domain/errors.js';
import { claimMsg } from '../../domain/identity/messages.js';
import { MAX_TEXT, msg } from '../../domain/messages.js';
import {
  emptyPlan,
  replyPlan,
  type ButtonHandler,
  type CommandHandler,
  type ConversationHandler,
  type HandlerContext,
  type Plan,
} from './context.js';
import type { Feature } from './feature.js';

export interface Routes {
  commands: Partial<Record<CommandName, CommandHandler>>;
  /** Keyed by the button value's prefix ("approve" for "approve:12"). */
  buttons: Record<string, ButtonHandler>;
  /** Keyed by conversation kind. */
  conversations: Record<string, ConversationHandler>;
  membership?: (ctx: HandlerContext, change: 'bot_added' | 'bot_removed') => Promise<Plan>;
  migrated?: (ctx: HandlerContext, newChatId: string) => Promise<Plan>;
  /**
   * Ordinary text that replies to an earlier bot message (a station answering a relayed
   * question). Returns null when the replied-to message is not one it knows.
   */
  reply?: (ctx: HandlerContext, replyToMessageId: string, text: string) => Promise<Plan | null>;
}

/**
 * The routes of every feature in one table. A command, button prefix or conversation kind that
 * two features register is refused at start-up, naming both: silently letting the later one win
 * once left a feature's handlers unreachable without anyone noticing.
 */
export function mergeRoutes(features: readonly Feature[]): Routes {
  const routes: Routes = { commands: {}, buttons: {}, conversations: {} };
  const owners = new Map<string, string>();
  const claim = (what: string, feature: string) => {
    const earlier = owners.get(what);
    if (earlier) throw new AppError('config', `${what} is registered twice: by features/${earlier} and by features/${feature}`);
    owners.set(what, feature);
  };
  for (const { name, routes: part } of features) {
    for (const [command, handler] of Object.entries(part.commands ?? {})) {
      claim(`command /${command}`, name);
      routes.commands[command as CommandName] = handler;
    }
    for (const [prefix, handler] of Object.entries(part.buttons ?? {})) {
      claim(`button prefix "${prefix}"`, name);
      routes.buttons[prefix] = handler;
    }
    for (const [kind, handler] of Object.entries(part.conversations ?? {})) {
      claim(`conversation kind "${kind}"`, name);
      routes.conversations[kind] = handler;
    }
    if (part.membership) {
      claim('the membership handler', name);
      routes.membership = part.membership;
    }
    if (part.migrated) {
      claim('the chat-migration handler', name);
      routes.migrated = part.migrated;
    }
    if (part.reply) {
      claim('the reply handler', name);
      routes.reply = part.reply;
    }
  }
  return routes;
}

/** Decide what an event means: a command, the next step of a conversation, a button, or nothing. */
export async function route(ctx: HandlerContext, routes: Routes): Promise<Plan> {
  const { payload } = ctx.event;
  switch (payload.type) {
    case 'membership':
      return routes.membership ? routes.membership(ctx, payload.change) : emptyPlan();
    case 'migrated':
      return routes.migrated ? routes.migrated(ctx, payload.newChatId) : emptyPlan();
    case 'button': {
      if (ctx.event.sender.anonymous) return { ...emptyPlan(), toast: claimMsg.anonymous };
      const parts = payload.value.split(':');
      const handler = routes.buttons[parts[0] ?? ''];
      if (!handler) return { ...emptyPlan(), toast: msg.buttonExpired };
      return handler(ctx, parts.slice(1));
    }
    case 'message':
      return routeMessage(ctx, routes, payload.text);
  }
}

async function routeMessage(ctx: HandlerContext, routes: Routes, rawText: string): Promise<Plan> {
  const text = rawText.trim();
  const parsed = parseCommand(text, ctx.botUsername ?? undefined);
  const conv = ctx.conversation && ctx.conversation.expiresAt > ctx.now.getTime() ? ctx.conversation : null;
  const { platform, chatId } = ctx.event.chat;
  const userId = ctx.event.sender.userId;

  if (conv) {
    // Addressed to another bot in the group: not for us, so neither an answer nor a way out.
    if (parsed?.kind === 'other-bot') return emptyPlan();
    const end = endConversationStatement(ctx.db, platform, chatId, userId);
    if (parsed?.kind === 'command' && parsed.name === 'cancel') {
      const plan = replyPlan(ctx, msg.cancelled);
      plan.statements.push(end);
      return plan;
    }
    if (parsed) {
      // A command is never the answer. A new one replaces the half-finished exchange; a mistyped
      // or unknown one gets the reply it gets anywhere else and ends the exchange too, so that
      // "/…" always means the person has turned away from the question (「/helpp」 was once
      // saved as a suggestion).
      const plan =
        parsed.kind === 'unknown' ? replyPlan(ctx, msg.unknownCommand(parsed.typed, parsed.closest)) : await runCommand(ctx, routes, parsed.name, parsed.args);
      plan.statements.unshift(end);
      return plan;
    }
    const handler = routes.conversations[conv.kind];
    if (handler) {
      if (Array.from(text).length > MAX_TEXT) return replyPlan(ctx, msg.tooLong(Array.from(text).length));
      return handler(ctx, text, JSON.parse(conv.data) as unknown);
    }
  }

  const replyTo = ctx.event.payload.type === 'message' ? ctx.event.payload.replyToMessageId : undefined;
  if (!parsed && replyTo && routes.reply) {
    const plan = await routes.reply(ctx, replyTo, text);
    if (plan) return plan;
  }
  if (!parsed) {
    // Ordinary chatter in a group is none of the bot's business; in private, help the person along.
    return ctx.event.chat.type === 'private' ? replyPlan(ctx, msg.privateHint) : emptyPlan();
  }
  if (parsed.kind === 'other-bot') return emptyPlan();
  if (parsed.kind === 'unknown') return replyPlan(ctx, msg.unknownCommand(parsed.typed, parsed.closest));
  if (parsed.name === 'cancel') return replyPlan(ctx, msg.nothingToCancel);
  return runCommand(ctx, routes, parsed.name, parsed.args);
}

/** Commands that need no person behind them: an anonymous group admin may still ask for help. */
const ANONYMOUS_OK: ReadonlySet<CommandName> = new Set(['help', 'cancel']);

async function runCommand(ctx: HandlerContext, routes: Routes, name: CommandName, args: string): Promise<Plan> {
  // An anonymous admin speaks as the group: joining, linking or acting would make the group a person.
  if (ctx.event.sender.anonymous && !ANONYMOUS_OK.has(name)) return replyPlan(ctx, claimMsg.anonymous);
  const length = Array.from(args).length;
  if (length > MAX_TEXT) return replyPlan(ctx, msg.tooLong(length));
  const handler = routes.commands[name];
  if (!handler) return replyPlan(ctx, msg.unknownCommand(name, null));
  return handler(ctx, args);
}
