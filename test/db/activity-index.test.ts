import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/db/sqlite.js';

describe('the minute tick reads indexes, not every record', () => {
  it("each person's counts by kind and last record come from records_person alone", async () => {
    const store = openSqliteStore(':memory:');
    const plan = (sql: string) => (store.sqlite.prepare(`explain query plan ${sql}`).all() as { detail: string }[]).map((r) => r.detail);
    // The shapes of fiveOnesByPerson's and lastActivityByPerson's reads (src/db/repo/programme-stats.ts).
    expect(plan('select person_id, kind, count(*) from records group by person_id, kind')).toEqual(['SCAN records USING COVERING INDEX records_person']);
    expect(plan('select person_id, max(created_at) from records group by person_id')).toEqual(['SCAN records USING COVERING INDEX records_person']);
    await store.close();
  });
});
