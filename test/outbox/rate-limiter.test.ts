import { describe, expect, it } from 'vitest';
import { createRateLimiter, type Pacing } from '../../src/bot/engine/outbox/pacing.js';

/** A limiter on a clock that stands still, recording how long each grant would wait. */
function stillLimiter() {
  const waits: number[] = [];
  const limiter = createRateLimiter({
    now: () => 10_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { limiter, waits };
}

// Two sends a second in all, and one every 3 s per chat.
const pacing: Pacing = {
  limits: [
    { scope: 'platform', max: 2, perMs: 1_000 },
    { scope: 'chat', max: 1, perMs: 3_000 },
  ],
};

describe('the rate limiter', () => {
  it('reads its logs in time order, so a slot reserved far ahead holds other chats back no more than the limit needs', async () => {
    const { limiter, waits } = stillLimiter();
    await limiter.acquire('telegram', 'a', pacing, Number.POSITIVE_INFINITY); // now
    await limiter.acquire('telegram', 'a', pacing, Number.POSITIVE_INFINITY); // a's next slot: 3 s on
    await limiter.acquire('telegram', 'b', pacing, Number.POSITIVE_INFINITY); // two sends now and later: 1 s on
    await limiter.acquire('telegram', 'c', pacing, Number.POSITIVE_INFINITY); // after b's second: 2 s on
    // In the order slots were granted (now, 3 s, 1 s), c's limit would have been read off a's slot: 4 s on.
    expect(waits).toEqual([3_000, 1_000, 2_000]);
    expect(limiter.delay('telegram', 'd', pacing)).toBe(3_000);
  });

  it('refuses without reserving when the wait is longer than allowed', async () => {
    const { limiter } = stillLimiter();
    expect(await limiter.acquire('telegram', 'a', pacing, 0)).toBe(true);
    expect(await limiter.acquire('telegram', 'a', pacing, 2_000)).toBe(false);
    // Nothing was reserved by the refusal: b still goes now.
    expect(limiter.delay('telegram', 'b', pacing)).toBe(0);
  });
});
