import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One request the fake DingTalk OpenAPI received. */
export interface DingTalkCall {
  route: Route | null;
  path: string;
  query: Record<string, string>;
  token: string | null;
  /** JSON body (msgParam parsed), or the fields of a multipart upload (files as { name, size }). */
  body: Record<string, unknown>;
}

export interface FakeAnswer {
  status?: number;
  body: unknown;
}

export type Route = 'token' | 'group' | 'private' | 'upload' | 'gateway';

/** What the stream client sends back for a frame. */
export interface StreamAck {
  code: number;
  headers: { contentType?: string; messageId: string };
  message?: string;
  data: string;
}

/**
 * DingTalk's OpenAPI at the HTTP edge on 127.0.0.1 (the new API and the older /media/upload on
 * one port): hands out access tokens, answers sends, and records every call. It is the stream
 * gateway too: /v1.0/gateway/connections/open answers with a WebSocket endpoint on the same port,
 * which pushes robot messages as CALLBACK frames and collects the client's acknowledgements.
 */
export async function startFakeDingTalk() {
  const calls: DingTalkCall[] = [];
  const scripted = new Map<Route, FakeAnswer[]>();
  let tokens = 0;
  let sent = 0;
  let media = 0;
  let tickets = 0;
  let port = 0;
  const sockets: WebSocket[] = [];
  const acks: StreamAck[] = [];
  function routeOf(method: string, path: string): Route | null {
    if (method !== 'POST') return null;
    if (path === '/v1.0/oauth2/accessToken') return 'token';
    if (path === '/v1.0/robot/groupMessages/send') return 'group';
    if (path === '/v1.0/robot/oToMessages/batchSend') return 'private';
    if (path === '/media/upload') return 'upload';
    if (path === '/v1.0/gateway/connections/open') return 'gateway';
    return null;
  }

  function defaultAnswer(route: Route, body: Record<string, unknown>): FakeAnswer {
    switch (route) {
      case 'token':
        return body.appKey === 'ding-client-id' && body.appSecret === 'ding-client-secret'
          ? { body: { accessToken: `at-${++tokens}`, expireIn: 7200 } }
          : { status: 400, body: { code: 'invalidClientIdOrSecret', message: 'wrong key or secret' } };
      case 'group':
      case 'private':
        return { body: { processQueryKey: `pqk-${++sent}`, invalidStaffIdList: [], flowControlledStaffIdList: [] } };
      case 'upload':
        return { body: { errcode: 0, errmsg: 'ok', type: 'file', media_id: `@media-${++media}`, created_at: 1 } };
      case 'gateway':
        return body.clientId === 'ding-client-id' && body.clientSecret === 'ding-client-secret'
          ? { body: { endpoint: `ws://127.0.0.1:${port}/connect`, ticket: `ticket-${++tickets}` } }
          : { status: 401, body: { code: 'InvalidAuthentication', message: 'wrong client' } };
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
      for (const [k, v] of form.entries()) out[k] = typeof v === 'string' ? v : { name: v.name, size: v.size };
      return out;
    }
    if (raw.length === 0) return {};
    const json = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    if (typeof json.msgParam === 'string') json.msgParam = JSON.parse(json.msgParam) as unknown;
    return json;
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const route = routeOf(req.method ?? 'GET', url.pathname);
      const body = await readBody(req, url);
      const header = req.headers['x-acs-dingtalk-access-token'];
      const token = typeof header === 'string' ? header : (url.searchParams.get('access_token') ?? null);
      calls.push({ route, path: url.pathname, query: Object.fromEntries(url.searchParams), token, body });
      const answer = route ? (scripted.get(route)?.shift() ?? defaultAnswer(route, body)) : { status: 404, body: { code: 'NotFound', message: 'not found' } };
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    })();
  });
  const wss = new WebSocketServer({ server, path: '/connect' });
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (raw) => acks.push(JSON.parse(String(raw)) as StreamAck));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  async function until(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`the fake DingTalk waited in vain for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    /** Message sends and uploads: what the bot actually did. */
    sends: () => calls.filter((c) => c.route !== 'token' && c.route !== 'gateway'),
    tokenRequests: () => calls.filter((c) => c.route === 'token'),
    /** Make the next calls of a route answer this way (in order), then back to normal. */
    script(route: Route, ...answers: FakeAnswer[]) {
      scripted.set(route, [...(scripted.get(route) ?? []), ...answers]);
    },
    /** Stream connections opened so far, and the acknowledgements received on them. */
    connections: () => sockets.length,
    acks,
    /** Push a robot message on the newest stream connection as DingTalk does: a CALLBACK frame on the robot topic. */
    push(frameId: string, message: unknown) {
      const frame = {
        specVersion: '1.0',
        type: 'CALLBACK',
        headers: { appId: 'app', connectionId: `c-${sockets.length}`, contentType: 'application/json', messageId: frameId, time: '1796004000000', topic: '/v1.0/im/bot/messages/get' },
        data: JSON.stringify(message),
      };
      sockets[sockets.length - 1]!.send(JSON.stringify(frame));
    },
    /** Cut the newest stream connection, as a network failure would. */
    dropConnection: () => sockets[sockets.length - 1]!.terminate(),
    until,
    reset() {
      acks.length = 0;
      calls.length = 0;
      scripted.clear();
      tokens = 0;
      sent = 0;
      media = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

export type FakeDingTalk = Awaited<ReturnType<typeof startFakeDingTalk>>;
