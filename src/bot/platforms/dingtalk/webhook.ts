import { refusal, type RefusalStatus } from '../../engine/http/errors.js';
import type { Hono } from 'hono';
import { createBodyGate, notRead, readBodyGated, UNVERIFIED_IN_FLIGHT } from '../../engine/http/body.js';
import type { Clock, Logger } from '../../engine/ports.js';
import type { RobotHandler } from './handle.js';
import type { RobotMessage } from './parse.js';
import { checkCallbackSign } from './sign.js';

/** A robot message is a few kilobytes; anything far larger is not from DingTalk. */
const MAX_BODY = 64 * 1024;

export interface DingTalkWebhookDeps {
  appSecret: string;
  handle: RobotHandler;
  clock: Clock;
  logger: Logger;
}

/**
 * POST /webhook/dingtalk, the robot's HTTP message URL. The signature headers are checked before
 * the body is read as JSON, so a forged or stale request never reaches the pipeline.
 *
 * Encryption: the robot receive-message docs describe only the timestamp/sign headers and a plain
 * JSON body; the encrypted envelope ({"encrypt": …} with signature and nonce) belongs to the
 * event-subscription callbacks, not to robot messages. A body in that envelope is refused rather
 * than guessed at.
 */
export function registerDingTalkWebhook(app: Hono, deps: DingTalkWebhookDeps): void {
  // The sign header is checked first, but it signs only a timestamp (valid for an hour), not the
  // body: a copied one would let a sender hold bodies, so they are bounded as unverified ones are.
  const gate = createBodyGate(UNVERIFIED_IN_FLIGHT);
  app.post('/webhook/dingtalk', async (c) => {
    const refuse = (status: RefusalStatus, reason: string) => {
      deps.logger.warn('dingtalk webhook refused', { status, reason });
      return refusal(status, reason);
    };
    const check = checkCallbackSign(c.req.header('timestamp'), c.req.header('sign'), deps.appSecret, deps.clock().getTime());
    if (!check.ok) throw refuse(401, check.reason);
    const body = await readBodyGated(c, MAX_BODY, gate);
    if (!body.ok) {
      deps.logger.warn('dingtalk webhook body not read', { reason: 'busy' in body ? 'busy' : 'tooSlow' in body ? 'too slow' : 'too large' });
      return notRead(c, body);
    }
    let message: unknown;
    try {
      message = JSON.parse(body.text);
    } catch {
      throw refuse(400, 'body is not JSON');
    }
    if (!message || typeof message !== 'object' || Array.isArray(message)) throw refuse(400, 'body is not a JSON object');
    if ('encrypt' in message) throw refuse(400, 'encrypted robot messages are not supported');
    await deps.handle(message as RobotMessage);
    return c.json({});
  });
}
