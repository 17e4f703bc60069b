import { getChat, seenChatStatement } from '../../db/repo/chats.js';
import { prepareGetConversation } from '../../db/repo/conversations.js';
import { markProcessedStatement, prepareIsProcessed } from '../../db/repo/events.js';
import { enqueueStatements } from '../../db/repo/outbox.js';
import { prepareActorReads, reachableAgainStatement, touchIdentityStatement } from '../../db/repo/people.js';
import { touchActivityStatement } from '../../db/repo/load.js';
import { getRegion } from '../../db/repo/regions.js';
import { isUniqueViolation, type Statement, type Store } from '../../db/store.js';
import { AppError } from '../../domain/errors.js';
import { normaliseEvent } from '../../domain/normalise.js';
import type { InboundEvent, Platform, RoleGrant } from '../../domain/types.js';
import type { Capabilities, PlatformAdapter } from '../platforms/adapter.js';
import type { Actor, HandlerContext } from './context.js';
import type { Directories } from '../features/identity/directory.js';
import type { Clock, Logger } from './ports.js';
import type { Fairness } from './fairness.js';
import type { Plan } from './context.js';
import { route, type Routes } from './router.js';

export interface AdminId {
  platform: Platform;
  userId: string;
}

export interface PipelineDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  routes: Routes;
  timeZone: string;
  /** Bootstrap admins from ADMINS: admin everywhere even before any role is stored. */
  admins: readonly AdminId[];
  newId: () => string;
  /**
   * The adapter an event came from: its bot username (to tell "/cmd@this_bot" from
   * "/cmd@other_bot") and what it can show. Unknown platforms get neither.
   */
  platformOf?: (platform: Platform) => Pick<PlatformAdapter, 'botUsername' | 'capabilities'> | undefined;
  /** Organisation directories by platform (filled as adapters are built). */
  directories?: Directories;
  /** True when a chat platform is configured (then the local console is a test bench, not an identity). */
  platformsConfigured?: boolean;
  /** Per-sender limits and coalescing of repeated answers; absent, every event is answered. */
  fairness?: Fairness;
  /**
   * Keeps a plan's `later` work alive after the webhook is answered (Workers: waitUntil) and
   * runs once it is written (the outbox drain). Absent: the work still runs, unwatched.
   */
  defer?: (task: Promise<unknown>) => void;
  afterLater?: () => Promise<unknown>;
}

export interface HandleResult {
  duplicate: boolean;
  /** Outbox keys of the messages this event queued, in order (the console returns them). */
  keys: string[];
  toast?: string;
  /**
   * The plan's `later` work, started once the event is written: resolves with the outbox keys
   * it queued. The local console waits for it; platforms get its messages from the outbox.
   */
  later?: Promise<string[]>;
}

/** What handleNow decided, with the later work not yet started (it must not run inside a group). */
type Handled = HandleResult & { work?: NonNullable<Plan['later']> };

/**
 * A race on a sequence number (two records at once, from another process) is retried from the
 * reads; this many times. Within one process events are decided one at a time, so races only
 * come from other processes or Workers isolates.
 */
const MAX_ATTEMPTS = 8;

/** Most events decided in one group commit; the rest wait for the next. */
const MAX_GROUP = 64;
/**
 * A group takes no more events once it has been deciding this long: those decided are committed
 * and answered, the rest form the next group. After a pause (a collection, the machine busy) ten
 * webhooks may be waiting; in one group the first would wait for all ten to be decided.
 */
const GROUP_BUDGET_MS = 4;

const NO_CAPABILITIES: Capabilities = { buttons: false, editInPlace: false, files: false, images: false, cards: false, privateMessages: false };

export function createPipeline(deps: PipelineDeps) {
  // Every event runs these reads; compiled once here, each costs SQLite's time only.
  const isProcessed = prepareIsProcessed(deps.store.db);
  const getConversation = prepareGetConversation(deps.store.db);
  const actorReads = prepareActorReads(deps.store.db);

  async function loadContext(event: InboundEvent, now: Date): Promise<HandlerContext> {
    const db = deps.store.db;
    // An anonymous sender's id is the group's, shared by all its anonymous admins: nobody's identity.
    const nobody = { identity: null, person: null };
    const [chat, { identity, person }, conversation] = await Promise.all([
      getChat(db, event.platform, event.chat.chatId),
      event.sender.anonymous ? nobody : actorReads.identityAndPerson(event.platform, event.sender.userId),
      getConversation(event.platform, event.chat.chatId, event.sender.userId),
    ]);
    const roles: RoleGrant[] = person ? await actorReads.rolesOf(person.id) : [];
    if (!event.sender.anonymous && deps.admins.some((a) => a.platform === event.platform && a.userId === event.sender.userId)) {
      roles.push({ role: 'admin', regionCode: '*', regionPath: '' });
    }
    const region = chat?.regionCode ? await getRegion(db, chat.regionCode) : null;
    const actor: Actor = { identity, person, roles };
    const adapter = deps.platformOf?.(event.platform);
    return {
      event,
      now,
      db,
      timeZone: deps.timeZone,
      botUsername: adapter?.botUsername ?? null,
      capabilities: adapter?.capabilities ?? NO_CAPABILITIES,
      newId: deps.newId,
      chat,
      region,
      actor,
      conversation,
      directory: deps.directories?.[event.platform] ?? null,
      platformsConfigured: deps.platformsConfigured ?? false,
    };
  }

  /**
   * Handle one inbound event: dedupe, decide, then ONE atomic write of the processed-event row,
   * the domain rows and the outgoing messages. A redelivered event writes and sends nothing.
   *
   * Reads, decision and commit of one event happen before the next event starts reading. Events
   * that arrive while others are being decided wait and are then decided together, one after
   * another, inside one group commit where the store offers it (SQLite): each event's write is a
   * savepoint, the group reaches the disk in one transaction, and only then does any of them
   * resolve (and its webhook answer 200).
   */
  const waiting: Array<{ event: InboundEvent; resolve: (r: Handled) => void; reject: (e: unknown) => void }> = [];
  let draining = false;
  function handle(raw: InboundEvent): Promise<HandleResult> {
    // The one place inbound text is cleaned: everything decided, stored and compared is in this form.
    const event = normaliseEvent(raw);
    const decided = new Promise<Handled>((resolve, reject) => {
      waiting.push({ event, resolve, reject });
      if (draining) return;
      draining = true;
      // Deciding takes only microtasks, so nothing new arrives during it. With group commit the
      // start waits for the event loop's turn, so every webhook read in this turn joins the group.
      if (deps.store.group) setImmediate(() => void drainWaiting());
      else void drainWaiting();
    });
    // Resolved only once the event's write (and its group's) is committed: the later work starts
    // outside the queue, so the events behind this one are decided while it runs.
    return decided.then(({ work, ...result }) => (work ? { ...result, later: startLater(event, work) } : result));
  }

  /**
   * Runs heavy work a handler left for after its answer (a city's ledger workbook), then writes
   * what it produced in a write of its own. The event is already marked processed: a crash in
   * between loses this work's messages, and the sender asks again.
   */
  function startLater(event: InboundEvent, work: NonNullable<Plan['later']>): Promise<string[]> {
    const run = (async () => {
      const plan = await work();
      const at = deps.clock().getTime();
      const keys = plan.messages.map((m, i) => m.key ?? `${event.platform}:${event.eventId}:later:${i}`);
      const statements: Statement[] = [...plan.statements];
      for (const [i, m] of plan.messages.entries()) statements.push(...enqueueStatements(deps.store.db, m, keys[i]!, at));
      await deps.store.commit(statements);
      deps.logger.info('later work written', { platform: event.platform, eventId: event.eventId, messages: keys.length });
      await deps.afterLater?.();
      return keys;
    })();
    run.catch((err: unknown) => deps.logger.error('later work failed', { platform: event.platform, eventId: event.eventId, error: err instanceof Error ? err.message : String(err) }));
    deps.defer?.(run.catch(() => undefined));
    return run;
  }

  async function drainWaiting(): Promise<void> {
    try {
      while (waiting.length > 0) {
        const group = waiting.splice(0, MAX_GROUP);
        if (!deps.store.group) {
          // Every commit is its own (D1): each event is answered as soon as it is written.
          for (const item of group) await handleNow(item.event).then(item.resolve, item.reject);
          continue;
        }
        const outcomes: Array<{ ok: true; value: Handled } | { ok: false; error: unknown }> = [];
        try {
          await deps.store.group(async () => {
            const started = performance.now();
            for (const [i, item] of group.entries()) {
              if (i > 0 && performance.now() - started > GROUP_BUDGET_MS) {
                waiting.unshift(...group.splice(i));
                break;
              }
              await handleNow(item.event).then(
                (value) => outcomes.push({ ok: true, value }),
                (error: unknown) => outcomes.push({ ok: false, error }),
              );
            }
          });
        } catch (error) {
          // The group's transaction did not commit: none of its events took effect.
          for (const item of group) item.reject(error);
          continue;
        }
        group.forEach((item, i) => {
          const o = outcomes[i]!;
          if (o.ok) item.resolve(o.value);
          else item.reject(o.error);
        });
      }
    } finally {
      draining = false;
    }
  }

  /**
   * A sender over the limit gets one notice and then nothing (the event is still marked
   * processed, so a redelivery changes nothing); a repeated read-only answer is not sent again.
   */
  function withFairness(event: InboundEvent, now: number, plan: Plan): Plan {
    if (!deps.fairness) return plan;
    // Later work counts as an answer: a repeated 导出 is coalesced like any read-only answer,
    // and a flood of them is limited like any other, before any of it starts.
    const { later: _later, ...rest } = plan;
    const verdict = deps.fairness.decide(event, now, { messages: plan.messages.length + (plan.later ? 1 : 0), writes: plan.statements.length > 0 });
    switch (verdict.kind) {
      case 'answer':
        return plan;
      case 'coalesced':
        return { ...rest, messages: [] };
      case 'slow-down':
        return { ...rest, statements: [], messages: [verdict.notice], activity: false };
      case 'silent':
        return { ...rest, statements: [], messages: [], activity: false };
    }
  }

  async function handleNow(event: InboundEvent): Promise<Handled> {
    const db = deps.store.db;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (await isProcessed(event.platform, event.eventId)) return { duplicate: true, keys: [] };
      const now = deps.clock();
      const ctx = await loadContext(event, now);
      const routed = await route(ctx, deps.routes);
      const plan = withFairness(event, now.getTime(), routed);
      const toast = plan.toast;
      if (plan.statements.length === 0 && plan.messages.length === 0 && !plan.later) {
        return toast ? { duplicate: false, keys: [], toast } : { duplicate: false, keys: [] };
      }
      const at = now.getTime();
      const statements: Statement[] = [markProcessedStatement(db, event.platform, event.eventId, at)];
      // The chat row is written when it is new, was inactive or has a new title; a chat heard
      // from again unchanged costs no write.
      const title = event.chat.title ?? null;
      const known = ctx.chat && ctx.chat.active === 1 && (title === null || ctx.chat.title === title);
      if (!known && event.payload.type !== 'membership' && event.payload.type !== 'migrated') {
        statements.push(seenChatStatement(db, event.chat, title, at));
      }
      const id = ctx.actor.identity;
      if (id && (id.displayName !== event.sender.displayName || (id.username ?? null) !== (event.sender.username ?? null))) {
        statements.push(touchIdentityStatement(db, event.platform, event.sender.userId, event.sender.displayName, event.sender.username ?? null));
      }
      if (id?.unreachableAt && event.chat.type === 'private' && event.payload.type !== 'membership') {
        statements.push(reachableAgainStatement(db, event.platform, event.sender.userId));
      }
      // What a known person does with the bot answers a reminder (see the scheduler's nudges):
      // anything it writes, or a look at their own progress. A refusal writes nothing, not even this.
      if (ctx.actor.person && (plan.statements.length > 0 || plan.activity)) {
        statements.push(touchActivityStatement(db, ctx.actor.person.id, at));
      }
      statements.push(...plan.statements);
      const keys = plan.messages.map((m, i) => m.key ?? `${event.platform}:${event.eventId}:${i}`);
      for (const [i, m] of plan.messages.entries()) statements.push(...enqueueStatements(db, m, keys[i]!, at));
      try {
        await deps.store.commit(statements);
        deps.logger.info('event handled', { platform: event.platform, eventId: event.eventId, messages: keys.length });
        return { duplicate: false, keys, ...(toast ? { toast } : {}), ...(plan.later ? { work: plan.later } : {}) };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Either the same event won a race (then it is a duplicate) or a sequence number was
        // taken meanwhile (then decide again from fresh reads, after a short random pause).
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20 * attempt)));
      }
    }
    throw new AppError('conflict', `event ${event.platform}:${event.eventId} kept conflicting`);
  }

  return { handle };
}

export type Pipeline = ReturnType<typeof createPipeline>;
