import { decryptEvent, eventSignature, safeEqual } from './crypto.js';

export interface LarkSecurity {
  appId: string;
  encryptKey?: string | undefined;
  verificationToken?: string | undefined;
}

/** A signed delivery older or newer than this is a replay (or a badly wrong clock); refused. */
export const MAX_SKEW_MS = 5 * 60_000;

export type Verified =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; body: Record<string, unknown>; eventType: string; eventId: string }
  /** Genuine, but of a shape we do not handle (a 1.0 event): answered 200 and dropped. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'refused'; status: 400 | 401 | 403; reason: string };

const refuse = (status: 400 | 401 | 403, reason: string): Verified => ({ kind: 'refused', status, reason });

function asObject(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    return asObject(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * Everything Feishu's SDK leaves to us: the signature over the raw bytes, its age, the
 * verification token and the app id. Decides before anything is parsed into an event, so a
 * forged, stale or malformed request never reaches the pipeline.
 */
export function verifyLarkRequest(
  raw: string,
  header: (name: string) => string | undefined,
  security: LarkSecurity,
  nowMs: number,
): Verified {
  const outer = parseObject(raw);
  if (!outer) return refuse(400, 'body is not a JSON object');

  let body = outer;
  let signed = false;
  if (security.encryptKey) {
    if (typeof outer.encrypt !== 'string') return refuse(400, 'an encrypted body was expected');
    const timestamp = header('x-lark-request-timestamp');
    const nonce = header('x-lark-request-nonce');
    const signature = header('x-lark-signature');
    if (timestamp !== undefined || nonce !== undefined || signature !== undefined) {
      if (!timestamp || nonce === undefined || !signature) return refuse(401, 'incomplete signature headers');
      if (!safeEqual(eventSignature(timestamp, nonce, security.encryptKey, raw), signature.toLowerCase())) return refuse(401, 'bad signature');
      const sentAt = Number(timestamp) * 1000;
      if (!Number.isFinite(sentAt) || Math.abs(nowMs - sentAt) > MAX_SKEW_MS) return refuse(401, 'stale timestamp');
      signed = true;
    }
    let plain: string;
    try {
      plain = decryptEvent(security.encryptKey, outer.encrypt);
    } catch {
      return refuse(401, 'cannot decrypt');
    }
    const inner = parseObject(plain);
    if (!inner) return refuse(400, 'decrypted body is not a JSON object');
    body = inner;
  } else if (typeof outer.encrypt === 'string') {
    return refuse(400, 'encrypted body but no encrypt key is configured');
  }

  const tokenOk = (token: unknown) =>
    !security.verificationToken || (typeof token === 'string' && safeEqual(token, security.verificationToken));

  if (body.type === 'url_verification') {
    // Feishu does not sign the challenge; decrypting it with our key or its token proves the sender.
    if (!tokenOk(body.token)) return refuse(401, 'wrong verification token');
    if (typeof body.challenge !== 'string') return refuse(400, 'challenge missing');
    return { kind: 'challenge', challenge: body.challenge };
  }
  // Only the challenge may come unsigned when an encrypt key is set.
  if (security.encryptKey && !signed) return refuse(401, 'unsigned event');

  const head = asObject(body.header);
  if (body.schema !== '2.0' || !head) {
    if (!tokenOk(body.token)) return refuse(401, 'wrong verification token');
    return { kind: 'ignored', reason: 'not a 2.0 event' };
  }
  if (!tokenOk(head.token)) return refuse(401, 'wrong verification token');
  if (head.app_id !== security.appId) return refuse(403, 'event for another app');
  if (typeof head.event_id !== 'string' || !head.event_id || typeof head.event_type !== 'string') return refuse(400, 'header incomplete');
  if (!asObject(body.event)) return refuse(400, 'event missing');
  return { kind: 'event', body, eventType: head.event_type, eventId: head.event_id };
}
