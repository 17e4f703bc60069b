import type { ChatRow } from '../../db/repo/chats.js';
import type { ConversationRow } from '../../db/repo/conversations.js';
import type { IdentityRow, PersonRow } from '../../db/repo/people.js';
import type { Db, Statement } from '../../db/store.js';
import type { Capabilities } from '../platforms/adapter.js';
import type { InboundEvent, OutMessage, Region, RoleGrant } from '../../domain/types.js';
import type { DirectoryLookup } from '../features/identity/directory.js';

export interface Actor {
  identity: IdentityRow | null;
  person: PersonRow | null;
  roles: RoleGrant[];
}

/** Everything a handler may read. Handlers never write: they return a Plan. */
export interface HandlerContext {
  event: InboundEvent;
  now: Date;
  db: Db;
  timeZone: string;
  botUsername: string | null;
  /** What the event's platform can show (edit in place, files, …). */
  capabilities: Capabilities;
  /** Fresh ids for new rows (people, records). Injected so tests get stable ids. */
  newId: () => string;
  chat: ChatRow | null;
  /** Region the chat is bound to, if any. */
  region: Region | null;
  actor: Actor;
  conversation: ConversationRow | null;
  /** The organisation's directory on the event's platform, when it has one the bot may read. */
  directory: DirectoryLookup | null;
  /** True when a chat platform (not only the local console) is configured. */
  platformsConfigured: boolean;
}

/** What handling an event decided: written and enqueued in one atomic write. */
export interface Plan {
  statements: Statement[];
  messages: OutMessage[];
  /** Short answer to a button press, shown by the platform to the person who pressed. */
  toast?: string;
  /** The sender took part though nothing else is written (a look at 我的): it answers a reminder. */
  activity?: boolean;
  /**
   * Heavy work to do after this plan is written and the webhook answered (a city's ledger
   * workbook takes seconds to minutes): its plan is written in a write of its own. Events behind
   * this one do not wait for it.
   */
  later?: () => Promise<Plan>;
}

export const emptyPlan = (): Plan => ({ statements: [], messages: [] });

/** A reply in the same chat (and topic) as the event, quoting it where the platform allows. */
export function reply(ctx: HandlerContext, text: string, extra: Partial<OutMessage> = {}): OutMessage {
  const { chat, payload } = ctx.event;
  const replyTo = payload.type === 'message' ? payload.messageId : undefined;
  return {
    to: { platform: chat.platform, chatId: chat.chatId, threadId: chat.threadId },
    text,
    ...(replyTo ? { replyTo } : {}),
    ...extra,
  };
}

export function replyPlan(ctx: HandlerContext, text: string, extra: Partial<OutMessage> = {}): Plan {
  return { statements: [], messages: [reply(ctx, text, extra)] };
}

export type CommandHandler = (ctx: HandlerContext, args: string) => Promise<Plan>;
/** Handles a button whose value starts with the registered prefix and a colon. */
export type ButtonHandler = (ctx: HandlerContext, parts: string[]) => Promise<Plan>;
/** Continues a conversation of a registered kind with the next message. */
export type ConversationHandler = (ctx: HandlerContext, text: string, data: unknown) => Promise<Plan>;
