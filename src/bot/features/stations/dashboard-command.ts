import { PERIOD_WORDS } from '../../../domain/stats/index.js';
import { statsMsg } from '../../../domain/stats/messages.js';
import { formatDateTime } from '../../../domain/time.js';
import { reply, replyPlan, type CommandHandler } from '../../engine/context.js';
import { LINK_TTL_MS, type DashboardKeys } from './dashboard-link.js';
import { publicLinkCommand } from './dashboard-public.js';
import { privateTarget } from '../../engine/scheduler/recipients.js';
import { DEFAULT_PERIOD, resolveRequest } from './stats-command.js';

export interface DashboardCommandDeps {
  keys: DashboardKeys;
  /** Public base URL of this bot, without a trailing slash. */
  baseUrl: string;
}

/**
 * /dashboard: a signed link to the web dashboard, always sent in private because anyone holding
 * it sees the area's figures until it expires.
 */
export function dashboardCommand(deps: DashboardCommandDeps): CommandHandler {
  const publicLink = publicLinkCommand(deps);
  return async (ctx, args) => {
    // 「看板 公示 温泉村」: the village's public notice page instead.
    const words = /^公示(?:\s+|$)([\s\S]*)$/u.exec(args.trim());
    if (words) return publicLink(ctx, words[1] ?? '');
    const req = await resolveRequest(ctx.db, ctx, args, 'stations');
    if (!req.ok) return replyPlan(ctx, req.text);
    const expires = ctx.now.getTime() + LINK_TTL_MS;
    const signature = await deps.keys.sign({ scope: req.scope.code, expires });
    const query = new URLSearchParams({ r: req.scope.code, e: String(expires), s: signature });
    if (req.period !== DEFAULT_PERIOD) query.set('p', req.period);
    const url = `${deps.baseUrl}/dashboard?${query.toString()}`;
    const label = req.period === DEFAULT_PERIOD ? req.scope.fullName : `${req.scope.fullName}${PERIOD_WORDS[req.period]}`;
    const text = statsMsg.dashboardLink(label, url, formatDateTime(new Date(expires), ctx.timeZone));
    if (ctx.event.chat.type === 'private') return replyPlan(ctx, text);
    return {
      statements: [],
      messages: [{ to: privateTarget(ctx.event.platform, ctx.event.sender.userId), text }, reply(ctx, statsMsg.dashboardSentPrivately)],
    };
  };
}
