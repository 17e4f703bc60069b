import { escapeMarkup } from '../../../domain/markup.js';
/** Telegram's limits, counted in UTF-16 code units of the text after HTML is parsed. */
export const MESSAGE_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

/** Below this much room after the heading, the heading goes out as a message of its own. */
const MIN_BODY_ROOM = 200;

/**
 * Everything sent is text from the catalogue with people's words inside it, so all of it is
 * escaped: a suggestion reading "<b>" must arrive as those three characters, not as markup.
 */
export function escapeHtml(s: string): string {
  return escapeMarkup(s);
}

export interface Renderable {
  text: string;
  title?: string;
  mentions?: { userId: string; name: string }[];
}

/**
 * The message as Telegram HTML parts, each within `limit` visible characters, split on line
 * boundaries (a line longer than a whole part is cut between characters). The heading and the
 * mentions lead the first part.
 */
export function renderParts(message: Renderable, limit = MESSAGE_LIMIT): string[] {
  const head: { html: string; visible: number }[] = [];
  if (message.title) head.push({ html: `<b>${escapeHtml(message.title)}</b>`, visible: message.title.length });
  if (message.mentions?.length) {
    const links = message.mentions.map(mentionHtml);
    head.push({ html: links.join(' '), visible: message.mentions.reduce((n, m) => n + m.name.length + 1, 0) });
  }
  const headHtml = head.map((h) => h.html).join('\n');
  const headVisible = head.reduce((n, h) => n + h.visible + 1, 0);
  const alone = head.length > 0 && limit - headVisible < MIN_BODY_ROOM;
  const chunks = splitOnLines(message.text, alone || head.length === 0 ? limit : limit - headVisible, limit);
  const parts = chunks.map(escapeHtml);
  if (head.length === 0) return parts;
  if (alone) return [headHtml, ...parts];
  parts[0] = parts[0] ? `${headHtml}\n${parts[0]}` : headHtml;
  return parts;
}

function mentionHtml(m: { userId: string; name: string }): string {
  // tg://user links need the numeric Telegram id; anything else can only be named.
  return /^\d+$/u.test(m.userId) ? `<a href="tg://user?id=${m.userId}">${escapeHtml(m.name)}</a>` : `@${escapeHtml(m.name)}`;
}

/** Split text into parts of at most `firstLimit` (the first) and `limit` (the rest) code units. */
export function splitOnLines(text: string, firstLimit: number, limit: number): string[] {
  const parts: string[] = [];
  let lines: string[] = [];
  let size = 0;
  let cap = Math.max(1, firstLimit);
  const flush = () => {
    parts.push(lines.join('\n'));
    lines = [];
    size = 0;
    cap = limit;
  };
  for (let line of text.split('\n')) {
    for (;;) {
      const add = (lines.length ? 1 : 0) + line.length;
      if (size + add <= cap) {
        lines.push(line);
        size += add;
        break;
      }
      if (lines.length) {
        flush();
        continue;
      }
      const cut = cutPoint(line, cap);
      lines.push(line.slice(0, cut));
      flush();
      line = line.slice(cut);
      if (!line) break;
    }
  }
  if (lines.length) flush();
  // Blank lines where a text was cut mean nothing, and Telegram refuses a message of only those.
  const kept = parts.map((p) => p.replace(/^\n+|\n+$/gu, '')).filter((p) => p.trim() !== '');
  return kept.length ? kept : [parts[0] ?? ''];
}

/** Cut before `max`, never between the halves of a surrogate pair (emoji, rare characters). */
function cutPoint(line: string, max: number): number {
  if (line.length <= max) return line.length;
  const code = line.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff && max > 1 ? max - 1 : max;
}
