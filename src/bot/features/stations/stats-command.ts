import type { Db } from '../../../db/store.js';
import { formatReport, parsePeriodWord, reportChart, type Period, type StatsScope } from '../../../domain/stats/index.js';
import { statsMsg } from '../../../domain/stats/messages.js';
import type { Region } from '../../../domain/types.js';
import { emptyPlan, replyPlan, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { problemStatsLines } from '../problems/summary.js';
import { defaultScope, lookupScope, reachNames, reachOf, type Reach } from './scope.js';
import type { StatsReader } from './stats-reader.js';

const STATION_ROLES: ReadonlySet<string> = new Set(['admin', 'county_station', 'township_station']);

/** Stations plan by the month (月督查), so a bare 统计 shows this month. */
export const DEFAULT_PERIOD: Period = 'month';

export type ScopeRequest =
  | { ok: true; scope: StatsScope; period: Period; reach: Reach }
  | { ok: false; text: string };

/** Parse "[地区] [本周|本月|全部]" and check it against what the sender may see. */
export async function resolveRequest(
  db: Db,
  ctx: Pick<HandlerContext, 'actor' | 'region'>,
  args: string,
  only: 'any' | 'stations',
): Promise<ScopeRequest> {
  const reach = await reachOf(db, ctx.actor.roles, only);
  if (!reach.all && reach.regions.length === 0) return { ok: false, text: only === 'stations' ? statsMsg.dashboardForbidden : statsMsg.noScope };
  let period: Period | null = null;
  const rest: string[] = [];
  for (const word of args.split(/[\s,，]+/u).filter(Boolean)) {
    const p = parsePeriodWord(word);
    if (p && period === null) period = p;
    else rest.push(word);
  }
  if (rest.length > 2) return { ok: false, text: statsMsg.tooManyWords };
  const chosen = period ?? DEFAULT_PERIOD;
  if (rest.length === 0) return { ok: true, scope: await defaultScope(db, reach, ctx.region as Region | null), period: chosen, reach };
  const query = rest.join('');
  const found = await lookupScope(db, reach, query);
  if (found.ok) return { ok: true, scope: found.scope, period: chosen, reach };
  switch (found.reason) {
    case 'not-found':
      return { ok: false, text: statsMsg.notFound(query) };
    case 'ambiguous':
      return { ok: false, text: statsMsg.ambiguous(query, found.options) };
    case 'out-of-scope':
      return { ok: false, text: statsMsg.outOfScope(found.region.fullName, reachNames(reach)) };
  }
}

/**
 * /stats: a compact rollup in text, with a chart of completion per sub-region for the platforms
 * that draw. An area read on another thread (a county or more on the Node server) is answered as
 * later work: the events behind this one are decided meanwhile.
 */
export function createStatsCommand(stats: StatsReader): CommandHandler {
  return async (ctx, args) => {
    const req = await resolveRequest(ctx.db, ctx, args, 'any');
    if (!req.ok) return replyPlan(ctx, req.text);
    const answer = async (): Promise<Plan> => {
      const { report, problems } = await stats.view(req.scope, req.period, ctx.now, ctx.timeZone);
      // Per-person lines only for stations, and never in a village's own group (or its council's).
      const inVillageGroup = ctx.event.chat.type === 'group' && (ctx.chat?.purpose === 'village' || ctx.chat?.purpose === 'council');
      const audience = { perPerson: !inVillageGroup && ctx.actor.roles.some((r) => STATION_ROLES.has(r.role)) };
      const chart = reportChart(report, audience);
      const text = [formatReport(report, ctx.timeZone, audience), ...problemStatsLines(problems)].join('\n');
      return replyPlan(ctx, text, chart ? { chart } : {});
    };
    if (!stats.offThread(req.scope)) return answer();
    const later = async (): Promise<Plan> => {
      try {
        return await answer();
      } catch {
        // The reason goes to the pipeline's log; the sender hears to ask again.
        return replyPlan(ctx, statsMsg.failed);
      }
    };
    return { ...emptyPlan(), later };
  };
}
