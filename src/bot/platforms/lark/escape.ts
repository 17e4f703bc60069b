/**
 * People's own words go into cards and messages that Feishu interprets: card markdown turns
 * `<at id=all></at>` into a mention of everyone and `[x](url)` into a link. Escaping keeps a
 * suggestion's text exactly what was typed.
 */

// Characters that start markdown or card tags. Card markdown decodes HTML entities, so each
// becomes its numeric entity; '#' only makes a heading at the start of a line.
const CARD_SPECIAL = /[&<>*_~`[\]|\\]|^#/gmu;

export function escapeCardMarkdown(text: string): string {
  return text.replace(CARD_SPECIAL, (ch) => `&#${ch.codePointAt(0)};`);
}

/**
 * Plain text messages parse `<at user_id="all"></at>` too but decode no entities, so the angle
 * brackets become their full-width look-alikes: the text reads the same and mentions nobody.
 */
export function escapePlainText(text: string): string {
  return text.replace(/</gu, '＜').replace(/>/gu, '＞');
}

/** Open ids and user ids are [A-Za-z0-9_-]; anything else would break out of the at-tag. */
export function isSafeUserId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/u.test(id);
}
