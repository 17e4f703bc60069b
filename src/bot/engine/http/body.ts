import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

export type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true };

const TOO_LARGE: BodyRead = { ok: false, tooLarge: true };

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
