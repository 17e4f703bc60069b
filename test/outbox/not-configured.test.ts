import { describe, expect, it } from 'vitest';
import { enqueueStatement } from '../../src/db/repo/outbox.js';
import { outbox } from '../../src/db/schema/index.js';
import { testBot } from '../support/bot.js';

describe('a message for a platform this server does not serve', () => {
  it('is dead-lettered at the first drain with the reason, and /healthz counts it by platform', async () => {
    const bot = await testBot();
    const at = bot.clock().getTime();
    await bot.store.commit([
      enqueueStatement(bot.store.db, { to: { platform: 'lark', chatId: 'ou_zhang', threadId: null }, text: '五个一提醒' }, 'nudge:2026-W49:ou_zhang', at),
      enqueueStatement(bot.store.db, { to: { platform: 'local', chatId: 'private-u-zhang', threadId: null }, text: '五个一提醒' }, 'nudge:2026-W49:u-zhang', at),
    ]);
    expect(await bot.dispatcher.drain()).toEqual({ sent: 1, retried: 0, dead: 1 });
    const rows = await bot.store.db.select({ platform: outbox.platform, state: outbox.state, lastError: outbox.lastError }).from(outbox);
    expect(rows).toEqual([
      { platform: 'lark', state: 'dead', lastError: 'platform not configured on this server: lark' },
      { platform: 'local', state: 'sent', lastError: null },
    ]);
    const health = await (await bot.app.request('/healthz')).json();
    // toMatchObject: a `calendar` warning joins these while the holiday data lacks next year.
    expect(health).toMatchObject({ ok: true, mode: 'local', platforms: [], outbox: { pending: 0, sent: 1, dead: 1, notConfigured: { lark: 1 } } });
  });
});
