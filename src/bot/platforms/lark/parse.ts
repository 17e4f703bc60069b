import type { InboundEvent, InboundPayload } from '../../../domain/types.js';
import { messageContent, usableMentions, type LarkMention } from './content.js';

/**
 * What the SDK's EventDispatcher hands a handler: header and event of a 2.0 event merged into
 * one object (event fields win on a clash).
 */
export interface FlatEvent {
  event_id?: string;
  event_type?: string;
  app_id?: string;
  create_time?: string;
  [field: string]: unknown;
}

interface UserIds {
  open_id?: string;
  union_id?: string;
  user_id?: string;
}

export interface MessageEventData extends FlatEvent {
  sender?: { sender_id?: UserIds; sender_type?: string };
  message?: {
    message_id?: string;
    /** The message this one replies to (Feishu's quote-reply). */
    parent_id?: string;
    chat_id?: string;
    thread_id?: string;
    chat_type?: string;
    message_type?: string;
    content?: string;
    create_time?: string;
    mentions?: LarkMention[];
  };
}

export interface CardActionData extends FlatEvent {
  operator?: UserIds & { name?: string };
  action?: { value?: unknown; tag?: string; name?: string; form_value?: Record<string, unknown> };
  context?: { open_message_id?: string; open_chat_id?: string };
  open_message_id?: string;
  open_chat_id?: string;
}

export interface MembershipData extends FlatEvent {
  chat_id?: string;
  operator_id?: UserIds;
}

/** What the parser needs to know beyond the event: names, chat kinds, the bot's own id. */
export interface LarkLookups {
  /** The stored name of a person we know; events carry ids only. */
  displayName(openId: string, hint?: string): Promise<string>;
  /** Whether a chat seen before was private; card callbacks do not say. */
  chatType(chatId: string): Promise<'group' | 'private' | null>;
  botOpenId(): Promise<string | null>;
}

/** Feishu times are epoch milliseconds as strings; some surfaces send microseconds. */
export function eventTime(raw: unknown, fallback: Date): Date {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) return fallback;
  return new Date(n > 1e14 ? Math.floor(n / 1000) : n);
}

/** A person's id on Feishu: open_id, the id this app sees for them in every chat. */
function personId(ids: UserIds | undefined): string | null {
  return typeof ids?.open_id === 'string' && ids.open_id ? ids.open_id : null;
}

/**
 * Feishu sends ids and contents as strings. A signed event with another type there is damaged;
 * taking it on would put arrays and numbers into chat ids and database keys.
 */
const allText = (...values: unknown[]) => values.every((v) => v === undefined || typeof v === 'string');

export async function messageEvent(data: MessageEventData, lookups: LarkLookups, now: Date): Promise<InboundEvent | null> {
  const m = data.message;
  const senderId = personId(data.sender?.sender_id);
  // Other bots' messages are not people talking to us.
  if (!data.event_id || !m?.chat_id || !senderId || data.sender?.sender_type !== 'user') return null;
  if (!allText(data.event_id, m.chat_id, m.message_id, m.thread_id, m.chat_type, m.message_type, m.content)) return null;
  const mentions = usableMentions(m.mentions);
  const botOpenId = mentions.length > 0 ? await lookups.botOpenId() : null;
  const content = messageContent(m.message_type ?? '', m.content ?? '', mentions, botOpenId);
  if (!content) return null;
  const payload: InboundPayload = { type: 'message', text: content.text };
  if (content.attachments.length) payload.attachments = content.attachments;
  if (m.message_id) payload.messageId = m.message_id;
  if (m.parent_id) payload.replyToMessageId = m.parent_id;
  return {
    platform: 'lark',
    eventId: data.event_id,
    chat: { platform: 'lark', chatId: m.chat_id, threadId: m.thread_id || null, type: m.chat_type === 'p2p' ? 'private' : 'group' },
    sender: { userId: senderId, displayName: await lookups.displayName(senderId) },
    at: eventTime(m.create_time ?? data.create_time, now),
    payload,
  };
}

/** Button values are plain strings; a value given as an object (older cards) may hold it as `v`. */
function buttonValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = (value as Record<string, unknown>).v ?? (value as Record<string, unknown>).value;
    if (typeof v === 'string') return v;
  }
  return null;
}

/** Form fields in the order the card lists them, as text. */
function formText(form: Record<string, unknown>): string {
  return Object.values(form)
    .map((v) => (Array.isArray(v) ? v.join('、') : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : ''))
    .map((v) => v.trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * A card button press becomes a button payload carrying the button's value. A form submit becomes
 * a message: its fields as text, after the submit button's value when that is a command keyword
 * (a form with one input and a 「建议」 button records a suggestion), so forms reach the same
 * commands and conversations as typed messages.
 */
export async function cardActionEvent(data: CardActionData, lookups: LarkLookups, now: Date): Promise<InboundEvent | null> {
  const chatId = data.context?.open_chat_id ?? data.open_chat_id;
  const messageId = data.context?.open_message_id ?? data.open_message_id;
  const operator = personId(data.operator);
  if (!data.event_id || !chatId || !operator || !data.action || !allText(data.event_id, chatId, messageId)) return null;
  const value = buttonValue(data.action.value);
  let payload: InboundPayload;
  if (data.action.form_value && typeof data.action.form_value === 'object') {
    const text = [value ?? '', formText(data.action.form_value)].filter(Boolean).join(' ');
    payload = { type: 'message', text, ...(messageId ? { messageId } : {}) };
  } else {
    if (value === null) return null;
    payload = { type: 'button', value, ...(messageId ? { messageId } : {}) };
  }
  return {
    platform: 'lark',
    eventId: data.event_id,
    chat: { platform: 'lark', chatId, threadId: null, type: (await lookups.chatType(chatId)) ?? 'group' },
    sender: { userId: operator, displayName: await lookups.displayName(operator, data.operator?.name) },
    at: eventTime(data.create_time, now),
    payload,
  };
}

export async function membershipEvent(
  data: MembershipData,
  change: 'bot_added' | 'bot_removed',
  lookups: LarkLookups,
  now: Date,
): Promise<InboundEvent | null> {
  if (!data.event_id || !data.chat_id || !allText(data.event_id, data.chat_id)) return null;
  const operator = personId(data.operator_id) ?? 'unknown';
  return {
    platform: 'lark',
    eventId: data.event_id,
    chat: { platform: 'lark', chatId: data.chat_id, threadId: null, type: 'group' },
    sender: { userId: operator, displayName: await lookups.displayName(operator) },
    at: eventTime(data.create_time, now),
    payload: { type: 'membership', change },
  };
}
