import type { Context, Hono } from 'hono';
import { getRegion } from '../../../db/repo/regions.js';
import type { Store } from '../../../db/store.js';
import { isWithin } from '../../../domain/access.js';
import { parsePeriodWord, PERIODS, type Period, type StatsScope } from '../../../domain/stats/index.js';
import { statsMsg } from '../../../domain/stats/messages.js';
import { publicMsg } from '../../../domain/publicity/messages.js';
import type { Clock } from '../../engine/ports.js';
import type { DashboardKeys } from './dashboard-link.js';
import { renderDashboardError, renderDashboardPage } from './dashboard-page.js';
import { publicCodeOf, renderPublicPage } from './dashboard-public.js';
import { ALL, scopeOfRegion, wholeScope } from './scope.js';
import { DEFAULT_PERIOD } from './stats-command.js';
import type { StatsReader } from './stats-reader.js';

export interface DashboardRouteDeps {
  store: Store;
  /** Where the page's figures are read (a worker thread for large areas on the Node server). */
  stats: StatsReader;
  keys: DashboardKeys;
  clock: Clock;
  timeZone: string;
}

/**
 * The signature in the URL is the credential: keep it out of caches, referrers and search engines,
 * and let the page run only its own inline script.
 */
function secure(c: Context, nonce: string): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Security-Policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
}

function parsePeriod(p: string | undefined): Period {
  if (p && (PERIODS as readonly string[]).includes(p)) return p as Period;
  return (p ? parsePeriodWord(p) : null) ?? DEFAULT_PERIOD;
}

export function registerDashboardRoute(app: Hono, deps: DashboardRouteDeps): void {
  app.get('/dashboard', async (c) => {
    const nonce = crypto.randomUUID().replace(/-/gu, '');
    secure(c, nonce);
    const q = c.req.query();
    const now = deps.clock();
    const check = await deps.keys.verify({ r: q.r, e: q.e, s: q.s }, now.getTime());
    if (!check.ok) {
      // A public page's link says its own lifetime (30 days), not the dashboard's.
      const expired = typeof q.r === 'string' && publicCodeOf(q.r) !== null ? publicMsg.expired : statsMsg.dashboardExpired;
      return c.html(renderDashboardError(check.reason === 'expired' ? expired : statsMsg.dashboardInvalid), 403);
    }
    const db = deps.store.db;
    const { scope: linkScope, expires } = check.params;
    const publicCode = publicCodeOf(linkScope);
    if (publicCode !== null) {
      const page = await renderPublicPage(db, publicCode, { now, expires, timeZone: deps.timeZone, nonce });
      return page ? c.html(page) : c.html(renderDashboardError(statsMsg.dashboardInvalid), 404);
    }

    const root: StatsScope | null = linkScope === ALL ? await wholeScope(db) : await getRegion(db, linkScope).then((r) => (r ? scopeOfRegion(r) : null));
    if (!root) return c.html(renderDashboardError(statsMsg.dashboardInvalid), 404);
    let view = root;
    if (q.at && q.at !== root.code) {
      const at = q.at.length <= 64 ? await getRegion(db, q.at) : null;
      if (!at || !(root.level === 'all' || isWithin(at.path, root.path))) return c.html(renderDashboardError(statsMsg.dashboardOutside), 403);
      view = scopeOfRegion(at);
    }
    const period = parsePeriod(q.p);
    const href = (code: string, p: Period) => {
      const params = new URLSearchParams({ r: linkScope, e: String(expires), s: q.s! });
      if (code !== root.code) params.set('at', code);
      if (p !== DEFAULT_PERIOD) params.set('p', p);
      return `/dashboard?${params.toString()}`;
    };

    // Breadcrumbs walk the path from the link's region down to the one shown.
    const codes = view.path === '' ? [] : view.path.split('/');
    const start = root.level === 'all' ? 0 : codes.indexOf(root.code);
    const crumbs: { name: string; href: string | null }[] = [];
    if (root.level === 'all') crumbs.push({ name: root.name, href: view.code === root.code ? null : href(root.code, period) });
    for (const code of codes.slice(Math.max(0, start))) {
      const r = code === view.code ? view : await getRegion(db, code);
      if (r) crumbs.push({ name: r.name, href: code === view.code ? null : href(code, period) });
    }

    const { report, problems } = await deps.stats.view(view, period, now, deps.timeZone);
    return c.html(renderDashboardPage({ report, timeZone: deps.timeZone, period, crumbs, href, expires, nonce, problems }));
  });
}
