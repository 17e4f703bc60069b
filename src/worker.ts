import type { D1Database, ExecutionContext, ScheduledController } from '@cloudflare/workers-types/index';
import { createBot, type Bot } from './bot/create-bot.js';
import { jsonLogger } from './bot/engine/ports.js';
import { parseConfig } from './config.js';
import { openD1Store } from './db/d1.js';
import { ensureShippedRegions } from './db/seed/regions.js';
import { AppError } from './domain/errors.js';

/** Outbox rows one drain takes on Workers; the next minute's cron (or webhook) takes the rest. */
const OUTBOX_BATCH_ON_D1 = 150;

/** The bindings wrangler.toml and `wrangler secret put` give the Worker. */
export interface WorkerEnv {
  /** The D1 database; its schema comes from `wrangler d1 migrations apply` (drizzle/). */
  DB: D1Database;
  [setting: string]: unknown;
}

/** Settings are the string bindings ([vars] and secrets); other bindings (DB) are not settings. */
function settingsOf(env: WorkerEnv): Record<string, string | undefined> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') out[name] = value;
  return out;
}

/**
 * One bot per invocation, built from that invocation's bindings: bindings may differ between
 * deployments of the same script, and nothing outlives the request that needed it. Building it
 * parses the config and wires a few objects; no network or database call happens here.
 */
async function botFor(env: WorkerEnv, ctx: ExecutionContext, clock?: () => Date): Promise<Bot> {
  const logger = jsonLogger();
  const config = parseConfig(settingsOf(env), { runtime: 'workers' });
  // Webhooks answer as soon as the event is committed; the sends run on in waitUntil, and the
  // cron drains whatever they did not finish.
  return createBot({
    config,
    store: openD1Store(env.DB),
    runtime: 'workers',
    logger,
    defer: (task) => ctx.waitUntil(task),
    // A drain runs about three D1 queries a row; D1 allows 1,000 per invocation, the tick needs some too.
    outboxBatch: OUTBOX_BATCH_ON_D1,
    ...(clock ? { clock } : {}),
  });
}

function configFailure(err: unknown): Response {
  // The message names variables and rules, never values; operators read it in `wrangler tail`.
  console.error(err instanceof AppError && err.code === 'config' ? err.message : String(err));
  return new Response(JSON.stringify({ error: 'the bot is misconfigured; see the Worker logs' }), {
    status: 500,
    headers: { 'content-type': 'application/json' },
  });
}

async function fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
  let bot: Bot;
  try {
    bot = await botFor(env, ctx);
  } catch (err) {
    return configFailure(err);
  }
  return bot.app.fetch(request, env, ctx);
}

/**
 * Every minute (wrangler.toml [triggers]): the same `tick(now)` as Node — reminders, sign-in
 * windows, digests, nudges — then a drain, which also sends what a webhook's deferred send left
 * behind (an isolate evicted mid-send, a platform that asked us to retry later).
 */
async function scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
  // The invocation's clock starts at the cron's scheduled time, so the tick and the drain after it
  // agree on what is due: a cron that runs late (or one fired by hand, as tests do) behaves as it
  // would have at its minute. In production the two differ by the trigger's delay only.
  const started = Date.now();
  const clock = () => new Date(controller.scheduledTime + (Date.now() - started));
  const bot = await botFor(env, ctx, clock);
  // A new deployment's D1 has no regions until its first minute: then it gets the official Yuxi
  // tree, as a Node server does at start (one indexed read a minute once it has them).
  const regionsLoaded = await ensureShippedRegions(openD1Store(env.DB));
  const result = await bot.tick(new Date(controller.scheduledTime));
  jsonLogger().info('cron tick', { cron: controller.cron, ...result, ...(regionsLoaded ? { regionsLoaded } : {}) });
}

export default { fetch, scheduled };
