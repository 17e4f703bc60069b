import { describe, expect, it } from 'vitest';
import { ensureShippedRegions } from '../../src/db/seed/regions.js';
import { openSqliteStore } from '../../src/db/sqlite.js';
import { DEMO, say, testBot } from '../support/bot.js';

describe('the shipped regions at start', () => {
  it('fill a database without regions once, and leave a database that has regions as it is', async () => {
    const store = openSqliteStore(':memory:');
    expect(await ensureShippedRegions(store)).toBe(804);
    expect(await ensureShippedRegions(store)).toBe(0);
    expect(store.sqlite.prepare("select code, name, official_name, full_name from regions where code in ('530403101208', '530403101001', '530403101') order by code").all()).toEqual([
      { code: '530403101', name: '江城镇', official_name: '江城镇', full_name: '江川区江城镇' },
      { code: '530403101001', name: '江城社区', official_name: '江城社区居民委员会', full_name: '江川区江城镇江城社区' },
      { code: '530403101208', name: '温泉村', official_name: '温泉村民委员会', full_name: '江川区江城镇温泉村' },
    ]);

    const own = openSqliteStore(':memory:');
    own.sqlite.prepare("insert into regions (code, name, level, parent_code, path, full_name) values ('530100', '昆明市', 'city', null, '530100', '昆明市')").run();
    expect(await ensureShippedRegions(own)).toBe(0);
    expect(own.sqlite.prepare('select count(*) as n from regions').get()).toEqual({ n: 1 });
  });

  it('are found by the official name as well', async () => {
    const bot = await testBot();
    const r = await say(bot, { ...DEMO.admin, chatId: 'new-group' }, '绑定 温泉村民委员会');
    expect(r.texts).toEqual(['已绑定：本群是 江川区江城镇温泉村 的村庄规划编制组群。']);
  });
});
