import * as lark from '@larksuiteoapi/node-sdk';
import { larkMsg } from './messages.js';
import { msg } from '../../../domain/messages.js';
import type { InboundEvent } from '../../../domain/types.js';
import type { Pipeline } from '../../engine/pipeline.js';
import type { Clock, Logger } from '../../engine/ports.js';
import { sdkLogger } from './client.js';
import { cardActionEvent, membershipEvent, messageEvent, type CardActionData, type FlatEvent, type LarkLookups, type MembershipData, type MessageEventData } from './parse.js';

export const LARK_EVENTS = {
  message: 'im.message.receive_v1',
  cardAction: 'card.action.trigger',
  botAdded: 'im.chat.member.bot.added_v1',
  botRemoved: 'im.chat.member.bot.deleted_v1',
} as const;

/**
 * A decrypted 2.0 event body ({schema, header, event}) as the one internal event, flattened the
 * way the SDK's dispatcher hands it to the handlers below; null for types the bot does not take.
 */
export async function parseLarkEvent(body: unknown, lookups: LarkLookups, now: Date): Promise<InboundEvent | null> {
  if (!body || typeof body !== 'object') return null;
  const { header, event } = body as { header?: Record<string, unknown>; event?: Record<string, unknown> };
  const data = { ...header, ...event } as FlatEvent;
  switch (data.event_type) {
    case LARK_EVENTS.message:
      return messageEvent(data as MessageEventData, lookups, now);
    case LARK_EVENTS.cardAction:
      return cardActionEvent(data as CardActionData, lookups, now);
    case LARK_EVENTS.botAdded:
      return membershipEvent(data as MembershipData, 'bot_added', lookups, now);
    case LARK_EVENTS.botRemoved:
      return membershipEvent(data as MembershipData, 'bot_removed', lookups, now);
    default:
      return null;
  }
}

/** The answer to a card callback: Feishu shows the toast to the person who pressed. */
export interface CardAnswer {
  toast?: { type: 'info'; content: string };
}

export interface LarkEventDeps {
  appId: string;
  pipeline: Pipeline;
  lookups: LarkLookups;
  clock: Clock;
  logger: Logger;
  /** Runs after an event is committed: starts sending its replies without holding the answer. */
  afterCommit: () => void;
}

/**
 * The SDK dispatcher with our handlers. The webhook (after its own checks) and the long
 * connection both feed it, so the two modes behave the same.
 */
export function createLarkEventDispatcher(deps: LarkEventDeps): lark.EventDispatcher {
  async function handle(event: InboundEvent | null): Promise<{ toast?: string } | null> {
    if (!event) return null;
    const result = await deps.pipeline.handle(event);
    if (!result.duplicate && result.keys.length > 0) deps.afterCommit();
    return result.toast ? { toast: result.toast } : {};
  }

  // A long connection carries only this app's events, but a webhook's app id is checked here too.
  const ours = (data: FlatEvent) => {
    if (data.app_id === deps.appId) return true;
    deps.logger.warn('lark event for another app dropped', { eventId: data.event_id });
    return false;
  };

  const dispatcher = new lark.EventDispatcher({ logger: sdkLogger(deps.logger), loggerLevel: lark.LoggerLevel.warn });
  dispatcher.register({
    [LARK_EVENTS.message]: async (data: MessageEventData) => {
      if (ours(data)) await handle(await messageEvent(data, deps.lookups, deps.clock()));
      return {};
    },
    [LARK_EVENTS.cardAction]: async (data: CardActionData): Promise<CardAnswer> => {
      if (!ours(data)) return {};
      const event = await cardActionEvent(data, deps.lookups, deps.clock());
      const result = await handle(event);
      if (result === null) return { toast: { type: 'info', content: msg.buttonExpired } };
      const content = result.toast ?? (event?.payload.type === 'message' ? larkMsg.formReceived : null);
      return content ? { toast: { type: 'info', content } } : {};
    },
    [LARK_EVENTS.botAdded]: async (data: MembershipData) => {
      if (ours(data)) await handle(await membershipEvent(data, 'bot_added', deps.lookups, deps.clock()));
      return {};
    },
    [LARK_EVENTS.botRemoved]: async (data: MembershipData) => {
      if (ours(data)) await handle(await membershipEvent(data, 'bot_removed', deps.lookups, deps.clock()));
      return {};
    },
  } as Record<string, (data: never) => Promise<unknown>>);
  return dispatcher;
}
