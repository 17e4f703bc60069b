import { Hono } from 'hono';
import { countByState } from '../../../db/repo/outbox.js';
import type { Store } from '../../../db/store.js';
import type { Logger } from '../ports.js';
import { errorHandler } from './errors.js';

export interface AppInfo {
  store: Store;
  logger: Logger;
  mode: { localMode: boolean; platforms: string[] };
}

/** The Hono app with the routes every deployment has; platform routes are added by createBot. */
export function createBaseApp(info: AppInfo): Hono {
  const app = new Hono();
  app.onError(errorHandler(info.logger));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.get('/healthz', async (c) => {
    const outbox = await countByState(info.store.db);
    return c.json({
      ok: true,
      mode: info.mode.localMode ? 'local' : 'platform',
      platforms: info.mode.platforms,
      outbox: { pending: (outbox.pending ?? 0) + (outbox.sending ?? 0), sent: outbox.sent ?? 0, dead: outbox.dead ?? 0 },
    });
  });
  return app;
}
