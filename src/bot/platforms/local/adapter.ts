import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { localDirectory } from './directory.js';
import { rowsByKeys, sentToChat, payloadOf, type OutboxRow } from '../../../db/repo/outbox.js';
import type { Store } from '../../../db/store.js';
import type { InboundEvent } from '../../../domain/types.js';
import type { Dispatcher } from '../../engine/outbox/dispatcher.js';
import type { Pipeline } from '../../engine/pipeline.js';
import type { Clock, PlatformSender } from '../../engine/ports.js';
import type { PlatformAdapter, PlatformServices } from '../adapter.js';
import { localMsg } from './messages.js';
import { renderConsolePage } from './console-page.js';
import { consoleOriginGuard } from './origin-guard.js';

/**
 * The local platform "sends" by leaving the row in the outbox marked sent: the console reads
 * its chats' messages from there. Same pipeline and outbox as Telegram and Feishu.
 */
export const localSender: PlatformSender = {
  platform: 'local',
  async send(envelope) {
    return { messageId: `local:${envelope.key}` };
  },
};

/** The console as a platform: its sender always, its routes (/dev) when the console is on. */
export function createLocalAdapter(services: PlatformServices): PlatformAdapter {
  return {
    name: 'local',
    sender: localSender,
    botUsername: null,
    capabilities: { buttons: true, editInPlace: false, files: false, images: false, cards: false, privateMessages: true },
    ...(services.config.devConsole ? { registerRoutes: (app: Hono) => registerLocalRoutes(app, { ...services, publicUrl: services.config.PUBLIC_URL }) } : {}),
    async parse(payload, now) {
      const body = LocalMessage.safeParse(payload);
      return body.success ? localEvent(body.data, now, services.newId) : null;
    },
  };
}

export interface OutView {
  id: number;
  chatId: string;
  text: string;
  title?: string;
  buttons?: { label: string; value: string }[][];
  createdAt: string;
}

export function toView(row: OutboxRow): OutView {
  const p = payloadOf(row);
  const view: OutView = { id: row.id, chatId: row.chatId, text: p.text, createdAt: new Date(row.sentAt ?? row.createdAt).toISOString() };
  if (p.title) view.title = p.title;
  if (p.buttons) view.buttons = p.buttons;
  return view;
}

const id = z.string().trim().min(1).max(128);

export const LocalMessage = z
  .object({
    chatId: id,
    userId: id,
    userName: z.string().trim().min(1).max(64),
    text: z.string().max(20_000).optional(),
    button: z.string().min(1).max(64).optional(),
    eventId: z.string().min(1).max(128).optional(),
    chatType: z.enum(['group', 'private']).optional(),
    /** Message id being replied to (the console shows sent messages as local:<outbox key>). */
    replyTo: z.string().min(1).max(200).optional(),
  })
  .refine((m) => (m.text === undefined) !== (m.button === undefined), 'send either text or button');

export interface LocalDeps {
  store: Store;
  pipeline: Pipeline;
  dispatcher: Dispatcher;
  clock: Clock;
  newId: () => string;
  /** PUBLIC_URL: its host may reach the console besides loopback. */
  publicUrl?: string | undefined;
}

/** Turn a console post into the same InboundEvent any platform produces. */
export function localEvent(body: z.infer<typeof LocalMessage>, at: Date, newId: () => string): InboundEvent {
  const chatType = body.chatType ?? (body.chatId.startsWith('private') ? 'private' : 'group');
  return {
    platform: 'local',
    eventId: body.eventId ?? newId(),
    chat: { platform: 'local', chatId: body.chatId, threadId: null, type: chatType },
    sender: { userId: body.userId, displayName: body.userName },
    at,
    payload:
      body.button !== undefined
        ? { type: 'button', value: body.button }
        : { type: 'message', text: body.text ?? '', ...(body.replyTo ? { replyToMessageId: body.replyTo } : {}) },
  };
}

export function registerLocalRoutes(app: Hono, deps: LocalDeps): void {
  const guard = consoleOriginGuard(deps.publicUrl);
  app.use('/dev', guard);
  app.use('/dev/*', guard);
  app.get('/dev', async (c) => c.html(renderConsolePage(await localDirectory(deps.store.db))));

  app.post('/dev/messages', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: localMsg.tooLarge }, 413) }), async (c) => {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return c.json({ error: localMsg.notJson }, 400);
    }
    const parsed = LocalMessage.safeParse(json);
    if (!parsed.success) {
      return c.json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') }, 400);
    }
    const result = await deps.pipeline.handle(localEvent(parsed.data, deps.clock(), deps.newId));
    // The console answers with everything the message caused, later work (a ledger) included;
    // it does not hold up other requests meanwhile.
    const keys = [...result.keys, ...(result.later ? await result.later.catch(() => []) : [])];
    await deps.dispatcher.drain('local');
    const rows = await rowsByKeys(deps.store.db, keys);
    return c.json({
      // Messages the event sent to other chats (a station's notice) show up in those chats' feeds.
      replies: rows.filter((r) => r.state === 'sent' && r.chatId === parsed.data.chatId).map(toView),
      ...(result.duplicate ? { duplicate: true } : {}),
      ...(result.toast ? { toast: result.toast } : {}),
    });
  });

  app.get('/dev/messages', async (c) => {
    const chatId = c.req.query('chatId');
    const after = Number(c.req.query('after') ?? '0');
    if (!chatId || chatId.length > 128) return c.json({ error: 'chatId is required' }, 400);
    if (!Number.isInteger(after) || after < 0) return c.json({ error: 'after must be a non-negative integer' }, 400);
    // Scheduled messages (reminders, digests) are queued by the tick; deliver them on read.
    await deps.dispatcher.drain('local');
    const rows = await sentToChat(deps.store.db, 'local', chatId, after);
    return c.json({ messages: rows.map(toView) });
  });
}
