import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import { refusal } from './errors.js';

export type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true } | { ok: false; busy: true } | { ok: false; tooSlow: true };

const TOO_LARGE: BodyRead = { ok: false, tooLarge: true };
const BUSY: BodyRead = { ok: false, busy: true };
const TOO_SLOW: BodyRead = { ok: false, tooSlow: true };

/**
 * Bounds the bodies of one route read at the same time. A body read before it can be checked
 * (Feishu signs the bytes, so all of them are needed first) costs memory up to its limit: 4,000
 * slow senders of 256 KB each took the server from 115 to 888 MB. Past the bound a request is
 * answered 503 at once, and a platform's retry finds room; each read also has a deadline.
 */
export interface BodyGate {
  readonly max: number;
  readonly timeoutMs: number;
  inFlight: number;
}

export function createBodyGate(max: number, timeoutMs = 10_000): BodyGate {
  return { max, timeoutMs, inFlight: 0 };
}

/** readBody within a gate: refused when the gate is full, given up on past its deadline. */
export async function readBodyGated(c: Context, limit: number, gate: BodyGate): Promise<BodyRead> {
  if (gate.inFlight >= gate.max) return BUSY;
  gate.inFlight++;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<BodyRead>((resolve) => {
    timer = setTimeout(() => {
      // The connection is what holds the memory: closed, its buffered chunks go with it.
      (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.destroy();
      resolve(TOO_SLOW);
    }, gate.timeoutMs);
  });
  try {
    return await Promise.race([readBody(c, limit), deadline]);
  } finally {
    clearTimeout(timer);
    gate.inFlight--;
  }
}

/**
 * The answer to a body that was not read: 503 when its gate was full (the platform retries
 * later), 408 when it did not arrive in time; past its limit, a 413 refusal (thrown).
 */
export function notRead(c: Context, body: Exclude<BodyRead, { ok: true }>): Response {
  if ('busy' in body) return c.json({ error: 'busy, retry later' }, 503);
  if ('tooSlow' in body) return c.json({ error: 'body not received in time' }, 408);
  throw refusal(413, 'body too large');
}

/** Unverified bodies a platform's route reads at once: far above real traffic (64 × 64 KB is 4 MB). */
export const UNVERIFIED_IN_FLIGHT = 64;

/**
 * A webhook's body as UTF-8 text (invalid bytes become U+FFFD, as with `Request.text()`), refused
 * past `limit` bytes whether or not the request declares its length. Under @hono/node-server the
 * bytes are read from Node's request directly: going through `c.req` builds a web Request and a
 * web stream for every webhook, a tenth of what a webhook cost. Elsewhere (Workers, `app.request`
 * in tests) it reads `c.req`.
 */
export async function readBody(c: Context, limit: number): Promise<BodyRead> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) return TOO_LARGE;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && typeof incoming.on === 'function' && !incoming.readableEnded) return readIncoming(incoming, limit);
  const body = c.req.raw.body;
  if (!body) return { ok: true, text: '' };
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return TOO_LARGE;
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(bytes) };
}

function readIncoming(incoming: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      // Answered now; the rest is read and dropped by the server once the answer is sent.
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      chunks.length = 0;
      resolve(TOO_LARGE);
    };
    // TextDecoder, as Request.text() uses, drops a byte order mark; so does this.
    const onEnd = () => resolve({ ok: true, text: Buffer.concat(chunks, size).toString('utf8').replace(/^\uFEFF/u, '') });
    incoming.on('data', onData);
    incoming.once('end', onEnd);
    incoming.once('error', reject);
  });
}
