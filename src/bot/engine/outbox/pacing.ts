/**
 * Rate limits a platform sets on sending, declared by each sender (`PlatformSender.pacing`) and
 * enforced by the dispatcher. Real time, not the injected clock: this spaces HTTP requests, not
 * domain events, and a test clock that stands still must not stall sending.
 */
export interface RateLimit {
  /** chat: every chat; group: only group chats; platform: all sends of this platform together. */
  scope: 'chat' | 'group' | 'platform';
  max: number;
  perMs: number;
}

export interface Pacing {
  limits: readonly RateLimit[];
  /** Tells group chats from private ones by id; without it no chat counts as a group. */
  isGroup?: (chatId: string) => boolean;
}

const NO_SENDS: readonly number[] = [];

/** Grants between sweeps of idle chats' logs. */
const SWEEP_EVERY = 1_000;
/** The longest window any platform declares (per minute): a log idle this long limits nothing. */
const IDLE_MS = 60_000;

export interface RateLimiterDeps {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Sliding-window logs per scope key; a slot is reserved when it is granted. */
export function createRateLimiter(deps: RateLimiterDeps = {}) {
  const now = deps.now ?? (() => performance.now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const logs = new Map<string, number[]>();
  // Chats not sent to for longer than the longest window hold nothing worth keeping: swept every
  // so many grants, so the map holds the chats of the last minute, not every chat ever served.
  let grants = 0;
  function sweep(t: number) {
    for (const [key, log] of logs) if (log.length === 0 || log[log.length - 1]! <= t - IDLE_MS) logs.delete(key);
  }

  function keysFor(platform: string, chatId: string, pacing: Pacing): { key: string; limit: RateLimit }[] {
    const group = pacing.isGroup?.(chatId) ?? false;
    return pacing.limits
      .filter((l) => l.scope !== 'group' || group)
      .map((limit) => ({ limit, key: limit.scope === 'platform' ? `${platform}|${limit.perMs}` : `${platform}|${chatId}|${limit.scope}|${limit.perMs}` }));
  }

  /**
   * The key's log without the sends older than the window, trimmed in place: a drain asks this
   * for every waiting chat, and copying the platform's log (up to five seconds of sends) each
   * time was most of what a drain allocated. Logs are kept in time order (see `record`).
   */
  function live(key: string, t: number, perMs: number): readonly number[] {
    const log = logs.get(key);
    if (!log) return NO_SENDS;
    let expired = 0;
    while (expired < log.length && log[expired]! <= t - perMs) expired++;
    if (expired === log.length) {
      logs.delete(key);
      return NO_SENDS;
    }
    if (expired > 0) log.splice(0, expired);
    return log;
  }

  /** Adds a send at `at` in time order (a slot reserved ahead can be later than one taken after it). */
  function record(key: string, at: number): void {
    const log = logs.get(key);
    if (!log) {
      logs.set(key, [at]);
      return;
    }
    let i = log.length;
    while (i > 0 && log[i - 1]! > at) i--;
    log.splice(i, 0, at);
  }

  /** Earliest time a send may go out under every limit. */
  function earliest(entries: { key: string; limit: RateLimit }[], t: number): number {
    let at = t;
    for (const { key, limit } of entries) {
      const log = live(key, t, limit.perMs);
      if (log.length >= limit.max) at = Math.max(at, log[log.length - limit.max]! + limit.perMs);
    }
    return at;
  }

  return {
    /** Scope keys held (for tests and diagnostics). */
    size: () => logs.size,
    /** How long a send to the chat would wait now, without reserving anything. */
    delay(platform: string, chatId: string, pacing: Pacing): number {
      const t = now();
      return earliest(keysFor(platform, chatId, pacing), t) - t;
    },
    /**
     * Waits for a slot and reserves it. Returns false without reserving when the wait would be
     * longer than `maxWaitMs`: the row then stays queued for a later drain instead of holding
     * this one up.
     */
    async acquire(platform: string, chatId: string, pacing: Pacing, maxWaitMs: number): Promise<boolean> {
      const entries = keysFor(platform, chatId, pacing);
      const t = now();
      const at = earliest(entries, t);
      if (at - t > maxWaitMs) return false;
      if (++grants % SWEEP_EVERY === 0) sweep(t);
      for (const { key } of entries) record(key, at);
      if (at > t) {
        await sleep(at - t);
        // Timers fire late under load: count the send when it really goes out.
        const actual = now();
        if (actual > at) {
          for (const { key } of entries) {
            const log = logs.get(key);
            const i = log ? log.lastIndexOf(at) : -1;
            if (i === -1) continue;
            log!.splice(i, 1);
            record(key, actual);
          }
        }
      }
      return true;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
