import { refusal } from '../../engine/http/errors.js';
import type { Hono } from 'hono';
import { createBodyGate, notRead, readBodyGated, UNVERIFIED_IN_FLIGHT, type BodyGate } from '../../engine/http/body.js';
import type { Clock, Logger } from '../../engine/ports.js';
import type { WecomPush } from './parse.js';
import { verifyWecomEcho, verifyWecomPost, type WecomSecurity } from './verify.js';

/** A push is a few kilobytes of encrypted JSON; anything far larger is not from WeCom. */
const MAX_BODY = 64 * 1024;

export interface WecomWebhookDeps {
  security: WecomSecurity;
  clock: Clock;
  logger: Logger;
  /** Decides the push (one atomic write) before WeCom gets its answer. */
  onPush(push: WecomPush): Promise<void>;
  /** Bounds unverified bodies in flight (tests pass a small one). */
  bodyGate?: BodyGate;
}

/**
 * GET /webhook/wecom answers the URL check; POST takes a push. Everything is verified on the raw
 * request first (signature, age, decryption, receive id), so nothing forged or stale is written.
 * WeCom wants an answer within 5 seconds: the push is committed, then answered with an empty
 * body (allowed: 「可以选择直接回复空包」), and the replies go out through the outbox.
 */
export function registerWecomWebhook(app: Hono, deps: WecomWebhookDeps): void {
  const signed = (q: (name: string) => string | undefined) => ({ signature: q('msg_signature'), timestamp: q('timestamp'), nonce: q('nonce') });
  app.get('/webhook/wecom', (c) => {
    const verified = verifyWecomEcho({ ...signed((n) => c.req.query(n)), echostr: c.req.query('echostr') }, deps.security, deps.clock().getTime());
    if (verified.kind === 'echo') return c.text(verified.echo);
    const status = verified.kind === 'refused' ? verified.status : 400;
    deps.logger.warn('wecom url check refused', { status, reason: verified.kind === 'refused' ? verified.reason : 'not an echo' });
    throw refusal(status, 'refused');
  });
  // The signature covers the encrypted body, so all of it is read before anything can be checked:
  // how many such bodies are read at once, and for how long, is bounded.
  const gate = deps.bodyGate ?? createBodyGate(UNVERIFIED_IN_FLIGHT);
  app.post('/webhook/wecom', async (c) => {
    const body = await readBodyGated(c, MAX_BODY, gate);
    if (!body.ok) return notRead(c, body);
    const verified = verifyWecomPost(signed((n) => c.req.query(n)), body.text, deps.security, deps.clock().getTime());
    if (verified.kind !== 'event') {
      const status = verified.kind === 'refused' ? verified.status : 400;
      deps.logger.warn('wecom webhook refused', { status, reason: verified.kind === 'refused' ? verified.reason : 'not an event' });
      throw refusal(status, 'refused');
    }
    await deps.onPush(verified.body as WecomPush);
    return c.body(null, 200);
  });
}
