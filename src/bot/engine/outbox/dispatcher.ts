import { getChat } from '../../../db/repo/chats.js';
import { claimRow, markFailed, markSent, sendablePayload, sentMessageIdOf, unsentRows, type OutboxRow } from '../../../db/repo/outbox.js';
import { earlierRowInFlight } from '../../../db/repo/outbox-order.js';
import type { Store } from '../../../db/store.js';
import { PlatformError } from '../../../domain/errors.js';
import type { Platform } from '../../../domain/types.js';
import type { Clock, Logger, PlatformSender } from '../ports.js';
import { timeSlicer } from '../yield.js';
import { createRateLimiter, type RateLimiterDeps } from './pacing.js';

export const MAX_ATTEMPTS = 8;
/**
 * Eight backed-off attempts take about four minutes; an outage of the platform (or of the
 * network to it) can last longer, so a row keeps being retried for at least this long.
 */
export const RETRY_FOR_AT_LEAST_MS = 3_600_000;
/** Long enough for any single send; a sender that crashed releases its rows after this. */
const LEASE_MS = 60_000;
/** last_error of rows held back because the bot was removed from, or blocked in, their chat. */
export const INACTIVE_CHAT_ERROR = 'chat inactive: the bot was removed from this chat or blocked there';
/**
 * The reason a row for a platform this server does not serve is dead-lettered at once: left
 * pending it would wait forever and keep /healthz's pending count up. `npm run outbox -- --retry`
 * queues it again once the platform is configured.
 */
export const NOT_CONFIGURED_PREFIX = 'platform not configured on this server: ';

export interface DrainResult {
  sent: number;
  retried: number;
  dead: number;
}

export interface DispatcherDeps {
  store: Store;
  senders: Partial<Record<Platform, PlatformSender>>;
  clock: Clock;
  logger: Logger;
  /** Jitter source; tests pass a constant. */
  random?: () => number;
  /** Called when a platform says a chat moved; returns after history and binding are moved. */
  onMigrated?: (platform: Platform, from: string, to: string) => Promise<void>;
  /** Called when a platform refuses a chat for good (bot blocked or kicked). */
  onUnreachable?: (platform: Platform, chatId: string) => Promise<void>;
  /**
   * Time source and sleep for pacing senders that declare rate limits (tests pass virtual ones),
   * and the longest a drain waits for a slot before leaving the row to the next drain (5 s).
   */
  pacing?: RateLimiterDeps & { maxWaitMs?: number };
  /**
   * Most rows one drain looks at (500). Each costs a few queries, and a Workers invocation may run
   * at most 1,000 on D1, so the Worker passes a smaller batch; the next drain takes the rest.
   */
  batchSize?: number;
  /** Longest a drain holds the event loop before requests are let in (SLICE_MS); tests pass 0. */
  sliceMs?: number;
}

export function backoffMs(attempt: number, random: () => number): number {
  const base = Math.min(3600_000, 2000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.5 + random()));
}

/**
 * Sends what the outbox holds. Rows of one chat go strictly in order: a chat whose oldest row is
 * waiting (backoff, retry-after) holds its later rows back, while other chats carry on.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const random = deps.random ?? Math.random;
  const limiter = createRateLimiter(deps.pacing ?? {});
  const maxWaitMs = deps.pacing?.maxWaitMs ?? 5_000;
  let running: Promise<DrainResult> | null = null;
  let queued: { platform: Platform | undefined; result: Promise<DrainResult> } | null = null;

  function start(platform?: Platform): Promise<DrainResult> {
    const run = drainOnce(platform).finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  }

  /** `slotTaken`: the drain already reserved this send's slot under the platform's limits. */
  async function sendRow(row: OutboxRow, sender: PlatformSender, slotTaken = false): Promise<'sent' | 'retry' | 'dead'> {
    const db = deps.store.db;
    const now = deps.clock().getTime();
    if (!(await claimRow(db, row.id, now, LEASE_MS))) return 'retry';
    try {
      const envelope = {
        key: row.key,
        to: { platform: row.platform as Platform, chatId: row.chatId, threadId: row.threadId },
        payload: await sendablePayload(db, row),
        attempt: row.attempts + 1,
        partsSent: row.partsSent,
      };
      const earlier = envelope.payload.editOf && sender.edit ? await sentMessageIdOf(db, envelope.payload.editOf) : null;
      // The slot is taken right before the request so the platform sees the spacing it asks for
      // (a chat's first row: just before the chat is read and the row claimed, a moment earlier).
      if (sender.pacing && !slotTaken) await limiter.acquire(row.platform, row.chatId, sender.pacing, Number.POSITIVE_INFINITY);
      const { messageId } = earlier && sender.edit ? await sender.edit(envelope, earlier) : await sender.send(envelope);
      await markSent(db, row.id, deps.clock().getTime(), messageId);
      return 'sent';
    } catch (err) {
      const attempts = row.attempts + 1;
      const pe = err instanceof PlatformError ? err : null;
      if (pe?.migratedTo && deps.onMigrated) {
        await deps.onMigrated(row.platform as Platform, row.chatId, pe.migratedTo);
        await markFailed(db, row.id, { attempts: row.attempts, nextAttemptAt: deps.clock().getTime(), error: pe.message, dead: false });
        return 'retry';
      }
      const retryable = pe ? pe.retryable : true;
      // A platform that is down must not cost the messages queued for it: retryable failures are
      // given up on only after MAX_ATTEMPTS and RETRY_FOR_AT_LEAST_MS both have passed.
      const dead = !retryable || (attempts >= MAX_ATTEMPTS && deps.clock().getTime() - row.createdAt >= RETRY_FOR_AT_LEAST_MS);
      const wait = Math.max(backoffMs(attempts, random), pe?.retryAfterMs ?? 0);
      const error = err instanceof Error ? err.message : String(err);
      // Parts already out are not sent again when the row is retried.
      const partsSent = Math.max(row.partsSent, pe?.partsSent ?? 0);
      await markFailed(db, row.id, { attempts, nextAttemptAt: deps.clock().getTime() + wait, error, dead, partsSent });
      if (dead) {
        deps.logger.warn('outbox row dead-lettered', { id: row.id, platform: row.platform, attempts, error });
        if (pe && pe.status === 403 && deps.onUnreachable) await deps.onUnreachable(row.platform as Platform, row.chatId);
      }
      return dead ? 'dead' : 'retry';
    }
  }

  /** A row that cannot be sent (inactive chat, platform not configured) goes to the dead letters at once. */
  async function deadLetter(row: OutboxRow, error: string): Promise<'dead' | 'retry'> {
    const db = deps.store.db;
    if (!(await claimRow(db, row.id, deps.clock().getTime(), LEASE_MS))) return 'retry';
    await markFailed(db, row.id, { attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, error, dead: true });
    deps.logger.warn('outbox row dead-lettered', { id: row.id, platform: row.platform, error });
    return 'dead';
  }

  async function drainOnce(platform?: Platform, limit = deps.batchSize ?? 500): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, dead: 0 };
    const now = deps.clock().getTime();
    const rows = await unsentRows(deps.store.db, now, limit, platform);
    const byChat = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const k = `${row.platform}\u0000${row.chatId}`;
      const list = byChat.get(k);
      if (list) list.push(row);
      else byChat.set(k, [row]);
    }
    const drainChat = async (chatRows: OutboxRow[]): Promise<void> => {
      const first = chatRows[0]!;
      // Nothing is read for a chat that cannot send now: its oldest row waits (backoff), or its
      // slot is far off. Under a backlog most chats are in that state (Telegram allows 30
      // messages a second in all), and two queries each for them were most of a drain's work.
      if (first.nextAttemptAt > now) return;
      const firstSender = deps.senders[first.platform as Platform];
      // The first send's slot is reserved before anything is read for the chat, and the chat
      // waits for it here: a drain that finds a hundred chats able to send within maxWaitMs reads
      // and claims each when its turn comes, at the platform's rate, not all of them at once at
      // the start (every few seconds under a backlog, that held webhooks for a quarter-second).
      let slotTaken = false;
      if (firstSender?.pacing) {
        if (!(await limiter.acquire(first.platform, first.chatId, firstSender.pacing, maxWaitMs))) return;
        slotTaken = true;
      }
      const chat = firstSender ? await getChat(deps.store.db, first.platform as Platform, first.chatId) : null;
      // Another sender (another process) is still sending an earlier row here: do not overtake it.
      if (await earlierRowInFlight(deps.store.db, first.platform, first.chatId, first.id, now)) return;
      for (const row of chatRows) {
        if (row.nextAttemptAt > now) return; // oldest row waits, so the rest of the chat waits too
        const sender = deps.senders[row.platform as Platform];
        if (!sender) {
          if ((await deadLetter(row, `${NOT_CONFIGURED_PREFIX}${row.platform}`)) === 'dead') result.dead++;
          continue;
        }
        // A chat that would wait long for its slot is left to the next drain instead of holding this one.
        if (sender.pacing && !slotTaken && chat?.active !== 0 && limiter.delay(row.platform, row.chatId, sender.pacing) > maxWaitMs) return;
        const outcome = chat?.active === 0 ? await deadLetter(row, INACTIVE_CHAT_ERROR) : await sendRow(row, sender, slotTaken);
        slotTaken = false;
        if (outcome === 'sent') result.sent++;
        else {
          if (outcome === 'dead') result.dead++;
          else result.retried++;
          if (outcome === 'retry') return;
        }
      }
    };
    // Each chat's rows cost a few synchronous queries before its first request goes out; over
    // hundreds of chats that held every webhook for a tenth of a second. The chats are started in
    // slices with webhooks let in between; their sends still run side by side.
    const slice = timeSlicer(deps.sliceMs);
    const chats: Promise<void>[] = [];
    for (const chatRows of byChat.values()) {
      await slice();
      chats.push(drainChat(chatRows));
    }
    await Promise.all(chats);
    return result;
  }

  return {
    /**
     * Drains once; runs never overlap, so rows are never claimed twice in-process. Calls made while
     * a run is going share the one run that follows it (it starts after their rows were committed),
     * so a burst of webhooks costs two passes over the outbox, not one per request.
     */
    drain(platform?: Platform): Promise<DrainResult> {
      if (queued) {
        if (queued.platform !== platform) queued.platform = undefined;
        return queued.result;
      }
      if (!running) return start(platform);
      const next: { platform: Platform | undefined; result: Promise<DrainResult> } = { platform, result: Promise.resolve({ sent: 0, retried: 0, dead: 0 }) };
      next.result = running
        .catch(() => undefined)
        .then(() => {
          queued = null;
          return start(next.platform);
        });
      queued = next;
      return next.result;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
