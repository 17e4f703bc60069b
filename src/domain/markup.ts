const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * People's words inside HTML, SVG or XML (Telegram's HTML, the dashboard, charts, the .docx):
 * a suggestion reading "<b>" must arrive as those three characters, not as markup, and a quote
 * cannot end an attribute. The one escape for all of them.
 */
export function escapeMarkup(s: string): string {
  return s.replace(/[&<>"']/gu, (c) => ENTITIES[c]!);
}
