import { cadreFacts, childrenOf, villageFacts } from '../../../db/repo/stats.js';
import type { Db } from '../../../db/store.js';
import { civilDateOf, dateKey } from '../../../domain/zoned-time.js';
import { periodRange, rollup, type Period, type StatsReport, type StatsScope } from '../../../domain/stats/index.js';

/** Everything /stats and the dashboard show for one scope and period, read in a handful of queries. */
export async function buildReport(db: Db, scope: StatsScope, period: Period, now: Date, timeZone: string): Promise<StatsReport> {
  const range = periodRange(period, now, timeZone);
  const isVillage = scope.level === 'village';
  const today = dateKey(civilDateOf(now, timeZone));
  const [children, villages, cadres] = await Promise.all([
    isVillage ? Promise.resolve([]) : childrenOf(db, scope),
    villageFacts(db, scope, range, now.getTime(), today),
    isVillage ? cadreFacts(db, scope.code, today) : Promise.resolve([]),
  ]);
  return rollup({ scope, range, now: now.getTime(), children, villages, cadres });
}
