import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { localDirectory } from './directory.js';
import { lastOutboxId, outboxRow, rowsByKeys, sentToChat, payloadOf, type OutboxRow } from '../../../db/repo/outbox.js';
import { fileBytes } from '../../../db/repo/files.js';
import type { Store } from '../../../db/store.js';
import type { InboundEvent } from '../../../domain/types.js';
import type { Dispatcher } from '../../engine/outbox/dispatcher.js';
import type { Pipeline } from '../../engine/pipeline.js';
import type { Clock, PlatformSender } from '../../engine/ports.js';
import type { PlatformAdapter, PlatformServices } from '../adapter.js';
import { localMsg } from './messages.js';
import { renderConsolePage } from './console/page.js';
import { createSaidLog } from './said-log.js';
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
  /** A file the bot sent, downloadable from the console. */
  file?: { name: string; url: string };
  createdAt: string;
}

export function toView(row: OutboxRow): OutView {
  const p = payloadOf(row);
  const view: OutView = { id: row.id, chatId: row.chatId, text: p.text, createdAt: new Date(row.sentAt ?? row.createdAt).toISOString() };
  if (p.title) view.title = p.title;
  if (p.buttons) view.buttons = p.buttons;
  if (p.attachment) view.file = { name: p.attachment.fileName, url: `/dev/files/${row.id}` };
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
    /** The pressed button's label, so the chat can show what was pressed. */
    label: z.string().max(64).optional(),
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
  // What people said in each chat, so a reloaded page shows the conversation and not only the bot.
  const said = createSaidLog();

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
    const body = parsed.data;
    const afterId = await lastOutboxId(deps.store.db);
    const result = await deps.pipeline.handle(localEvent(body, deps.clock(), deps.newId));
    if (!result.duplicate) {
      said.add(body.chatId, {
        afterId,
        userName: body.userName,
        text: body.text ?? localMsg.pressed(body.label || body.button || ''),
        ...(body.text === undefined ? { note: true } : {}),
        at: deps.clock().toISOString(),
      });
    }
    // The console answers with everything the message caused, later work (a ledger) included;
    // it does not hold up other requests meanwhile.
    const keys = [...result.keys, ...(result.later ? await result.later.catch(() => []) : [])];
    await deps.dispatcher.drain('local');
    const rows = (await rowsByKeys(deps.store.db, keys)).filter((r) => r.state === 'sent');
    const elsewhere = new Map<string, number>();
    for (const r of rows) if (r.chatId !== body.chatId) elsewhere.set(r.chatId, (elsewhere.get(r.chatId) ?? 0) + 1);
    return c.json({
      replies: rows.filter((r) => r.chatId === body.chatId).map(toView),
      // Messages the event sent to other chats (a private notice, a station's) show up in those chats' feeds.
      ...(elsewhere.size > 0 ? { elsewhere: [...elsewhere].map(([chatId, count]) => ({ chatId, count })) } : {}),
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
    return c.json({ messages: rows.map(toView), ...(after === 0 ? { said: said.of(chatId) } : {}) });
  });

  app.get('/dev/files/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const row = Number.isSafeInteger(id) && id > 0 ? await outboxRow(deps.store.db, id) : null;
    const file = row && row.platform === 'local' && row.state === 'sent' ? payloadOf(row).attachment : undefined;
    // Sent files go after the retention (src/db/repo/retention.ts): an old link then finds nothing.
    const bytes = file ? await fileBytes(deps.store.db, file.fileId) : null;
    if (!file || !bytes) return c.json({ error: localMsg.noFile }, 404);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': file.mime,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
    });
  });
}
