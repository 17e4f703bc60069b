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

export interface RateLimiterDeps {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Sliding-window logs per scope key; a slot is reserved when it is granted. */
export function createRateLimiter(deps: RateLimiterDeps = {}) {
  const now = deps.now ?? (() => performance.now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const logs = new Map<string, number[]>();

  function keysFor(platform: string, chatId: string, pacing: Pacing): { key: string; limit: RateLimit }[] {
    const group = pacing.isGroup?.(chatId) ?? false;
    return pacing.limits
      .filter((l) => l.scope !== 'group' || group)
      .map((limit) => ({ limit, key: limit.scope === 'platform' ? `${platform}|${limit.perMs}` : `${platform}|${chatId}|${limit.scope}|${limit.perMs}` }));
  }

  /** Earliest time a send may go out under every limit. */
  function earliest(entries: { key: string; limit: RateLimit }[], t: number): number {
    let at = t;
    for (const { key, limit } of entries) {
      const log = (logs.get(key) ?? []).filter((x) => x > t - limit.perMs);
      logs.set(key, log);
      if (log.length >= limit.max) at = Math.max(at, log[log.length - limit.max]! + limit.perMs);
    }
    return at;
  }

  return {
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
      for (const { key } of entries) logs.get(key)!.push(at);
      if (at > t) {
        await sleep(at - t);
        // Timers fire late under load: count the send when it really goes out.
        const actual = now();
        if (actual > at) {
          for (const { key } of entries) {
            const log = logs.get(key)!;
            const i = log.lastIndexOf(at);
            if (i !== -1) log[i] = actual;
            log.sort((x, y) => x - y);
          }
        }
      }
      return true;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
