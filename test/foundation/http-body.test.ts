import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../src/bot/engine/http/body.js';

const LIMIT = 1024;
const app = new Hono();
app.post('/echo', async (c) => {
  const body = await readBody(c, LIMIT);
  return body.ok ? c.json({ text: body.text, length: body.text.length }) : c.json({ error: 'too large' }, 413);
});

let server: ReturnType<typeof serve>;
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port;
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends the chunks as they are, with Transfer-Encoding: chunked unless a length is given. */
function post(chunks: Buffer[], headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/echo', method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('webhook bodies read from Node directly', () => {
  it('joins chunks split inside a character', async () => {
    const bytes = Buffer.from('温泉村建议', 'utf8');
    expect(await post([bytes.subarray(0, 4), bytes.subarray(4)])).toEqual({ status: 200, body: JSON.stringify({ text: '温泉村建议', length: 5 }) });
  });

  it('refuses a chunked body past the limit although no length was declared', async () => {
    const res = await post([Buffer.alloc(800, 0x61), Buffer.alloc(800, 0x61)]);
    expect(res.status).toBe(413);
  });

  it('refuses a declared length past the limit before reading', async () => {
    const res = await post([Buffer.alloc(2000, 0x61)], { 'content-length': '2000' });
    expect(res.status).toBe(413);
  });

  it('reads exactly the limit, drops a byte order mark and replaces invalid bytes as Request.text() does', async () => {
    expect((await post([Buffer.alloc(LIMIT, 0x61)])).status).toBe(200);
    const bom = await post([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]);
    expect(JSON.parse(bom.body)).toEqual({ text: '{"a":1}', length: 7 });
    const bad = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const expected = await new Request('http://x', { method: 'POST', body: bad }).text();
    expect(JSON.parse((await post([bad])).body).text).toBe(expected);
  });

  it('answers the next request on the same connection after refusing one', async () => {
    expect((await post([Buffer.alloc(5000, 0x61)])).status).toBe(413);
    expect((await post([Buffer.from('ok')])).status).toBe(200);
  });
});

describe('webhook bodies through a Request (Workers, app.request)', () => {
  it('counts the bytes of a body without a declared length', async () => {
    const stream = (n: number) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(n).fill(0x61));
          controller.enqueue(new Uint8Array(n).fill(0x61));
          controller.close();
        },
      });
    const send = (n: number) => app.request('/echo', { method: 'POST', body: stream(n), duplex: 'half' } as RequestInit);
    expect((await send(600)).status).toBe(413);
    expect(await (await send(100)).json()).toEqual({ text: 'a'.repeat(200), length: 200 });
  });
});
