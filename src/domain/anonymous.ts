/** What lists, documents and the village see instead of the author of an anonymous suggestion. */
export const ANONYMOUS_LABEL = '匿名';

const LEADING = /^匿名(?:[\s:：,，、]+|$)/u;
const TRAILING = /[\s,，、]*[（(]?匿名[)）]?$/u;

/**
 * 「建议 匿名 …」 and 「建议 匿名：…」 anywhere; in private also a trailing 「（匿名）」, since a
 * person writing to the bot alone says it where it comes to mind.
 */
export function parseAnonymous(args: string, isPrivate: boolean): { anonymous: boolean; text: string } {
  const text = args.trim();
  if (LEADING.test(text)) return { anonymous: true, text: text.replace(LEADING, '').trim() };
  if (isPrivate && TRAILING.test(text) && text.replace(TRAILING, '').trim()) return { anonymous: true, text: text.replace(TRAILING, '').trim() };
  return { anonymous: false, text };
}
