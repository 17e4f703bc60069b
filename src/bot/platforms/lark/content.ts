import { larkMsg } from './messages.js';
import type { Attachment } from '../../../domain/types.js';

export interface LarkMention {
  key: string;
  id?: { open_id?: string; union_id?: string; user_id?: string };
  name?: string;
  mentioned_type?: string;
}

export interface MessageContent {
  text: string;
  attachments: Attachment[];
}

interface PostElement {
  tag?: string;
  text?: string;
  href?: string;
  user_id?: string;
  user_name?: string;
  image_key?: string;
  language?: string;
}

interface PostBody {
  title?: string;
  content?: PostElement[][];
}

/** A string field of a received event, or '' when it is missing or of another type. */
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Signed events are still data from outside: `mentions: [null]`, a number where a text belongs or
 * a paragraph that is not a list reach us now and then. Each is read as missing, never thrown on,
 * so one odd event costs its own reply and not a 500 that Feishu would retry for six hours.
 */
export function usableMentions(raw: unknown): LarkMention[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((m): m is LarkMention => Boolean(m) && typeof m === 'object' && typeof (m as LarkMention).key === 'string' && (m as LarkMention).key !== '');
}

/**
 * Mentions arrive as placeholders (`@_user_1`) with the people listed in `mentions`. The bot's own
 * mention is dropped ("@归乡 帮助" is the command 帮助); others become "@name". Without the bot's
 * open_id, a mention Feishu marks as a bot is taken to be this one.
 */
export function isOwnMention(m: LarkMention, botOpenId: string | null): boolean {
  if (botOpenId) return m.id?.open_id === botOpenId;
  return m.mentioned_type === 'bot';
}

export function resolveMentions(text: string, mentions: readonly LarkMention[], botOpenId: string | null): string {
  let out = text;
  // Longest key first: "@_user_1" must not eat the front of "@_user_12".
  for (const m of usableMentions(mentions).sort((a, b) => b.key.length - a.key.length)) {
    out = out.split(m.key).join(isOwnMention(m, botOpenId) ? ' ' : m.key === '@_all' ? larkMsg.mentionAll : `@${str(m.name)}`);
  }
  out = out.split('@_all').join(larkMsg.mentionAll);
  return out.replace(/[ \t]{2,}/gu, ' ').replace(/^[ \t]+|[ \t]+$/gmu, '').trim();
}

/** Posts may come wrapped in a language key ({"zh_cn": {...}}) or bare. */
function postBody(raw: Record<string, unknown>): PostBody {
  if (Array.isArray(raw.content)) return raw as PostBody;
  for (const value of Object.values(raw)) {
    if (value && typeof value === 'object' && Array.isArray((value as PostBody).content)) return value as PostBody;
  }
  return {};
}

function postText(body: PostBody, mentions: readonly LarkMention[], attachments: Attachment[]): string {
  const byKey = new Map(usableMentions(mentions).map((m) => [m.key, m]));
  const lines = (Array.isArray(body.content) ? body.content : []).map((paragraph) =>
    (Array.isArray(paragraph) ? paragraph : [])
      .map((el: PostElement | null) => {
        if (!el || typeof el !== 'object') return '';
        switch (el.tag) {
          case 'text':
          case 'a':
          case 'md':
          case 'code_block':
            return str(el.text);
          case 'at': {
            // The placeholder stays so mentions resolve the same way as in text messages.
            const key = str(el.user_id);
            if (byKey.has(key) || key === '@_all') return key;
            return str(el.user_name) ? `@${str(el.user_name)}` : '';
          }
          case 'img':
            if (str(el.image_key)) attachments.push({ kind: 'photo', fileId: str(el.image_key) });
            return '';
          default:
            return '';
        }
      })
      .join(''),
  );
  return [str(body.title), ...lines].filter((l) => l.trim() !== '').join('\n');
}

/**
 * The text and attachments of a received message, or null for kinds the bot does not read
 * (stickers, cards, shared chats). Malformed content counts as unreadable, not as an error.
 */
export function messageContent(messageType: string, content: string, mentions: readonly LarkMention[], botOpenId: string | null): MessageContent | null {
  let raw: Record<string, unknown>;
  try {
    const parsed = JSON.parse(content) as unknown;
    if (!parsed || typeof parsed !== 'object') return null;
    raw = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const attachments: Attachment[] = [];
  switch (messageType) {
    case 'text':
      if (typeof raw.text !== 'string') return null;
      return { text: resolveMentions(raw.text, mentions, botOpenId), attachments };
    case 'post':
      return { text: resolveMentions(postText(postBody(raw), mentions, attachments), mentions, botOpenId), attachments };
    case 'image':
      if (typeof raw.image_key !== 'string') return null;
      return { text: '', attachments: [{ kind: 'photo', fileId: raw.image_key }] };
    case 'file':
      if (typeof raw.file_key !== 'string') return null;
      return { text: '', attachments: [{ kind: 'file', fileId: raw.file_key }] };
    default:
      return null;
  }
}
