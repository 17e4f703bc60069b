import { asc, inArray } from 'drizzle-orm';
import { nudges, schedulerJobs } from '../schema/index.js';
import type { Db, Statement } from '../store.js';
import { inChunks } from './chunks.js';

/** Which of these jobs are already done. */
export async function doneJobs(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await inChunks(keys, (slice) => db.select({ key: schedulerJobs.key }).from(schedulerJobs).where(inArray(schedulerJobs.key, slice)));
  return new Set(rows.map((r) => r.key));
}

/**
 * Plain INSERT on purpose: when another tick (or process) did the same job first, the whole
 * write fails and none of its messages are queued.
 */
export function jobDoneStatement(db: Db, key: string, at: number): Statement {
  return db.insert(schedulerJobs).values({ key, doneAt: at });
}

export interface StoredNudge {
  week: string;
  sentAt: number;
  escalated: boolean;
}

export async function nudgeHistoryOf(db: Db, personIds: readonly string[]): Promise<Map<string, StoredNudge[]>> {
  const out = new Map<string, StoredNudge[]>();
  if (personIds.length === 0) return out;
  // Each person falls in one slice, so every person's history stays in sending order.
  const rows = await inChunks(personIds, (slice) => db.select().from(nudges).where(inArray(nudges.personId, slice)).orderBy(asc(nudges.sentAt)));
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    list.push({ week: r.week, sentAt: r.sentAt, escalated: r.escalated === 1 });
    out.set(r.personId, list);
  }
  return out;
}

/** Plain INSERT: one reminder per person and week (the cadence allows fewer), and a racing tick's write fails whole. */
export function nudgeStatement(db: Db, row: { personId: string; week: string; sentAt: number; missing: readonly string[]; escalated: boolean }): Statement {
  return db.insert(nudges).values({ personId: row.personId, week: row.week, sentAt: row.sentAt, missing: JSON.stringify(row.missing), escalated: row.escalated ? 1 : 0 });
}
