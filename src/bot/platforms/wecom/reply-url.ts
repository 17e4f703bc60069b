import { PlatformError } from '../../../domain/errors.js';
import type { StoredPayload } from '../../../db/repo/outbox.js';
import type { Envelope, PlatformSender } from '../../engine/ports.js';
import { MARKDOWN_BYTES, splitByBytes, WECOM_PACING } from './sender.js';

/** WeCom: each response_url may be called once, within an hour of the push that carried it. */
export const RESPONSE_URL_TTL_MS = 60 * 60_000;

/**
 * The response_urls of recent pushes, by chat. Kept in memory: on Node the process that took the
 * push also drains its reply; on Workers the reply is sent in the same invocation (waitUntil).
 * A url is used once and forgotten; one older than its hour is never tried.
 */
export function createReplyUrls(now: () => number) {
  const urls = new Map<string, { url: string; expiresAt: number }>();
  return {
    remember(chatId: string, url: string): void {
      urls.set(chatId, { url, expiresAt: now() + RESPONSE_URL_TTL_MS - 60_000 });
      // Expired entries are dropped as new ones come, so the map holds about an hour of chats.
      for (const [k, v] of urls) if (v.expiresAt <= now()) urls.delete(k);
    },
    take(chatId: string): string | null {
      const entry = urls.get(chatId);
      urls.delete(chatId);
      return entry && entry.expiresAt > now() ? entry.url : null;
    },
  };
}
export type ReplyUrls = ReturnType<typeof createReplyUrls>;

function markdownOf(p: StoredPayload): string {
  return `${p.title ? `**${p.title}**\n` : ''}${p.text}`;
}

/**
 * The URL-callback mode's sender: the one reply a push allows, as markdown through its
 * response_url. A response_url is only ever one WeCom issued: it must start with the configured
 * API origin, so a URL taken from input can never make the bot call elsewhere. What has no
 * response_url (a scheduled message, a second reply, a private message) cannot be sent in this
 * mode and is dead-lettered with the reason; the long connection has no such limit.
 */
export function createReplyUrlSender(deps: { urls: ReplyUrls; apiRoot: string; fetch: typeof fetch }): PlatformSender {
  const origin = new URL(deps.apiRoot).origin;
  async function send(envelope: Envelope): Promise<{ messageId: string | null }> {
    const url = deps.urls.take(envelope.to.chatId);
    if (!url) {
      throw new PlatformError('wecom', 'wecom: no response_url for this chat (the URL-callback mode cannot send on its own; use WECOM_MODE=ws)', { retryable: false, status: 400 });
    }
    if (new URL(url).origin !== origin) throw new PlatformError('wecom', 'wecom: response_url is not on the WeCom API origin', { retryable: false, status: 400 });
    // One call only: a long text is cut to what one markdown message holds.
    const content = splitByBytes(markdownOf(envelope.payload), MARKDOWN_BYTES)[0]!;
    let res: Response;
    try {
      res = await deps.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }) });
    } catch (err) {
      // The url was taken: a network failure cannot be retried with it.
      throw new PlatformError('wecom', `wecom: response_url unreachable: ${err instanceof Error ? err.message : String(err)}`, { retryable: false });
    }
    const answer = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
    if (!res.ok || (answer.errcode ?? 0) !== 0) {
      throw new PlatformError('wecom', `wecom: response_url answered ${res.status} errcode ${answer.errcode ?? '-'}`, { retryable: false, status: res.status });
    }
    return { messageId: null };
  }
  return { platform: 'wecom', pacing: WECOM_PACING, send };
}
