import type { Attachment, InboundEvent, InboundPayload } from '../../../domain/types.js';

/**
 * One smart-robot (智能机器人) push, from the encrypted callback or the long connection: both
 * carry the same JSON. Documented fields only; anything else is ignored.
 */
export interface WecomPush {
  msgid?: unknown;
  create_time?: unknown;
  aibotid?: unknown;
  chatid?: unknown;
  chattype?: unknown;
  from?: unknown;
  response_url?: unknown;
  msgtype?: unknown;
  text?: unknown;
  mixed?: unknown;
  voice?: unknown;
  image?: unknown;
  file?: unknown;
  event?: unknown;
}

export type ParsedWecom =
  | { kind: 'event'; event: InboundEvent; responseUrl: string | null }
  /** Genuine but nothing for the pipeline (welcome on entering a chat, a feedback thumb, an unknown type). */
  | { kind: 'ignored'; reason: string };

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/**
 * A person's private chat is named by their userid with a prefix: WeCom's group chatids and
 * userids have no format that tells them apart, and the scheduler must know which is which.
 */
export const privateChatIdOf = (userId: string): string => `u:${userId}`;
export const privateUserOf = (chatId: string): string | null => (chatId.startsWith('u:') ? chatId.slice(2) : null);

/**
 * In a group WeCom pushes only messages that @ the robot, and the text begins with that mention
 * (「@归乡 建议 …」). Leading mentions are dropped so the command comes first; mentions later in
 * the text are people being named and stay.
 */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(?:\s*@[^\s@]+)+\s*/u, '').trim();
}

function textOf(push: WecomPush): { text: string; attachments: Attachment[] } | null {
  switch (push.msgtype) {
    case 'text': {
      const content = str(obj(push.text)?.content);
      return content === null ? null : { text: content, attachments: [] };
    }
    case 'voice': {
      // WeCom sends the speech already recognised as text.
      const content = str(obj(push.voice)?.content);
      return content === null ? null : { text: content, attachments: [] };
    }
    case 'mixed': {
      const items = obj(push.mixed)?.msg_item;
      if (!Array.isArray(items)) return null;
      const texts: string[] = [];
      const attachments: Attachment[] = [];
      for (const item of items) {
        const it = obj(item);
        if (it?.msgtype === 'text') {
          const t = str(obj(it.text)?.content);
          if (t) texts.push(t);
        } else if (it?.msgtype === 'image') {
          const url = str(obj(it.image)?.url);
          if (url) attachments.push({ kind: 'photo', fileId: url });
        }
      }
      return { text: texts.join('\n'), attachments };
    }
    case 'image': {
      const url = str(obj(push.image)?.url);
      return url === null ? null : { text: '', attachments: [{ kind: 'photo', fileId: url }] };
    }
    case 'file': {
      const url = str(obj(push.file)?.url);
      return url === null ? null : { text: '', attachments: [{ kind: 'file', fileId: url }] };
    }
    default:
      return null;
  }
}

/**
 * A push becomes the one internal event. The chat of a one-to-one conversation is the user's
 * private chat id, of a group its chatid. WeCom sends no display
 * name, only the userid; the roster supplies names once the person has joined.
 */
export function parseWecomPush(push: WecomPush, fallbackNowMs: number): ParsedWecom {
  const msgid = str(push.msgid);
  const userId = str(obj(push.from)?.userid);
  if (!msgid || !userId) return { kind: 'ignored', reason: 'no msgid or sender' };
  const group = push.chattype === 'group';
  const chatId = group ? str(push.chatid) : privateChatIdOf(userId);
  if (!chatId) return { kind: 'ignored', reason: 'a group push without chatid' };
  const created = typeof push.create_time === 'number' && Number.isFinite(push.create_time) ? push.create_time * 1000 : fallbackNowMs;
  let payload: InboundPayload;
  if (push.msgtype === 'event') {
    const event = obj(push.event);
    if (event?.eventtype !== 'template_card_event') return { kind: 'ignored', reason: `event ${String(event?.eventtype)}` };
    const key = str(obj(event.template_card_event)?.event_key) ?? str(event.event_key);
    if (!key) return { kind: 'ignored', reason: 'card event without a key' };
    payload = { type: 'button', value: key };
  } else {
    const body = textOf(push);
    if (!body) return { kind: 'ignored', reason: `message type ${String(push.msgtype)}` };
    const text = group ? stripLeadingMentions(body.text) : body.text.trim();
    payload = { type: 'message', text, messageId: msgid, ...(body.attachments.length ? { attachments: body.attachments } : {}) };
  }
  const event: InboundEvent = {
    platform: 'wecom',
    eventId: msgid,
    chat: { platform: 'wecom', chatId, threadId: null, type: group ? 'group' : 'private' },
    sender: { userId, displayName: userId },
    at: new Date(created),
    payload,
  };
  return { kind: 'event', event, responseUrl: str(push.response_url) };
}

/** The task_id of the card a template_card_event was clicked on, if the push is one. */
export function clickedTaskId(push: WecomPush): string | null {
  if (push.msgtype !== 'event') return null;
  const event = obj(push.event);
  if (event?.eventtype !== 'template_card_event') return null;
  return str(obj(event.template_card_event)?.task_id) ?? str(event.task_id) ?? null;
}
