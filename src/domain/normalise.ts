/**
 * Text as people meant it: one form for what looks the same. Applied once, where every event
 * enters the pipeline, so nothing stored or compared carries invisible characters.
 */
import type { InboundEvent } from './types.js';

/**
 * Characters that show as nothing or change direction, so that 「张\u200b卫东」 or 「张\ufe0f卫东」
 * would be a second 张卫东: control, format (zero-width, bidi overrides, soft hyphen, BOM),
 * private-use and lone surrogate characters, and every default-ignorable code point, which adds
 * the combining grapheme joiner, variation selectors (U+FE00–FE0F, U+E0100–E01EF), Mongolian free
 * variation selectors and the Hangul fillers; and the braille blank U+2800, which Unicode counts
 * as a visible symbol but which draws as a space. Line breaks and tabs stay; they are how people
 * lay out a message.
 *
 * Free text loses them too, although the zero-width joiner and variation selectors also hold
 * emoji sequences together: 👨‍👩‍👧 shows as 👨👩👧 and ❤️ as the text-style ❤. That is a small loss
 * in a record's wording, and one rule for names and text means nothing invisible is stored at all.
 */
const INVISIBLE = /(?![\n\t])[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}\u2028\u2029\u2800]/gu;

/**
 * Full-width punctuation and the ellipsis are how Chinese is written; NFKC would turn 「，」 into
 * 「,」 and 「……」 into 「......」. Everything else (full-width letters and digits, compatibility
 * ideographs, circled numbers) takes its NFKC form.
 */
const KEEP_AS_TYPED = /[\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u2026]/u;

/** NFKC (keeping Chinese punctuation), line breaks as \n, invisible characters removed. */
export function cleanText(raw: string): string {
  let out = '';
  let run = '';
  for (const ch of raw.replace(/\r\n?/gu, '\n')) {
    if (KEEP_AS_TYPED.test(ch)) {
      out += run.normalize('NFKC') + ch;
      run = '';
    } else run += ch;
  }
  return (out + run.normalize('NFKC')).replace(INVISIBLE, '');
}

/** A person's name: cleaned, full NFKC, no spaces at all (「张 卫东」 is 张卫东). */
export function cleanName(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, '');
}

/** The event with every human-written text cleaned; ids are left exactly as the platform gave them. */
export function normaliseEvent(event: InboundEvent): InboundEvent {
  const displayName = cleanText(event.sender.displayName).trim() || event.sender.userId;
  const sender = { ...event.sender, displayName, ...(event.sender.username ? { username: cleanText(event.sender.username) } : {}) };
  const chat = event.chat.title === undefined ? event.chat : { ...event.chat, title: cleanText(event.chat.title) };
  const p = event.payload;
  const payload =
    p.type === 'message' ? { ...p, text: cleanText(p.text) } : p.type === 'button' ? { ...p, value: cleanText(p.value) } : p;
  return { ...event, sender, chat, payload };
}
