import type { TestBot } from '../support/bot.js';

/** Messages queued for a chat, oldest first, with their stored payloads (attachments included). */
export function sentTo(bot: TestBot, chatId: string) {
  const rows = bot.store.sqlite.prepare('select key, payload, state, sent_message_id as sentMessageId from outbox where chat_id = ? order by id').all(chatId) as {
    key: string;
    payload: string;
    state: string;
    sentMessageId: string | null;
  }[];
  const bytes = bot.store.sqlite.prepare('select bytes from files where id = ?');
  return rows.map((r) => {
    const payload = JSON.parse(r.payload) as { text: string; buttons?: { label: string; value: string }[][]; attachment?: { fileName: string; mime: string; fileId?: string; dataBase64: string } };
    // Attachments are stored once in `files`; the row refers to them by id.
    if (payload.attachment?.fileId) payload.attachment.dataBase64 = (bytes.get(payload.attachment.fileId) as { bytes: Buffer }).bytes.toString('base64');
    return { ...r, payload };
  });
}

export function rows<T = Record<string, unknown>>(bot: TestBot, sql: string, ...params: unknown[]): T[] {
  return bot.store.sqlite.prepare(sql).all(...params) as T[];
}

/** Post to the console as a reply to an earlier message (what a platform reports as reply_to). */
export async function replyTo(bot: TestBot, from: { chatId: string; userId: string; userName: string }, messageId: string, text: string) {
  const res = await bot.app.request('/dev/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...from, text, replyTo: messageId, eventId: `reply-${messageId}-${text.length}-${Math.random()}` }),
  });
  const json = (await res.json()) as { replies: { text: string }[] };
  return json.replies.map((r) => r.text);
}
