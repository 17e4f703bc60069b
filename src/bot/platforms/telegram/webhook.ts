import { refusal } from '../../engine/http/errors.js';
import type { Hono, MiddlewareHandler } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { readBody } from '../../engine/http/body.js';
import type { Logger } from '../../engine/ports.js';
import type { UpdateHandler } from './handle-update.js';

/** Telegram's updates are small; a megabyte is far above any real one and bounds what we parse. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;
export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export interface WebhookDeps {
  secret: string;
  handle: UpdateHandler;
  logger: Logger;
}

/**
 * POST /webhook/telegram. The secret header is the only proof a request comes from Telegram, so
 * it is checked before the body is read. Bad input gets a 4xx and is not redelivered; an update
 * the bot has no use for gets a quiet 200 so Telegram stops offering it.
 */
export function registerTelegramWebhook(app: Hono, deps: WebhookDeps): void {
  const isSecret = secretCheck(deps.secret);
  const checkSecret: MiddlewareHandler = async (c, next) => {
    if (!isSecret(c.req.header(SECRET_HEADER))) {
      deps.logger.warn('telegram webhook refused: wrong secret token');
      throw refusal(401, 'wrong secret token');
    }
    await next();
  };
  app.post('/webhook/telegram', checkSecret, async (c) => {
    const body = await readBody(c, WEBHOOK_BODY_LIMIT);
    if (!body.ok) throw refusal(413, 'update too large');
    let update: unknown;
    try {
      update = JSON.parse(body.text);
    } catch {
      throw refusal(400, 'body is not JSON');
    }
    const outcome = await deps.handle(update);
    if (outcome === 'invalid') throw refusal(400, 'not a Telegram update (no update_id)');
    return c.body(null, 200);
  });
}

/**
 * Compares digests rather than the strings so the time taken reveals neither where the first
 * difference is nor how long the secret is. The secret's own digest is computed once, not per
 * request: every webhook call goes through here, and it stays synchronous (node:crypto, which
 * Workers provide under nodejs_compat) so a webhook does not wait on a thread pool for it.
 */
export function secretCheck(expected: string): (given: string | undefined) => boolean {
  const expectedDigest = createHash('sha256').update(expected, 'utf8').digest();
  return (given) => given !== undefined && timingSafeEqual(createHash('sha256').update(given, 'utf8').digest(), expectedDigest);
}
