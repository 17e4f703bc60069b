import { dingtalkMsg } from './messages.js';
import type { Attachment, InboundEvent, InboundPayload } from '../../../domain/types.js';

/**
 * A robot message as DingTalk delivers it, by HTTP callback or on the stream topic
 * /v1.0/im/bot/messages/get (the same JSON in both; fields from the robot receive-message docs).
 */
export interface RobotMessage {
  msgId?: unknown;
  msgtype?: unknown;
  createAt?: unknown;
  /** '1' one-to-one, '2' group. */
  conversationType?: unknown;
  conversationId?: unknown;
  conversationTitle?: unknown;
  senderId?: unknown;
  senderStaffId?: unknown;
  senderNick?: unknown;
  robotCode?: unknown;
  text?: { content?: unknown };
  content?: {
    richText?: { text?: unknown; type?: unknown; downloadCode?: unknown; pictureDownloadCode?: unknown }[];
    downloadCode?: unknown;
    pictureDownloadCode?: unknown;
    recognition?: unknown;
    fileName?: unknown;
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The text and evidence of a message, or null for kinds the bot does not read (video, cards). */
export function messageContent(m: RobotMessage): { text: string; attachments: Attachment[] } | null {
  const attachments: Attachment[] = [];
  switch (m.msgtype) {
    case 'text': {
      const text = typeof m.text?.content === 'string' ? m.text.content : null;
      return text === null ? null : { text: text.trim(), attachments };
    }
    case 'richText': {
      const parts: string[] = [];
      for (const el of Array.isArray(m.content?.richText) ? m.content.richText : []) {
        const code = str(el?.downloadCode) ?? str(el?.pictureDownloadCode);
        if (el?.type === 'picture' && code) attachments.push({ kind: 'photo', fileId: code });
        else if (typeof el?.text === 'string') parts.push(el.text);
      }
      return { text: parts.join('').trim(), attachments };
    }
    case 'picture': {
      const code = str(m.content?.downloadCode) ?? str(m.content?.pictureDownloadCode);
      return code ? { text: '', attachments: [{ kind: 'photo', fileId: code }] } : null;
    }
    case 'audio':
      // DingTalk's own speech recognition; without it a voice message says nothing we can read.
      return typeof m.content?.recognition === 'string' ? { text: m.content.recognition.trim(), attachments } : null;
    case 'file': {
      const code = str(m.content?.downloadCode);
      return code ? { text: '', attachments: [{ kind: 'file', fileId: code }] } : null;
    }
    default:
      return null;
  }
}

/** 「点选 <value>」, the message a card button sends, is that button's press. */
function pressedValue(text: string): string | null {
  const match = new RegExp(`^${dingtalkMsg.pressWord}\\s+(\\S{1,64})$`, 'u').exec(text);
  return match ? match[1]! : null;
}

/**
 * The InboundEvent of a robot message, or null when it is not one we read. A private chat is
 * addressed by the person's staff id (replies go out through oToMessages/batchSend, which takes
 * user ids); a group by its openConversationId.
 */
export function robotMessageEvent(m: RobotMessage, now: Date): InboundEvent | null {
  const msgId = str(m.msgId);
  const conversationId = str(m.conversationId);
  // senderStaffId is the organisation's user id; people outside it have only senderId.
  const userId = str(m.senderStaffId) ?? str(m.senderId);
  if (!msgId || !conversationId || !userId) return null;
  const isPrivate = m.conversationType === '1';
  if (!isPrivate && m.conversationType !== '2') return null;
  const content = messageContent(m);
  if (!content) return null;
  const pressed = content.attachments.length === 0 ? pressedValue(content.text) : null;
  const payload: InboundPayload = pressed
    ? { type: 'button', value: pressed, messageId: msgId }
    : { type: 'message', text: content.text, messageId: msgId, ...(content.attachments.length ? { attachments: content.attachments } : {}) };
  const title = str(m.conversationTitle);
  const createdAt = typeof m.createAt === 'number' ? m.createAt : Number(m.createAt);
  return {
    platform: 'dingtalk',
    eventId: msgId,
    chat: {
      platform: 'dingtalk',
      chatId: isPrivate ? userId : conversationId,
      threadId: null,
      type: isPrivate ? 'private' : 'group',
      ...(title && !isPrivate ? { title } : {}),
    },
    sender: { userId, displayName: str(m.senderNick) ?? userId },
    at: Number.isFinite(createdAt) && createdAt > 0 ? new Date(createdAt) : now,
    payload,
  };
}
