import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, verifyRestore } from '../../src/db/backup.js';
import { DEMO, say, testBot } from '../support/bot.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('backup', () => {
  it('copies a live database while writes continue; a restore matches by count and checksum', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-backup-'));
    dirs.push(dir);
    const live = join(dir, 'live.db');
    const bot = await testBot({ path: live });
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await say(bot, DEMO.zhang, `建议 第${written}条`);
        written++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    while (written < 20) await new Promise((r) => setTimeout(r, 5));
    const target = join(dir, 'copy.db');
    const manifest = await backupDatabase(live, target, new Date('2026-12-01T00:00:00Z'));
    const atBackup = written;
    while (written < atBackup + 20) await new Promise((r) => setTimeout(r, 5));
    writing = false;
    await writer;

    const records = manifest.tables.records!.rows;
    expect(records).toBeGreaterThanOrEqual(20);
    expect(records).toBeLessThan(written);
    // Each record was written with its processed-event row in one write: the copy is one moment.
    expect(manifest.tables.processed_events!.rows).toBe(records);

    const restored = join(dir, 'restored.db');
    copyFileSync(target, restored);
    expect(verifyRestore(restored, `${target}.json`)).toEqual({ ok: true, differences: [] });
    // The restored file serves the bot: numbering carries on after the last backed-up record.
    const revived = await testBot({ path: restored, seed: false, idPrefix: 'after-restore' });
    const after = await say(revived, DEMO.zhang, '建议 恢复后的第一条');
    expect(after.status, JSON.stringify(after)).toBe(200);
    expect(after.texts[0]).toMatch(new RegExp(`^已记录 建议#${records + 1}（`, 'u'));
    await revived.store.close();

    // A restore that lost rows is caught.
    expect(verifyRestore(live, `${target}.json`).ok).toBe(false);
    await bot.store.close();
  });

  it('refuses to overwrite an existing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-backup-'));
    dirs.push(dir);
    const live = join(dir, 'live.db');
    const bot = await testBot({ path: live });
    await expect(backupDatabase(live, live, new Date())).rejects.toThrow(/already exists/u);
    await bot.store.close();
  });
});
