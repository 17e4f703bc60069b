import { and, asc, count, desc, eq, gt, inArray, like, lt, or, sql } from 'drizzle-orm';
import type { Button, ChartSpec, FileAttachment, OutMessage, Platform } from '../../domain/types.js';
import { outbox } from '../schema/index.js';
import { compiledWrite } from '../prepared.js';
import { perDb } from '../prepared.js';
import type { Db, Statement } from '../store.js';
import { inChunks } from './chunks.js';
import { fileBytes, storeFileStatement } from './files.js';

export type OutboxRow = typeof outbox.$inferSelect;

/** What is stored in `payload`: the platform-neutral message without its address. */
export interface StoredPayload {
  text: string;
  title?: string;
  buttons?: Button[][];
  replyTo?: string;
  editOf?: string;
  chart?: ChartSpec;
  attachment?: FileAttachment;
  mentions?: { userId: string; name: string }[];
}

/** What the row holds: an attachment is a reference to its bytes in `files`, not the bytes. */
export type RowPayload = Omit<StoredPayload, 'attachment'> & { attachment?: { fileName: string; mime: string; fileId: string } };

export function payloadOf(row: OutboxRow): RowPayload {
  return JSON.parse(row.payload) as RowPayload;
}

/** The payload as senders take it, with an attachment's bytes read back from `files`. */
export async function sendablePayload(db: Db, row: OutboxRow): Promise<StoredPayload> {
  const { attachment, ...rest } = payloadOf(row);
  if (!attachment) return rest;
  const bytes = await fileBytes(db, attachment.fileId);
  if (!bytes) throw new Error(`file ${attachment.fileId} of outbox row ${row.id} is no longer stored`);
  return { ...rest, attachment: { fileName: attachment.fileName, mime: attachment.mime, dataBase64: Buffer.from(bytes).toString('base64') } };
}

type Enqueued = { key: string; platform: string; chatId: string; threadId: string | null; payload: string; fileId: string | null; scheduled: number; nextAttemptAt: number; createdAt: number };

/**
 * INSERT OR IGNORE on the key: replays of an event or a tick add nothing. A message with a file
 * takes two statements: the bytes into `files` (once), the row referring to them. `scheduled`
 * marks a message of scheduled work, whose row outlives retention (see outbox.scheduled).
 */
export function enqueueStatements(db: Db, message: OutMessage, key: string, now: number, options: { scheduled?: boolean } = {}): Statement[] {
  const payload: RowPayload = { text: message.text };
  if (message.title) payload.title = message.title;
  if (message.buttons?.length) payload.buttons = message.buttons;
  if (message.replyTo) payload.replyTo = message.replyTo;
  if (message.editOf) payload.editOf = message.editOf;
  if (message.chart) payload.chart = message.chart;
  const file = message.attachment ? storeFileStatement(db, Buffer.from(message.attachment.dataBase64, 'base64'), now) : null;
  if (message.attachment && file) payload.attachment = { fileName: message.attachment.fileName, mime: message.attachment.mime, fileId: file.id };
  if (message.mentions?.length) payload.mentions = message.mentions;
  const row = compiledWrite<Enqueued>(db, 'enqueue', (v) =>
    db
      .insert(outbox)
      .values({
        key: v('key'),
        platform: v('platform'),
        chatId: v('chatId'),
        threadId: v('threadId'),
        payload: v('payload'),
        fileId: v('fileId'),
        scheduled: v('scheduled'),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: v('nextAttemptAt'),
        createdAt: v('createdAt'),
      })
      .onConflictDoNothing({ target: outbox.key }),
  )({
    key,
    platform: message.to.platform,
    chatId: message.to.chatId,
    threadId: message.to.threadId ?? null,
    payload: JSON.stringify(payload),
    fileId: file?.id ?? null,
    scheduled: options.scheduled ? 1 : 0,
    nextAttemptAt: Math.max(now, message.notBefore?.getTime() ?? now),
    createdAt: now,
  });
  return file ? [file.statement, row] : [row];
}

/** One message without a file, as one statement. */
export function enqueueStatement(db: Db, message: OutMessage, key: string, now: number): Statement {
  if (message.attachment) throw new Error('a message with a file takes enqueueStatements (the file is stored apart)');
  return enqueueStatements(db, message, key, now)[0]!;
}

/** Rows not yet sent, oldest first, including claimed rows whose lease ran out (a crashed sender). */
export async function unsentRows(db: Db, now: number, limit: number, platform?: Platform): Promise<OutboxRow[]> {
  const query = perDb(db, platform ? 'unsent-rows-of-platform' : 'unsent-rows', () => {
    const live = or(eq(outbox.state, 'pending'), and(eq(outbox.state, 'sending'), lt(outbox.leaseUntil, sql.placeholder('now'))));
    // The unary + keeps SQLite off the (platform, chat) index, which would walk every message ever
    // sent on the platform (9 ms a drain at 50,000 rows); the state index finds the few unsent ones.
    return db
      .select()
      .from(outbox)
      .where(platform ? and(live, sql`+${outbox.platform} = ${sql.placeholder('platform')}`) : live)
      .orderBy(asc(outbox.id))
      .limit(sql.placeholder('limit'))
      .prepare();
  });
  return query.all(platform ? { now, limit, platform } : { now, limit });
}

/** Claim a row for sending. Only one sender wins, even across processes. */
export async function claimRow(db: Db, id: number, now: number, leaseMs: number): Promise<boolean> {
  const query = perDb(db, 'claim-outbox-row', () =>
    db
      .update(outbox)
      .set({ state: 'sending', leaseUntil: sql`${sql.placeholder('leaseUntil')}` })
      .where(
        and(
          eq(outbox.id, sql.placeholder('id')),
          or(eq(outbox.state, 'pending'), and(eq(outbox.state, 'sending'), lt(outbox.leaseUntil, sql.placeholder('now')))),
        ),
      )
      .returning({ id: outbox.id })
      .prepare(),
  );
  const rows = await query.all({ id, now, leaseUntil: now + leaseMs });
  return rows.length === 1;
}

export async function markSent(db: Db, id: number, now: number, messageId: string | null): Promise<void> {
  const query = perDb(db, 'mark-outbox-sent', () =>
    db
      .update(outbox)
      .set({ state: 'sent', sentAt: sql`${sql.placeholder('now')}`, leaseUntil: null, sentMessageId: sql`${sql.placeholder('messageId')}`, attempts: 0 })
      .where(eq(outbox.id, sql.placeholder('id')))
      .prepare(),
  );
  await query.run({ id, now, messageId });
}

export async function markFailed(
  db: Db,
  id: number,
  update: { attempts: number; nextAttemptAt: number; error: string; dead: boolean; partsSent?: number },
): Promise<void> {
  await db
    .update(outbox)
    .set({
      state: update.dead ? 'dead' : 'pending',
      attempts: update.attempts,
      nextAttemptAt: update.nextAttemptAt,
      lastError: update.error.slice(0, 500),
      leaseUntil: null,
      ...(update.partsSent !== undefined ? { partsSent: update.partsSent } : {}),
    })
    .where(eq(outbox.id, id));
}

export async function deadRows(db: Db, limit = 100): Promise<OutboxRow[]> {
  return db.select().from(outbox).where(eq(outbox.state, 'dead')).orderBy(asc(outbox.id)).limit(limit);
}

export async function countByState(db: Db): Promise<Record<string, number>> {
  const rows = await db.select({ state: outbox.state, n: count() }).from(outbox).groupBy(outbox.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Dead-lettered rows per platform whose last error starts with `prefix`. */
export async function deadByPlatformWithError(db: Db, prefix: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ platform: outbox.platform, n: count() })
    .from(outbox)
    .where(and(eq(outbox.state, 'dead'), like(outbox.lastError, `${prefix}%`)))
    .groupBy(outbox.platform);
  return Object.fromEntries(rows.map((r) => [r.platform, r.n]));
}

export async function retryDead(db: Db, ids: readonly number[] | 'all', now: number): Promise<number> {
  const where = ids === 'all' ? eq(outbox.state, 'dead') : and(eq(outbox.state, 'dead'), inArray(outbox.id, [...ids]));
  const rows = await db
    .update(outbox)
    .set({ state: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(where)
    .returning({ id: outbox.id });
  return rows.length;
}

/** Messages the bot has sent to a chat after a cursor: the local console's feed. */
export async function sentToChat(db: Db, platform: Platform, chatId: string, afterId: number, limit = 200): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.platform, platform), eq(outbox.chatId, chatId), eq(outbox.state, 'sent'), gt(outbox.id, afterId)))
    .orderBy(asc(outbox.id))
    .limit(limit);
}

export async function sentMessageIdOf(db: Db, key: string): Promise<string | null> {
  const rows = await db.select({ m: outbox.sentMessageId }).from(outbox).where(and(eq(outbox.key, key), eq(outbox.state, 'sent'))).limit(1);
  return rows[0]?.m ?? null;
}

export async function rowsByKeys(db: Db, keys: readonly string[]): Promise<OutboxRow[]> {
  if (keys.length === 0) return [];
  const rows = await inChunks(keys, (slice) => db.select().from(outbox).where(inArray(outbox.key, slice)));
  return rows.sort((a, b) => a.id - b.id);
}

/** One row by id, or null. */
export async function outboxRow(db: Db, id: number): Promise<OutboxRow | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id)).limit(1);
  return row ?? null;
}

/** The newest row's id (0 when there is none): what an event's replies will come after. */
export async function lastOutboxId(db: Db): Promise<number> {
  const [row] = await db.select({ id: outbox.id }).from(outbox).orderBy(desc(outbox.id)).limit(1);
  return row?.id ?? 0;
}
