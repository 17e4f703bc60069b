import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Open API received. */
export interface OpenApiCall {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  /** JSON body, or the fields of a multipart upload (files as { name, size, text }). */
  body: Record<string, unknown>;
}

export interface FakeAnswer {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Route = 'token' | 'bot-info' | 'create' | 'reply' | 'patch' | 'upload' | 'contact-user';

export const BOT_OPEN_ID = 'ou_bot';

/**
 * Feishu's Open API at the HTTP edge, on 127.0.0.1: hands out tenant tokens, answers sends with
 * message ids and records every call, so tests assert exactly what went over the wire.
 */
export async function startFakeOpenApi() {
  const calls: OpenApiCall[] = [];
  const scripted = new Map<Route, FakeAnswer[]>();
  let tokens = 0;
  let sent = 0;
  /** What the tenant's contact directory says of each open_id (mobile, employee_no). */
  const directory = new Map<string, { mobile?: string; employee_no?: string }>();
  const waiters: { check: () => boolean; resolve: () => void }[] = [];

  function routeOf(method: string, path: string): Route | null {
    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') return 'token';
    if (method === 'GET' && path === '/open-apis/bot/v3/info') return 'bot-info';
    if (method === 'POST' && path === '/open-apis/im/v1/messages') return 'create';
    if (method === 'POST' && /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/u.test(path)) return 'reply';
    if (method === 'PATCH' && /^\/open-apis\/im\/v1\/messages\/[^/]+$/u.test(path)) return 'patch';
    if (method === 'POST' && path === '/open-apis/im/v1/files') return 'upload';
    if (method === 'GET' && path.startsWith('/open-apis/contact/v3/users/')) return 'contact-user';
    return null;
  }

  function defaultAnswer(route: Route, path: string): FakeAnswer {
    switch (route) {
      case 'token':
        return { body: { code: 0, msg: 'ok', tenant_access_token: `t-${++tokens}`, expire: 7200 } };
      case 'bot-info':
        return { body: { code: 0, msg: 'ok', bot: { open_id: BOT_OPEN_ID, app_name: '归乡', activate_status: 2 } } };
      case 'create':
      case 'reply':
        return { body: { code: 0, msg: 'success', data: { message_id: `om_sent_${++sent}` } } };
      case 'patch':
        return { body: { code: 0, msg: 'success', data: {} } };
      case 'upload':
        return { body: { code: 0, msg: 'success', data: { file_key: `file_v3_${path.length}_${calls.length}` } } };
      case 'contact-user': {
        // Without the contact permissions Feishu leaves mobile and employee_no out.
        const openId = decodeURIComponent(path.slice('/open-apis/contact/v3/users/'.length));
        return { body: { code: 0, msg: 'success', data: { user: { open_id: openId, name: '', ...directory.get(openId) } } } };
      }
    }
  }

  async function readBody(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request(url, { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
      const out: Record<string, unknown> = {};
      for (const [k, v] of form.entries()) {
        out[k] = typeof v === 'string' ? v : { name: v.name, size: v.size, text: await v.text() };
      }
      return out;
    }
    if (raw.length === 0) return {};
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const route = routeOf(req.method ?? 'GET', url.pathname);
      const body = await readBody(req, url);
      const auth = req.headers.authorization;
      calls.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: auth ?? null, body });
      const answer = route ? (scripted.get(route)?.shift() ?? defaultAnswer(route, url.pathname)) : { status: 404, body: { code: 404, msg: 'not found' } };
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
      for (const w of [...waiters]) {
        if (w.check()) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    /** Calls other than token requests: what the bot actually did. */
    sends: () => calls.filter((c) => !c.path.startsWith('/open-apis/auth/') && c.path !== '/open-apis/bot/v3/info' && !c.path.startsWith('/open-apis/contact/')),
    /** Directory look-ups the bot made. */
    contactCalls: () => calls.filter((c) => c.path.startsWith('/open-apis/contact/')),
    directory,
    tokenRequests: () => calls.filter((c) => c.path.startsWith('/open-apis/auth/')),
    /** Make the next calls of a route answer this way (in order), then back to normal. */
    script(route: Route, ...answers: FakeAnswer[]) {
      scripted.set(route, [...(scripted.get(route) ?? []), ...answers]);
    },
    /** Resolves once the fake has received a call the predicate accepts. */
    waitFor(predicate: (c: OpenApiCall) => boolean, timeoutMs = 15_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => calls.some(predicate);
        if (check()) return resolve();
        const timer = setTimeout(() => reject(new Error('the fake Open API never received the expected call')), timeoutMs);
        waiters.push({ check, resolve: () => {
          clearTimeout(timer);
          resolve();
        } });
      });
    },
    /** Forget calls, scripts and counters between tests. */
    reset() {
      calls.length = 0;
      scripted.clear();
      directory.clear();
      tokens = 0;
      sent = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeOpenApi = Awaited<ReturnType<typeof startFakeOpenApi>>;
