import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file grammY uploaded in a multipart request. */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

export interface ApiCall {
  method: string;
  /** The parameters as Telegram would read them; uploaded files appear as UploadedFile. */
  payload: Record<string, unknown>;
  at: number;
}

export interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export const BOT_INFO = {
  id: 7000000001,
  is_bot: true,
  first_name: '归乡',
  username: 'guixiang_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

/**
 * The Bot API at its HTTP edge: answers what Telegram answers, records every call, and fails the
 * next calls of a method on request. Used as grammY's `client.fetch`, or behind a real loopback
 * server for the spawned-process test.
 */
export function fakeBotApi() {
  const calls: ApiCall[] = [];
  /** Per method, what the next calls meet: a failure, or null for a normal answer. */
  const failures = new Map<string, (ApiFailure | null)[]>();
  const updates: unknown[] = [];
  let nextMessageId = 1000;
  let gate: Promise<void> | null = null;
  let held = 0;

  function answer(method: string, payload: Record<string, unknown>): unknown {
    calls.push({ method, payload, at: Date.now() });
    const failure = failures.get(method)?.shift();
    if (failure) return { ok: false, ...failure };
    const chat = { id: Number(payload.chat_id), type: Number(payload.chat_id) > 0 ? 'private' : 'supergroup' };
    switch (method) {
      case 'getMe':
        return { ok: true, result: BOT_INFO };
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument':
        return { ok: true, result: { message_id: ++nextMessageId, date: 1796090400, chat, ...(typeof payload.text === 'string' ? { text: payload.text } : {}) } };
      case 'editMessageText':
        return { ok: true, result: { message_id: Number(payload.message_id), date: 1796090400, chat, text: payload.text } };
      case 'getUpdates':
        return { ok: true, result: updates.splice(0) };
      default:
        return { ok: true, result: true };
    }
  }

  const fetch = (async (input: unknown, init?: { body?: unknown; headers?: Record<string, string> }) => {
    const url = typeof input === 'string' ? input : String((input as { url?: string }).url ?? input);
    const method = url.slice(url.lastIndexOf('/') + 1);
    const payload = await readPayload(init?.body, init?.headers?.['content-type'] ?? '');
    if (gate) {
      held++;
      await gate;
    }
    if (method === 'getUpdates' && updates.length === 0) await new Promise((r) => setTimeout(r, 20));
    return new Response(JSON.stringify(answer(method, payload)), { headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;

  return {
    calls,
    fetch,
    answer,
    /** After `skip` normal answers, the next `times` calls of `method` fail with this Bot API error. */
    fail(method: string, failure: ApiFailure, times = 1, skip = 0) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < skip; i++) list.push(null);
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    /** Calls hang, as on a congested Bot API, until the returned function is called. */
    hold(): () => void {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    /** How many calls have arrived while held. */
    held: () => held,
    /** Queue updates for getUpdates (long polling). */
    queueUpdates(...u: unknown[]) {
      updates.push(...u);
    },
    callsOf(method: string) {
      return calls.filter((c) => c.method === method);
    },
    /** Every send* call in order, the way people in the chats would see them arrive. */
    sends() {
      return calls.filter((c) => c.method.startsWith('send'));
    },
    clear() {
      calls.length = 0;
    },
  };
}
export type FakeBotApi = ReturnType<typeof fakeBotApi>;

/** The fake behind a real HTTP server on 127.0.0.1, for a bot running in another process. */
export async function serveFakeBotApi(
  fake: FakeBotApi,
  options: { /** Every answer leaves this long after the request came in, as over a real network. */ answerAfterMs?: number } = {},
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      const came = performance.now();
      const body = await readAll(req);
      const method = (req.url ?? '').split('?')[0]!.split('/').pop() ?? '';
      const payload = await readPayload(body, req.headers['content-type'] ?? '');
      const answer = JSON.stringify(fake.answer(method, payload));
      const wait = (options.answerAfterMs ?? 0) - (performance.now() - came);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      res.setHeader('content-type', 'application/json');
      res.end(answer);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function readPayload(body: unknown, contentType: string): Promise<Record<string, unknown>> {
  if (body === undefined || body === null) return {};
  const bytes =
    typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : await readAll(body as AsyncIterable<unknown>);
  if (bytes.length === 0) return {};
  const boundary = /boundary=([^;]+)/u.exec(contentType)?.[1];
  if (!boundary) return JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  return parseMultipart(bytes, boundary);
}

/** grammY's multipart: plain fields (objects as JSON) and files referenced as attach://id. */
function parseMultipart(bytes: Buffer, boundary: string): Record<string, unknown> {
  const text = bytes.toString('latin1');
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  for (const part of text.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const value = part.slice(split + 4).replace(/\r\n$/u, '');
    const name = /name="([^"]+)"/u.exec(head)?.[1];
    if (!name) continue;
    const fileName = /filename=([^\r\n;]+)/u.exec(head)?.[1];
    if (fileName) files[name] = { fileName: Buffer.from(fileName, 'latin1').toString('utf8'), bytes: Buffer.from(value, 'latin1') };
    else fields[name] = Buffer.from(value, 'latin1').toString('utf8');
  }
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const attach = /^attach:\/\/(.+)$/u.exec(v);
    if (attach && files[attach[1]!]) payload[k] = files[attach[1]!];
    else payload[k] = /^[[{]/u.test(v) ? (JSON.parse(v) as unknown) : v;
  }
  return payload;
}
