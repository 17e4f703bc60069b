import { describe, expect, it } from 'vitest';
import { digestDatabase } from '../../src/db/backup.js';
import { DEMO_CHATS, DEMO_PEOPLE, seedDemo } from '../../src/db/seed/demo.js';
import { openSqliteStore } from '../../src/db/sqlite.js';

describe('npm run seed:demo', () => {
  it('loads Yuxi and its demo people and chats; running it again changes nothing', async () => {
    const store = openSqliteStore(':memory:');
    const counts = await seedDemo(store);
    expect(counts).toEqual({ regions: expect.any(Number), people: DEMO_PEOPLE.length, chats: DEMO_CHATS.length });
    const first = digestDatabase(store.sqlite);
    expect(first.regions!.rows).toBe(counts.regions);
    const counties = store.sqlite.prepare("SELECT name FROM regions WHERE level = 'county' ORDER BY code").all() as { name: string }[];
    expect(counties.map((c) => c.name).sort()).toEqual(
      ['红塔区', '江川区', '澄江市', '通海县', '华宁县', '易门县', '峨山彝族自治县', '新平彝族傣族自治县', '元江哈尼族彝族傣族自治县'].sort(),
    );
    for (const place of ['江川区江城镇温泉村', '易门县绿汁镇', '峨山彝族自治县岔河乡文山村']) {
      expect(store.sqlite.prepare('SELECT count(*) AS n FROM regions WHERE full_name = ?').get(place)).toEqual({ n: 1 });
    }
    await seedDemo(store);
    expect(digestDatabase(store.sqlite)).toEqual(first);
    await store.close();
  });
});
