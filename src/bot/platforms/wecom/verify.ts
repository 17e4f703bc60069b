import { decryptMessage, msgSignature, sameSignature } from './crypto.js';

export interface WecomSecurity {
  token: string;
  encodingAesKey: string;
  /** '' for an internal smart robot (智能机器人); the corp id for a self-built app. */
  receiveId: string;
}

/**
 * A signed callback older or newer than this is a replay (or a badly wrong clock); refused.
 * WeCom signs each push with the time it sends it and expects an answer within 5 seconds, so a
 * genuine delivery is never minutes old.
 */
export const MAX_SKEW_MS = 5 * 60_000;

export type WecomVerified =
  | { kind: 'echo'; echo: string }
  | { kind: 'event'; body: Record<string, unknown> }
  | { kind: 'refused'; status: 400 | 401; reason: string };

const refuse = (status: 400 | 401, reason: string): WecomVerified => ({ kind: 'refused', status, reason });

interface Signed {
  signature: string | undefined;
  timestamp: string | undefined;
  nonce: string | undefined;
}

function checkSignature(q: Signed, encrypted: string, security: WecomSecurity, nowMs: number): WecomVerified | null {
  if (!q.signature || !q.timestamp || !q.nonce) return refuse(400, 'msg_signature, timestamp and nonce are required');
  if (!/^\d{1,12}$/u.test(q.timestamp)) return refuse(400, 'timestamp is not a number');
  if (Math.abs(nowMs - Number(q.timestamp) * 1000) > MAX_SKEW_MS) return refuse(401, 'timestamp is too far from now');
  if (!sameSignature(msgSignature(security.token, q.timestamp, q.nonce, encrypted), q.signature)) return refuse(401, 'signature does not match');
  return null;
}

function decrypt(encrypted: string, security: WecomSecurity): string | null {
  try {
    return decryptMessage(security.encodingAesKey, encrypted, security.receiveId);
  } catch {
    return null;
  }
}

/** GET /webhook/wecom: the URL check WeCom makes when the callback is saved (answer the plaintext within 1 s). */
export function verifyWecomEcho(q: Signed & { echostr: string | undefined }, security: WecomSecurity, nowMs: number): WecomVerified {
  if (!q.echostr) return refuse(400, 'echostr is required');
  const bad = checkSignature(q, q.echostr, security, nowMs);
  if (bad) return bad;
  const echo = decrypt(q.echostr, security);
  return echo === null ? refuse(401, 'echostr does not decrypt') : { kind: 'echo', echo };
}

/**
 * POST /webhook/wecom: `{"encrypt": "…"}` signed in the query string. Decides before anything is
 * parsed into an event, so a forged, stale or malformed request never reaches the pipeline.
 */
export function verifyWecomPost(q: Signed, raw: string, security: WecomSecurity, nowMs: number): WecomVerified {
  let outer: unknown;
  try {
    outer = JSON.parse(raw);
  } catch {
    return refuse(400, 'body is not JSON');
  }
  const encrypted = outer && typeof outer === 'object' ? (outer as Record<string, unknown>).encrypt : undefined;
  if (typeof encrypted !== 'string' || encrypted === '') return refuse(400, 'an encrypted body was expected');
  const bad = checkSignature(q, encrypted, security, nowMs);
  if (bad) return bad;
  const plain = decrypt(encrypted, security);
  if (plain === null) return refuse(401, 'body does not decrypt');
  try {
    const body = JSON.parse(plain) as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'decrypted body is not a JSON object');
    return { kind: 'event', body: body as Record<string, unknown> };
  } catch {
    return refuse(400, 'decrypted body is not JSON');
  }
}
