import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface TableDigest {
  rows: number;
  sha256: string;
}

export interface BackupManifest {
  createdAt: string;
  tables: Record<string, TableDigest>;
}

/**
 * Row count and a checksum of every table, read in one read transaction so they describe a single
 * moment. Rows are hashed in rowid/primary-key order, so the same data gives the same digest.
 */
export function digestDatabase(db: Database.Database): Record<string, TableDigest> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const read = db.transaction(() => {
    const out: Record<string, TableDigest> = {};
    for (const { name } of tables) {
      const quoted = `"${name.replace(/"/gu, '""')}"`;
      const hash = createHash('sha256');
      let rows = 0;
      for (const row of db.prepare(`SELECT * FROM ${quoted} ORDER BY 1, 2`).raw().iterate()) {
        hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
        hash.update('\n');
        rows++;
      }
      out[name] = { rows, sha256: hash.digest('hex') };
    }
    return out;
  });
  return read.deferred();
}

/**
 * A consistent copy of a live database with VACUUM INTO: it reads one snapshot (WAL lets writers
 * carry on meanwhile), so the copy is one point in time. The step-wise online backup API would
 * restart on every write from another connection and may never finish on a busy bot. A manifest
 * with counts and checksums is written beside the copy.
 */
export async function backupDatabase(sourcePath: string, targetPath: string, now: Date): Promise<BackupManifest> {
  if (existsSync(targetPath)) throw new Error(`${targetPath} already exists; choose a new file name`);
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    source.prepare('VACUUM INTO ?').run(targetPath);
  } finally {
    source.close();
  }
  const copy = new Database(targetPath, { readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`backup failed its integrity check: ${String(check)}`);
    const manifest: BackupManifest = { createdAt: now.toISOString(), tables: digestDatabase(copy) };
    writeFileSync(`${targetPath}.json`, JSON.stringify(manifest, null, 2));
    return manifest;
  } finally {
    copy.close();
  }
}

/** Compare a restored database with the manifest written at backup time. */
export function verifyRestore(restoredPath: string, manifestPath: string): { ok: boolean; differences: string[] } {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
  const db = new Database(restoredPath, { readonly: true, fileMustExist: true });
  try {
    const actual = digestDatabase(db);
    const differences: string[] = [];
    for (const [table, want] of Object.entries(manifest.tables)) {
      const got = actual[table];
      if (!got) differences.push(`${table}: missing`);
      else if (got.rows !== want.rows) differences.push(`${table}: ${got.rows} rows, expected ${want.rows}`);
      else if (got.sha256 !== want.sha256) differences.push(`${table}: checksum differs`);
    }
    for (const table of Object.keys(actual)) if (!manifest.tables[table]) differences.push(`${table}: not in the backup`);
    return { ok: differences.length === 0, differences };
  } finally {
    db.close();
  }
}
