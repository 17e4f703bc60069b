import { cadreFacts, childrenOf, villageFacts } from '../../../db/repo/stats.js';
import type { Db } from '../../../db/store.js';
import { civilDateOf, dateKey } from '../../../domain/zoned-time.js';
import { periodRange, rollup, type Period, type PeriodRange, type RegionRef, type StatsReport, type StatsScope, type VillageFacts } from '../../../domain/stats/index.js';

/** Every region the bot knows: the task force's view, and what the scheduled reports load once. */
export const EVERYWHERE: StatsScope = { code: '*', name: '', fullName: '', level: 'all', path: '' };

/**
 * The one loader of the statistics model: per-village facts for a scope and period as of `now`.
 * /stats, the dashboard, the ledger, 周调度 and 月督查 all read villages through it, so a cadre
 * paused today (in the bot's time zone) is left out of every one of them alike.
 */
export async function loadVillages(db: Db, scope: StatsScope, range: PeriodRange, now: Date, timeZone: string): Promise<VillageFacts[]> {
  return villageFacts(db, scope, range, now.getTime(), dateKey(civilDateOf(now, timeZone)));
}

/** Everything /stats and the dashboard show for one scope and period, read in a handful of queries. */
export async function buildReport(db: Db, scope: StatsScope, period: Period | PeriodRange, now: Date, timeZone: string): Promise<StatsReport> {
  const range = typeof period === 'string' ? periodRange(period, now, timeZone) : period;
  const isVillage = scope.level === 'village';
  const today = dateKey(civilDateOf(now, timeZone));
  const [children, villages, cadres] = await Promise.all([
    isVillage ? Promise.resolve<RegionRef[]>([]) : childrenOf(db, scope),
    loadVillages(db, scope, range, now, timeZone),
    isVillage ? cadreFacts(db, scope.code, today, now.getTime()) : Promise.resolve([]),
  ]);
  return rollup({ scope, range, now: now.getTime(), children, villages, cadres });
}
