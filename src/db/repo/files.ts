import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { files } from '../schema/index.js';
import type { Db, Statement } from '../store.js';

export interface StoredFile {
  id: string;
  statement: Statement;
}

/** The statement storing `bytes` once (nothing if the same bytes are stored), and their id. */
export function storeFileStatement(db: Db, bytes: Uint8Array, now: number): StoredFile {
  const id = createHash('sha256').update(bytes).digest('hex');
  const statement = db.insert(files).values({ id, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), size: bytes.byteLength, createdAt: now }).onConflictDoNothing();
  return { id, statement };
}

export async function fileBytes(db: Db, id: string): Promise<Uint8Array | null> {
  const rows = await db.select({ bytes: files.bytes }).from(files).where(eq(files.id, id)).limit(1);
  return rows[0]?.bytes ?? null;
}

/**
 * Files no outbox row still refers to, past the retention. A file queued for a message not yet
 * sent stays however old it is: nothing acknowledged is lost.
 */
export function pruneFilesStatement(db: Db, before: number): Statement {
  return db.delete(files).where(
    sql`${files.createdAt} < ${before} and not exists (select 1 from outbox o where o.file_id = ${files.id} and o.state in ('pending', 'sending', 'dead'))`,
  );
}
