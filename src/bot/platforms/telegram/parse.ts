import { z } from 'zod';
import type { Attachment, ChatRef, InboundEvent, Sender } from '../../../domain/types.js';

/*
 * Only the fields the bot reads are described; Telegram adds fields over time, and unknown ones
 * are ignored rather than refused.
 */

const User = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});
type User = z.infer<typeof User>;

const Chat = z.object({
  id: z.number().int(),
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  title: z.string().optional(),
});
type Chat = z.infer<typeof Chat>;

const Entity = z.object({ type: z.string(), offset: z.number().int().min(0), length: z.number().int().min(0) });

const PhotoSize = z.object({
  file_id: z.string().min(1),
  width: z.number(),
  height: z.number(),
  file_size: z.number().optional(),
});

const Message = z.object({
  message_id: z.number().int(),
  date: z.number().int(),
  chat: Chat,
  from: User.optional(),
  sender_chat: Chat.optional(),
  message_thread_id: z.number().int().optional(),
  is_topic_message: z.boolean().optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(Entity).optional(),
  caption_entities: z.array(Entity).optional(),
  photo: z.array(PhotoSize).optional(),
  document: z.object({ file_id: z.string().min(1) }).optional(),
  migrate_to_chat_id: z.number().int().optional(),
  migrate_from_chat_id: z.number().int().optional(),
  reply_to_message: z.object({ message_id: z.number().int() }).optional(),
});
type Message = z.infer<typeof Message>;

const CallbackQuery = z.object({
  id: z.string().min(1),
  from: User,
  message: z
    .object({
      message_id: z.number().int(),
      chat: Chat,
      message_thread_id: z.number().int().optional(),
      is_topic_message: z.boolean().optional(),
    })
    .optional(),
  data: z.string().optional(),
});

const MemberStatus = z.object({
  status: z.enum(['creator', 'administrator', 'member', 'restricted', 'left', 'kicked']),
  user: User,
  is_member: z.boolean().optional(),
});

const ChatMemberUpdated = z.object({
  chat: Chat,
  from: User,
  date: z.number().int(),
  old_chat_member: MemberStatus,
  new_chat_member: MemberStatus,
});

/** The envelope every update has; an update without it is not from Telegram at all. */
const Envelope = z.object({ update_id: z.number().int().min(0) });

export interface BotIdentity {
  id: number;
  username: string;
}

export type ParsedUpdate =
  | { kind: 'event'; event: InboundEvent; callbackQueryId?: string }
  /** A button press the bot cannot route (no message, no data): still answered, with this toast. */
  | { kind: 'unroutable-callback'; callbackQueryId: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string };

/**
 * Turn a Telegram Update into the one internal event. `now` stamps updates that carry no date
 * (button presses). Anything the bot has no use for is `ignored`, never an error: Telegram
 * retries an update it sees refused, and an edited message or a sticker is not worth that.
 */
export function parseUpdate(update: unknown, me: BotIdentity, now: Date): ParsedUpdate {
  const envelope = Envelope.safeParse(update);
  if (!envelope.success) return { kind: 'invalid', reason: 'no update_id' };
  const eventId = String(envelope.data.update_id);
  const raw = update as Record<string, unknown>;

  if (raw.message !== undefined) {
    const m = Message.safeParse(raw.message);
    return m.success ? fromMessage(eventId, m.data, me) : { kind: 'ignored', reason: 'message of unknown shape' };
  }
  if (raw.callback_query !== undefined) {
    const q = CallbackQuery.safeParse(raw.callback_query);
    if (!q.success) return { kind: 'ignored', reason: 'callback_query of unknown shape' };
    const { id, from, message, data } = q.data;
    const chat = message ? chatRef(message.chat, message) : null;
    if (!chat || data === undefined || data === '') return { kind: 'unroutable-callback', callbackQueryId: id };
    return {
      kind: 'event',
      callbackQueryId: id,
      event: {
        platform: 'telegram',
        eventId,
        chat,
        sender: senderOf(from),
        at: now,
        payload: { type: 'button', value: data, messageId: String(message!.message_id) },
      },
    };
  }
  if (raw.my_chat_member !== undefined) {
    const u = ChatMemberUpdated.safeParse(raw.my_chat_member);
    if (!u.success) return { kind: 'ignored', reason: 'my_chat_member of unknown shape' };
    return fromMembership(eventId, u.data);
  }
  if (raw.edited_message !== undefined) return { kind: 'ignored', reason: 'edited message (the first version was handled)' };
  return { kind: 'ignored', reason: 'update type not used' };
}

function fromMessage(eventId: string, m: Message, me: BotIdentity): ParsedUpdate {
  const at = new Date(m.date * 1000);
  if (m.migrate_to_chat_id !== undefined || m.migrate_from_chat_id !== undefined) {
    // The old group and the new supergroup each get a notice; both describe the same move.
    const from = m.migrate_to_chat_id !== undefined ? m.chat.id : m.migrate_from_chat_id!;
    const to = m.migrate_to_chat_id ?? m.chat.id;
    // The move matters even when Telegram names nobody as having made it.
    const sender = m.from ? senderOf(m.from) : { userId: String(m.chat.id), displayName: m.chat.title ?? String(m.chat.id) };
    return {
      kind: 'event',
      event: {
        platform: 'telegram',
        eventId,
        chat: { platform: 'telegram', chatId: String(from), threadId: null, type: 'group', ...(m.chat.title ? { title: m.chat.title } : {}) },
        sender,
        at,
        payload: { type: 'migrated', newChatId: String(to) },
      },
    };
  }
  const chat = chatRef(m.chat, m);
  if (!chat) return { kind: 'ignored', reason: 'channel post' };
  const sender = messageSender(m);
  if (!sender) return { kind: 'ignored', reason: 'message from another bot or without sender' };
  const text = stripOwnMentions(m.text ?? m.caption ?? '', m.text !== undefined ? m.entities : m.caption_entities, me);
  const attachments = attachmentsOf(m);
  if (!text.trim() && attachments.length === 0) return { kind: 'ignored', reason: 'service message or sticker' };
  return {
    kind: 'event',
    event: {
      platform: 'telegram',
      eventId,
      chat,
      sender,
      at,
      payload: {
        type: 'message',
        text,
        messageId: String(m.message_id),
        ...(attachments.length ? { attachments } : {}),
        // A reply to a relayed question is the station's answer (the sender stores sent message ids the same way).
        ...(m.reply_to_message ? { replyToMessageId: String(m.reply_to_message.message_id) } : {}),
      },
    },
  };
}

function fromMembership(eventId: string, u: z.infer<typeof ChatMemberUpdated>): ParsedUpdate {
  const chat = chatRef(u.chat, {});
  if (!chat) return { kind: 'ignored', reason: 'channel membership' };
  const before = isIn(u.old_chat_member);
  const after = isIn(u.new_chat_member);
  if (before === after) return { kind: 'ignored', reason: 'membership rights changed' };
  // In private, "added" is the person un-blocking the bot; their /start follows and gets the help.
  if (after && chat.type === 'private') return { kind: 'ignored', reason: 'private chat restarted' };
  return {
    kind: 'event',
    event: {
      platform: 'telegram',
      eventId,
      chat,
      sender: senderOf(u.from),
      at: new Date(u.date * 1000),
      payload: { type: 'membership', change: after ? 'bot_added' : 'bot_removed' },
    },
  };
}

function isIn(m: z.infer<typeof MemberStatus>): boolean {
  return m.status === 'creator' || m.status === 'administrator' || m.status === 'member' || (m.status === 'restricted' && m.is_member === true);
}

function chatRef(chat: Chat, m: { message_thread_id?: number | undefined; is_topic_message?: boolean | undefined }): ChatRef | null {
  if (chat.type === 'channel') return null;
  // Only forum topics take message_thread_id when sending; a reply thread in a plain
  // supergroup also carries one, and sending with it there would fail.
  const threadId = m.is_topic_message && m.message_thread_id !== undefined ? String(m.message_thread_id) : null;
  return {
    platform: 'telegram',
    chatId: String(chat.id),
    threadId,
    type: chat.type === 'private' ? 'private' : 'group',
    ...(chat.title ? { title: chat.title } : {}),
  };
}

function senderOf(user: User): Sender {
  const displayName = [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || (user.username ?? String(user.id));
  return { userId: String(user.id), displayName, ...(user.username ? { username: user.username } : {}) };
}

/**
 * Placeholder accounts Telegram puts in `from` when no person is named: 777000 ("Telegram") on a
 * linked channel's automatic forward, 1087968824 (GroupAnonymousBot) on an anonymous admin's post.
 */
const SERVICE_USER_IDS: ReadonlySet<number> = new Set([777000, 1087968824]);

function messageSender(m: Message): Sender | null {
  // Whatever speaks as a chat (an anonymous admin as the group, a user "as a channel", a linked
  // channel's post forwarded into its discussion group) names no person, and `from` is then a
  // placeholder that every such post shares: taking it for a person let one /join make every
  // later channel post act as whoever joined. The chat's own id stands in, so two channels are
  // never one identity, and it is marked as nobody's.
  if (m.sender_chat || (m.from && SERVICE_USER_IDS.has(m.from.id))) {
    const as = m.sender_chat ?? m.chat;
    return { userId: String(as.id), displayName: as.title ?? String(as.id), anonymous: true };
  }
  if (!m.from || m.from.is_bot) return null;
  return senderOf(m.from);
}

/**
 * "@this_bot 建议 …" means "建议 …": the mention is how people address the bot in a group, not
 * part of what they say. Offsets are UTF-16 code units, the same units as JavaScript strings.
 */
function stripOwnMentions(text: string, entities: z.infer<typeof Entity>[] | undefined, me: BotIdentity): string {
  const own = `@${me.username}`.toLowerCase();
  const cuts = (entities ?? [])
    .filter((e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === own)
    .sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of cuts) out = out.slice(0, e.offset) + out.slice(e.offset + e.length);
  return cuts.length ? out.replace(/[ \t]{2,}/gu, ' ').trim() : out;
}

function attachmentsOf(m: Message): Attachment[] {
  const out: Attachment[] = [];
  if (m.photo?.length) {
    // Telegram sends several sizes of one photo; the largest is the evidence worth keeping.
    const largest = m.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    out.push({ kind: 'photo', fileId: largest.file_id });
  }
  if (m.document) out.push({ kind: 'file', fileId: m.document.file_id });
  return out;
}
