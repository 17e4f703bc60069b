import { blob, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Bytes of files the bot sends (ledger workbooks, 转交单), stored once and referenced from outbox
 * payloads by id, so a 13 MB workbook is not copied as 17 MB of base64 into a JSON row and kept
 * there. The id is the SHA-256 of the bytes: the same file sent twice is stored once.
 */
export const files = sqliteTable('files', {
  id: text('id').primaryKey(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  size: integer('size').notNull(),
  createdAt: integer('created_at').notNull(),
});
