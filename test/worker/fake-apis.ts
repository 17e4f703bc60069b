import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface SeenCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export interface FakeApi {
  url: string;
  calls: SeenCall[];
  /** Resolves once `count` calls matching `pick` have arrived (sends run after the webhook answered). */
  waitFor(pick: (c: SeenCall) => boolean, count?: number, timeoutMs?: number): Promise<SeenCall[]>;
  close(): Promise<void>;
}

type Route = (call: SeenCall, res: ServerResponse) => void;

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { raw: text };
  }
}

/** An HTTP server on 127.0.0.1 (an ephemeral port) that records every call and answers by `route`. */
async function startFake(route: Route): Promise<FakeApi> {
  const calls: SeenCall[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const call = { method: req.method ?? 'GET', path: url.pathname + url.search, body };
      calls.push(call);
      route(call, res);
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake API has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    calls,
    waitFor(pick, count = 1, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hits = calls.filter(pick);
          if (hits.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hits);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${count} call(s); saw ${calls.map((c) => c.path).join(', ') || 'none'}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The Bot API at its HTTP edge: `POST /bot<token>/<method>`. `failNext` makes the next sends
 * answer 429 with retry_after, as Telegram does when a group's limit is hit.
 */
export async function startFakeTelegram(token: string) {
  let messageId = 100;
  const state = { failNext: 0 };
  const api = await startFake((call, res) => {
    const prefix = `/bot${token}/`;
    if (!call.path.startsWith(prefix)) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const method = call.path.slice(prefix.length);
    if (method === 'sendMessage' && state.failNext > 0) {
      state.failNext--;
      return reply(res, 429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    }
    if (method === 'sendMessage' || method === 'editMessageText') {
      const chatId = Number(call.body.chat_id);
      return reply(res, 200, {
        ok: true,
        result: { message_id: ++messageId, date: 1796083200, chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' }, text: call.body.text },
      });
    }
    return reply(res, 200, { ok: true, result: true });
  });
  return Object.assign(api, { state, sends: (chatId: number) => api.calls.filter((c) => c.path.endsWith('/sendMessage') && String(c.body.chat_id) === String(chatId)) });
}

/**
 * Feishu's Open API at its HTTP edge: the tenant token, the bot's own identity, and sending or
 * replying to messages. Anything else answers a Feishu-style error so an unexpected call shows up.
 */
export async function startFakeLark(botOpenId: string) {
  let messageId = 0;
  const api = await startFake((call, res) => {
    const path = call.path.split('?')[0]!;
    if (path === '/open-apis/auth/v3/tenant_access_token/internal') {
      return reply(res, 200, { code: 0, msg: 'ok', tenant_access_token: 't-worker-e2e', expire: 7200 });
    }
    if (path === '/open-apis/bot/v3/info') return reply(res, 200, { code: 0, msg: 'ok', bot: { open_id: botOpenId, app_name: '归乡' } });
    if (call.method === 'POST' && (path === '/open-apis/im/v1/messages' || /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/u.test(path))) {
      return reply(res, 200, { code: 0, msg: 'success', data: { message_id: `om_sent_${++messageId}` } });
    }
    return reply(res, 404, { code: 99991672, msg: `no fake for ${call.method} ${path}` });
  });
  const isSend = (c: SeenCall) => c.method === 'POST' && /^\/open-apis\/im\/v1\/messages(\?|\/[^/]+\/reply)/u.test(c.path);
  return Object.assign(api, { isSend, sends: () => api.calls.filter(isSend) });
}
