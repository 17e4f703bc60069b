import { describe, expect, it } from 'vitest';
import { DEMO, say, testBot } from '../support/bot.js';
import { helpFlood } from './support/growth.js';

const UPDATES = 2_016;
const DAYS = 14;

describe('tables stay flat once retention has passed', () => {
  it(`${UPDATES} /help updates over ${DAYS} days: processed events and sent replies pruned after 7 days, the database stops growing`, async () => {
    const { samples, answered } = await helpFlood(UPDATES, DAYS, { cadres: 200, villages: 40 });
    expect(answered).toBe(UPDATES);
    const perDay = UPDATES / DAYS;
    const day = (d: number) => samples.find((s) => s.day === d)!;
    // Before retention the tables grow by a day's events each day…
    expect(day(7).processed).toBe(7 * perDay);
    expect(day(7).replies).toBe(7 * perDay);
    // …after it they hold the last seven days (plus at most the ten minutes before a sweep).
    for (const d of [8, 10, 12, 14]) {
      expect(day(d).processed, `day ${d}`).toBeGreaterThanOrEqual(7 * perDay);
      expect(day(d).processed, `day ${d}`).toBeLessThanOrEqual(7 * perDay + perDay / 24);
      expect(day(d).replies, `day ${d}`).toBeLessThanOrEqual(7 * perDay + perDay / 24);
    }
    // Space freed by pruning is reused: days 8 to 12 (no weekly digest or nudge between them) add
    // five days of /help traffic and the database does not grow.
    expect(day(12).usedBytes).toBeLessThanOrEqual(day(8).usedBytes * 1.01);
  }, 300_000);
});

describe('files are stored once, apart from the outbox, and pruned after the week', () => {
  it('a 转交单 is one files row referred to by id; the outbox row holds no bytes; both go a week after sending', async () => {
    const bot = await testBot();
    const count = (sql: string) => (bot.store.sqlite.prepare(sql).get() as { n: number }).n;
    await say(bot, DEMO.zhang, '建议 村口道路需要硬化');
    await say(bot, DEMO.leader, '审核 建议#1 采纳');
    await say(bot, DEMO.leader, '转交');
    // The same document again (nothing changed since): stored once.
    await say(bot, DEMO.leader, '转交');
    const rows = bot.store.sqlite.prepare('select payload, file_id, state from outbox where file_id is not null order by id').all() as { payload: string; file_id: string; state: string }[];
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.file_id)).size).toBe(1);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent']);
    for (const r of rows) {
      expect(JSON.parse(r.payload).attachment).toEqual({ fileName: expect.stringMatching(/转交单.*\.docx$/u), mime: expect.any(String), fileId: r.file_id });
      expect(r.payload.length).toBeLessThan(400);
    }
    expect(count('select count(*) as n from files')).toBe(1);

    bot.clock.advance(8 * 86_400_000);
    await bot.tick(bot.clock());
    expect(count('select count(*) as n from outbox where file_id is not null')).toBe(0);
    expect(count('select count(*) as n from files')).toBe(0);
  });
});
