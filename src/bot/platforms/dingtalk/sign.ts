import { createHmac } from 'node:crypto';
import { safeEqual } from '../lark/crypto.js';

/**
 * DingTalk signs each robot HTTP callback with the headers `timestamp` (epoch milliseconds) and
 * `sign` = Base64(HMAC-SHA256(key = app secret, message = timestamp + "\n" + app secret)), and
 * says to refuse a timestamp more than an hour from our clock (robot receive-message docs).
 */
export const MAX_SKEW_MS = 60 * 60_000;

export function callbackSign(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64');
}

export type SignCheck = { ok: true } | { ok: false; reason: string };

/**
 * The signature covers only the timestamp, not the body: it proves the sender knows the secret,
 * and the hour's window bounds how long a captured request can be replayed. A replayed body is
 * then stopped by its msgId, which the pipeline has already recorded.
 */
export function checkCallbackSign(timestamp: string | undefined, sign: string | undefined, appSecret: string, nowMs: number): SignCheck {
  if (!timestamp || !sign) return { ok: false, reason: 'missing timestamp or sign header' };
  if (!/^\d{10,16}$/u.test(timestamp)) return { ok: false, reason: 'timestamp is not epoch milliseconds' };
  if (!safeEqual(callbackSign(timestamp, appSecret), sign)) return { ok: false, reason: 'bad signature' };
  if (Math.abs(nowMs - Number(timestamp)) > MAX_SKEW_MS) return { ok: false, reason: 'stale timestamp' };
  return { ok: true };
}
