import type { Config } from '../../../config.js';
import type { Store } from '../../../db/store.js';
import type { Clock } from '../../engine/ports.js';
import type { Feature, Job } from '../../engine/feature.js';
import { runReports } from './report-jobs.js';
import { dashboardCommand } from './dashboard-command.js';
import { createDashboardKeys } from './dashboard-link.js';
import { registerDashboardRoute } from './dashboard-route.js';
import { createStatsCommand } from './stats-command.js';
import { inProcessStats, type StatsReader } from './stats-reader.js';

export interface StationDeps {
  config: Pick<Config, 'DASHBOARD_SECRET' | 'PUBLIC_URL' | 'HOST' | 'PORT' | 'BOT_TIMEZONE'>;
  store: Store;
  clock: Clock;
  /** Where /stats, the dashboard and the reports read from: in-process unless given. */
  stats?: StatsReader | undefined;
}

/** Where people open the dashboard: PUBLIC_URL when set, else the local listen address. */
export function dashboardBaseUrl(config: StationDeps['config']): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/u, '');
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return `http://${host}:${config.PORT}`;
}

/** The liaison stations' /stats and /dashboard commands, the GET /dashboard page, and their reports. */
export function stationsFeature(deps: StationDeps): Feature {
  const stats = deps.stats ?? inProcessStats(deps.store.db);
  /** Weekly digest (周调度) and monthly inspection (月督查) to station and task-force chats. */
  const reportJob: Job = { name: 'reports', run: (jobDeps, now) => runReports({ ...jobDeps, stats }, now) };
  const keys = createDashboardKeys({ store: deps.store, secret: deps.config.DASHBOARD_SECRET, now: () => deps.clock().getTime() });
  return {
    name: 'stations',
    routes: { commands: { stats: createStatsCommand(stats), dashboard: dashboardCommand({ keys, baseUrl: dashboardBaseUrl(deps.config) }) } },
    jobs: [reportJob],
    registerRoutes(app) {
      registerDashboardRoute(app, { store: deps.store, stats, keys, clock: deps.clock, timeZone: deps.config.BOT_TIMEZONE });
    },
  };
}
