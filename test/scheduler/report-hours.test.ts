import { describe, expect, it } from 'vitest';
import { testBot } from '../support/bot.js';

describe('a weekly digest caught up late', () => {
  it('waits for working hours: a server started in the night sends the week’s 周调度 at 09:00, not at once', async () => {
    // Monday 7 December passed with the bot down; it starts on Tuesday at 01:30 Beijing time.
    const bot = await testBot();
    expect((await bot.tick(new Date('2026-12-07T17:30:00.000Z'))).digests ?? 0).toBe(0);
    expect((await bot.tick(new Date('2026-12-07T23:59:00.000Z'))).digests ?? 0).toBe(0);
    // 09:00 Tuesday: the week's digest goes out, once.
    expect((await bot.tick(new Date('2026-12-08T01:00:00.000Z'))).digests).toBeGreaterThan(0);
    expect((await bot.tick(new Date('2026-12-08T01:01:00.000Z'))).digests ?? 0).toBe(0);
    // And not after 21:00 either: a digest first due then waits for the next morning.
    const late = await testBot();
    expect((await late.tick(new Date('2026-12-07T13:30:00.000Z'))).digests ?? 0).toBe(0);
  });
});
