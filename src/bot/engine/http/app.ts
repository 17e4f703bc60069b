import { Hono } from 'hono';
import { countByState, deadByPlatformWithError } from '../../../db/repo/outbox.js';
import { NOT_CONFIGURED_PREFIX } from '../outbox/dispatcher.js';
import type { Store } from '../../../db/store.js';
import type { Logger } from '../ports.js';
import { errorHandler } from './errors.js';

export interface AppInfo {
  store: Store;
  logger: Logger;
  mode: { localMode: boolean; platforms: string[] };
  /** Years (current, next) without holiday data; reported so operators add the year's notice. */
  missingHolidayYears?: () => number[];
}

/** What /healthz and the start-up log say when the holiday calendar lacks a year. */
export function holidayWarning(years: readonly number[]): string {
  return `no holiday data for ${years.join(', ')}: digests and nudges skip only the fixed-date holidays (1 Jan, 1-5 May, 1-7 Oct) until CALENDAR_OVERRIDES supplies the year (docs/DEPLOY.md)`;
}

/** The Hono app with the routes every deployment has; platform routes are added by createBot. */
export function createBaseApp(info: AppInfo): Hono {
  const app = new Hono();
  app.onError(errorHandler(info.logger));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.get('/healthz', async (c) => {
    const [outbox, notConfigured] = await Promise.all([countByState(info.store.db), deadByPlatformWithError(info.store.db, NOT_CONFIGURED_PREFIX)]);
    const missing = info.missingHolidayYears?.() ?? [];
    return c.json({
      ok: true,
      mode: info.mode.localMode ? 'local' : 'platform',
      platforms: info.mode.platforms,
      outbox: {
        pending: (outbox.pending ?? 0) + (outbox.sending ?? 0),
        sent: outbox.sent ?? 0,
        dead: outbox.dead ?? 0,
        // Dead letters addressed to platforms this server does not serve, by platform: shown so an
        // operator sees why they were never sent (configure the platform, then retry them).
        ...(Object.keys(notConfigured).length > 0 ? { notConfigured } : {}),
      },
      ...(missing.length ? { calendar: { missingYears: missing, warning: holidayWarning(missing) } } : {}),
    });
  });
  return app;
}
