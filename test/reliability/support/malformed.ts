import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { encryptEvent, eventSignature } from '../../../src/bot/platforms/lark/crypto.js';
import { APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../../lark/support.js';
import { SECRET } from '../../telegram/support/telegram-bot.js';
import { suggestUpdate, telegramHeaders } from './payloads.js';
import type { RosterShape } from './roster.js';

export interface BadRequest {
  webhook: '/webhook/telegram' | '/webhook/lark';
  kind: string;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer>;
}

/** Deterministic pseudo-random numbers (mulberry32): a failing case can be replayed from its seed. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nest = (depth: number, open: string, close: string, inner = '0') => open.repeat(depth) + inner + close.repeat(depth);

type FieldType = 'string' | 'integer' | 'boolean' | 'object';

const ODD_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, '', '0', 'x'.repeat(300), '\u0000', '\ud800', [], [1, 'a'], {}, { a: { b: [] } }];

function typeOf(v: unknown): FieldType | 'other' {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'other';
  if (v && typeof v === 'object' && !Array.isArray(v)) return 'object';
  return 'other';
}

/** A value of any type but the field's own. */
function wrongValue(r: () => number, type: FieldType): unknown {
  const pick = ODD_VALUES.filter((v) => typeOf(v) !== type);
  return pick[Math.floor(r() * pick.length)];
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let o: Record<string, unknown> = obj;
  for (const k of path.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[path[path.length - 1]!] = value;
}

function deletePath(obj: Record<string, unknown>, path: string[]): void {
  let o: Record<string, unknown> | undefined = obj;
  for (const k of path.slice(0, -1)) o = o?.[k] as Record<string, unknown> | undefined;
  if (o) delete o[path[path.length - 1]!];
}

/** Bytes that are not UTF-8 (a lone continuation byte, an overlong form, a cut sequence) spliced into text. */
function withInvalidUtf8(text: string, r: () => number): Uint8Array<ArrayBuffer> {
  const bytes = new TextEncoder().encode(text);
  const bad = [[0x80], [0xc0, 0xaf], [0xe4, 0xbd], [0xff, 0xfe], [0xed, 0xa0, 0x80]][Math.floor(r() * 5)]!;
  const at = Math.floor(r() * bytes.length);
  const out = new Uint8Array(bytes.length + bad.length);
  out.set(bytes.subarray(0, at));
  out.set(bad, at);
  out.set(bytes.subarray(at), at + bad.length);
  return out;
}

const TELEGRAM_FIELDS: [string[], FieldType][] = [
  [['update_id'], 'integer'],
  [['message'], 'object'],
  [['message', 'message_id'], 'integer'],
  [['message', 'date'], 'integer'],
  [['message', 'chat'], 'object'],
  [['message', 'chat', 'id'], 'integer'],
  [['message', 'chat', 'type'], 'string'],
  [['message', 'from'], 'object'],
  [['message', 'from', 'id'], 'integer'],
  [['message', 'from', 'is_bot'], 'boolean'],
  [['message', 'from', 'first_name'], 'string'],
  [['message', 'text'], 'string'],
];

const UNKNOWN_TELEGRAM_KINDS = ['poll', 'poll_answer', 'channel_post', 'edited_channel_post', 'message_reaction', 'chat_join_request', 'chosen_inline_result', 'inline_query', 'shipping_query', 'chat_boost', 'business_message', 'zz_future_kind'];

/**
 * Malformed Telegram webhook calls, all with the right secret so they reach the parser:
 * broken JSON, wrong types, missing fields, huge strings, deep nesting, invalid UTF-8, unknown
 * update kinds, oversize bodies. A valid command from a joined cadre never appears among them.
 */
export function malformedTelegram(count: number, shape: RosterShape, seed = 1): BadRequest[] {
  const r = seeded(seed);
  const out: BadRequest[] = [];
  const headers = telegramHeaders(SECRET);
  const base = () => suggestUpdate(Math.floor(r() * 1e6), shape, 900_000_000) as unknown as Record<string, unknown>;
  const add = (kind: string, body: string | Uint8Array<ArrayBuffer>) => out.push({ webhook: '/webhook/telegram', kind, headers, body });
  const makers: (() => void)[] = [
    () => {
      const s = JSON.stringify(base());
      add('broken JSON', s.slice(0, Math.floor(r() * (s.length - 1))));
    },
    () => add('broken JSON', ['', '{', '}', 'null', '[]', '"update"', '42', 'true', '{"update_id":}', "{'update_id': 1}", '{"update_id": 1,,}', '\u0000'][Math.floor(r() * 12)]!),
    () => {
      const u = base();
      const [path, type] = TELEGRAM_FIELDS[Math.floor(r() * TELEGRAM_FIELDS.length)]!;
      setPath(u, path, wrongValue(r, type));
      add('wrong type', JSON.stringify(u));
    },
    () => {
      const u = base();
      // Fields Telegram always sends; text and entities are optional by design.
      const required = TELEGRAM_FIELDS.filter(([p]) => p[1] !== 'text').map(([p]) => p);
      deletePath(u, required[Math.floor(r() * required.length)]!);
      add('missing field', JSON.stringify(u));
    },
    () => {
      const u = base();
      setPath(u, ['message', 'chat', 'type'], 'x'.repeat(100_000 + Math.floor(r() * 800_000)));
      add('huge string', JSON.stringify(u));
    },
    () => add('huge string', JSON.stringify({ update_id: 'u'.repeat(200_000 + Math.floor(r() * 700_000)) })),
    () => add('deep nesting', `{"update_id": ${900_000_000 + out.length}, "message": ${nest(1_000 + Math.floor(r() * 60_000), '[', ']')}}`),
    () => add('deep nesting', `{"update_id": ${900_000_000 + out.length}, "poll": ${nest(1_000 + Math.floor(r() * 20_000), '{"a":', '}')}}`),
    () => {
      const u = base();
      deletePath(u, ['update_id']);
      add('invalid UTF-8', withInvalidUtf8(JSON.stringify(u), r));
    },
    () => {
      const u = base();
      setPath(u, ['message', 'chat', 'type'], 'channel');
      add('invalid UTF-8', withInvalidUtf8(JSON.stringify(u), r));
    },
    () => {
      const kind = UNKNOWN_TELEGRAM_KINDS[Math.floor(r() * UNKNOWN_TELEGRAM_KINDS.length)]!;
      add('unknown update kind', JSON.stringify({ update_id: 900_000_000 + out.length, [kind]: { id: 'x', from: { id: 1 }, text: '/suggest 不该记录' } }));
    },
    () => add('unknown update kind', JSON.stringify({ update_id: 900_000_000 + out.length })),
    () => {
      const u = base();
      (u.message as Record<string, unknown>).text = `/suggest ${'很长'.repeat(300_000)}`;
      add('oversize body', JSON.stringify(u));
    },
  ];
  while (out.length < count) makers[Math.floor(r() * makers.length)]!();
  return out;
}

function larkEnvelope(inner: string | Uint8Array, nowMs: number, r: () => number): { headers: Record<string, string>; body: string } {
  const encrypted = typeof inner === 'string' ? encryptEvent(ENCRYPT_KEY, inner) : encryptBytes(inner);
  const body = JSON.stringify({ encrypt: encrypted });
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = `n${Math.floor(r() * 1e9)}`;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': eventSignature(timestamp, nonce, ENCRYPT_KEY, body),
    },
  };
}

/** Encrypts raw bytes (which may not be UTF-8) the way Feishu encrypts text. */
function encryptBytes(bytes: Uint8Array): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(ENCRYPT_KEY).digest(), iv);
  return Buffer.concat([iv, cipher.update(bytes), cipher.final()]).toString('base64');
}

function larkEvent(r: () => number, eventType = 'im.message.receive_v1'): Record<string, unknown> {
  const id = `evt-bad-${Math.floor(r() * 1e12)}`;
  return {
    schema: '2.0',
    header: { event_id: id, event_type: eventType, create_time: '1796004000000', token: VERIFICATION_TOKEN, app_id: APP_ID, tenant_key: 't' },
    event: {
      sender: { sender_id: { open_id: 'ou_load_1', union_id: 'on_x', user_id: '' }, sender_type: 'user', tenant_key: 't' },
      message: { message_id: `om_${id}`, create_time: '1796004000000', chat_id: 'oc_wenquan', chat_type: 'group', message_type: 'text', content: JSON.stringify({ text: '帮助' }) },
    },
  };
}

const LARK_FIELDS: [string[], FieldType][] = [
  [['header', 'create_time'], 'string'],
  [['event', 'sender', 'sender_type'], 'string'],
  [['event', 'message', 'chat_type'], 'string'],
  [['event', 'message', 'create_time'], 'string'],
  [['event', 'message', 'mentions'], 'object'],
];

/** Fields whose wrong type must make the event unusable, whatever else it says. */
const STRICT_LARK_FIELDS: [string[], FieldType][] = [
  [['header', 'event_id'], 'string'],
  [['event', 'sender'], 'object'],
  [['event', 'sender', 'sender_id'], 'object'],
  [['event', 'sender', 'sender_id', 'open_id'], 'string'],
  [['event', 'message'], 'object'],
  [['event', 'message', 'message_id'], 'string'],
  [['event', 'message', 'chat_id'], 'string'],
  [['event', 'message', 'message_type'], 'string'],
  [['event', 'message', 'content'], 'string'],
  [['event', 'message', 'thread_id'], 'string'],
];

const UNKNOWN_LARK_KINDS = ['im.message.reaction.created_v1', 'im.message.message_read_v1', 'contact.user.created_v3', 'im.chat.updated_v1', 'application.bot.menu_v6', 'zz.future.event_v9'];

/**
 * Malformed Feishu webhook calls: most properly encrypted and signed (so they reach decryption,
 * parsing and the SDK's dispatcher), some broken before that. None is a valid message from a
 * person the bot would answer.
 */
export function malformedLark(count: number, nowMs: number, seed = 2): BadRequest[] {
  const r = seeded(seed);
  const out: BadRequest[] = [];
  const add = (kind: string, req: { headers: Record<string, string>; body: string | Uint8Array<ArrayBuffer> }) => out.push({ webhook: '/webhook/lark', kind, ...req });
  const signed = (kind: string, inner: string | Uint8Array) => add(kind, larkEnvelope(inner, nowMs, r));
  const plain = (kind: string, body: string | Uint8Array<ArrayBuffer>) => add(kind, { headers: { 'content-type': 'application/json' }, body });
  const makers: (() => void)[] = [
    () => plain('broken JSON', ['', '{', 'null', '[]', '"x"', '{"encrypt":}', '{"encrypt": 5}', '{"encrypt": null}', '{"encrypt": ["a"]}'][Math.floor(r() * 9)]!),
    () => {
      const env = larkEnvelope(JSON.stringify(larkEvent(r)), nowMs, r);
      const broken = JSON.stringify({ encrypt: ['', 'not base64!!', 'AAAA', 'A'.repeat(31), Buffer.alloc(48, 7).toString('base64')][Math.floor(r() * 5)] });
      env.headers['x-lark-signature'] = eventSignature(env.headers['x-lark-request-timestamp']!, env.headers['x-lark-request-nonce']!, ENCRYPT_KEY, broken);
      add('broken ciphertext', { headers: env.headers, body: broken });
    },
    () => {
      const s = JSON.stringify(larkEvent(r));
      signed('broken JSON', s.slice(0, Math.floor(r() * (s.length - 1))));
    },
    () => signed('broken JSON', ['[]', 'null', '"event"', '{"schema":"2.0","header":', '12'][Math.floor(r() * 5)]!),
    () => {
      // An id or content of the wrong type in an otherwise answerable 「帮助」 from a known cadre.
      const e = larkEvent(r);
      const [path, type] = STRICT_LARK_FIELDS[Math.floor(r() * STRICT_LARK_FIELDS.length)]!;
      setPath(e, path, wrongValue(r, type));
      signed('wrong type', JSON.stringify(e));
    },
    () => {
      // Fields read leniently (a time, the mentions): the message stays unanswerable as another bot's.
      const e = larkEvent(r);
      const [path, type] = LARK_FIELDS[Math.floor(r() * LARK_FIELDS.length)]!;
      setPath(e, path, wrongValue(r, type));
      if (path[2] !== 'sender_type') setPath(e, ['event', 'sender', 'sender_type'], 'app');
      signed('wrong type', JSON.stringify(e));
    },
    () => {
      const e = larkEvent(r, UNKNOWN_LARK_KINDS[Math.floor(r() * UNKNOWN_LARK_KINDS.length)]!);
      const [path, type] = STRICT_LARK_FIELDS[Math.floor(r() * STRICT_LARK_FIELDS.length)]!;
      setPath(e, path, wrongValue(r, type));
      signed('wrong type', JSON.stringify(e));
    },
    () => {
      const e = larkEvent(r);
      deletePath(e, [['header', 'event_id'], ['header', 'event_type'], ['header', 'app_id'], ['event'], ['event', 'sender'], ['event', 'sender', 'sender_id'], ['event', 'message'], ['event', 'message', 'chat_id'], ['event', 'message', 'content']][Math.floor(r() * 9)]!);
      signed('missing field', JSON.stringify(e));
    },
    () => {
      const e = larkEvent(r, 'card.action.trigger');
      e.event = { operator: { open_id: wrongValue(r, 'string') }, action: wrongValue(r, 'object'), context: { open_chat_id: wrongValue(r, 'string') } };
      signed('wrong type', JSON.stringify(e));
    },
    () => {
      const e = larkEvent(r, UNKNOWN_LARK_KINDS[Math.floor(r() * UNKNOWN_LARK_KINDS.length)]!);
      setPath(e, ['event', 'blob'], 'x'.repeat(50_000 + Math.floor(r() * 130_000)));
      signed('huge string', JSON.stringify(e));
    },
    () => {
      const e = larkEvent(r);
      setPath(e, ['header', 'event_id'], `e${'9'.repeat(100_000)}`);
      setPath(e, ['event', 'sender', 'sender_type'], 'app');
      signed('huge string', JSON.stringify(e));
    },
    () => signed('deep nesting', JSON.stringify({ schema: '2.0', header: (larkEvent(r).header as object) }).replace(/\}$/u, `,"event":${nest(500 + Math.floor(r() * 20_000), '{"a":', '}')}}`)),
    () => signed('deep nesting', nest(1_000 + Math.floor(r() * 30_000), '[', ']')),
    () => {
      const e = larkEvent(r);
      setPath(e, ['event', 'sender', 'sender_type'], 'app');
      signed('invalid UTF-8', withInvalidUtf8(JSON.stringify(e), r));
    },
    () => plain('invalid UTF-8', withInvalidUtf8(JSON.stringify({ encrypt: 'abc' }), r)),
    () => signed('unknown event type', JSON.stringify(larkEvent(r, UNKNOWN_LARK_KINDS[Math.floor(r() * UNKNOWN_LARK_KINDS.length)]!))),
    () => signed('unknown event type', JSON.stringify({ schema: '1.0', uuid: 'x', token: VERIFICATION_TOKEN, event: { type: 'message' } })),
    () => {
      const e = larkEvent(r, 'zz.future.event_v9');
      setPath(e, ['event', 'blob'], 'y'.repeat(300_000));
      signed('oversize body', JSON.stringify(e));
    },
  ];
  while (out.length < count) makers[Math.floor(r() * makers.length)]!();
  return out;
}
