import { refusal } from '../../engine/http/errors.js';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Hono } from 'hono';
import { createBodyGate, notRead, readBodyGated, type BodyGate } from '../../engine/http/body.js';
import type { Clock, Logger } from '../../engine/ports.js';
import { verifyLarkRequest, type LarkSecurity } from './verify.js';

/**
 * Feishu events and card callbacks are a few kilobytes; the largest, a message event, carries at
 * most a 150 KB text message, which encryption (base64) makes about 200 KB. Anything larger is
 * not from Feishu.
 */
const MAX_BODY = 256 * 1024;
/**
 * Unverified bodies read at once: Feishu sends an app's events one connection at a time per
 * event and retries what failed, so 64 in flight is far above real traffic, and bounds what
 * unsigned senders can make us hold to 16 MB.
 */
export const MAX_BODIES_IN_FLIGHT = 64;

export interface LarkWebhookDeps {
  security: LarkSecurity;
  dispatcher: lark.EventDispatcher;
  clock: Clock;
  logger: Logger;
  /** Bounds unverified bodies in flight (tests pass a small one). */
  bodyGate?: BodyGate;
}

/**
 * POST /webhook/lark. The SDK has no Hono adapter and checks neither the token nor the age of a
 * request, so this route verifies everything on the raw bytes first, answers the URL challenge
 * itself, and only then hands the decrypted event to the SDK's dispatcher.
 */
export function registerLarkWebhook(app: Hono, deps: LarkWebhookDeps): void {
  const gate = deps.bodyGate ?? createBodyGate(MAX_BODIES_IN_FLIGHT);
  app.post(
    '/webhook/lark',
    async (c) => {
      const body = await readBodyGated(c, MAX_BODY, gate);
      // Answers Feishu retries later: more unverified bodies in flight than allowed, or one too slow to arrive.
      if (!body.ok) return notRead(c, body);
      const raw = body.text;
      const verified = verifyLarkRequest(raw, (name) => c.req.header(name), deps.security, deps.clock().getTime());
      switch (verified.kind) {
        case 'refused':
          deps.logger.warn('lark webhook refused', { status: verified.status, reason: verified.reason });
          throw refusal(verified.status, verified.reason);
        case 'challenge':
          return c.json({ challenge: verified.challenge });
        case 'ignored':
          return c.json({});
        case 'event': {
          // The SDK reads request headers from the data object's prototype, out of JSON's way.
          const headers = Object.fromEntries(Object.entries(c.req.header()).map(([k, v]) => [k.toLowerCase(), v]));
          const data = Object.assign(Object.create({ headers }) as object, verified.body);
          // Checked above on the raw body; the SDK would re-hash a re-serialised copy.
          const answer: unknown = await deps.dispatcher.invoke(data, { needCheck: false });
          // A type without a handler comes back as a string; Feishu only needs a 200.
          return c.json(answer && typeof answer === 'object' ? answer : {});
        }
      }
    },
  );
}
