/**
 * (a) The ceiling: a bare Hono POST handler that parses the JSON body and answers 200, served by
 * @hono/node-server as our server is. Prints its address once listening.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/webhook', async (c) => {
  const body: unknown = await c.req.json();
  return c.json({ ok: body !== null });
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening http://127.0.0.1:${info.port}`));
// Idle connections kept as long as our server keeps them (src/node.ts), so all hold the sender's.
Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
