import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/bot/engine/outbox/dispatcher.js';
import { silentLogger } from '../../src/bot/engine/ports.js';
import { storeWithQueued } from './queued-store.js';
import { recordingSender } from './recording-sender.js';

describe('a paced drain', () => {
  it('reads and claims a chat only when its slot comes, not every chat at the start', async () => {
    const { store, clock } = await storeWithQueued(15);
    const { sender, sent } = recordingSender();
    // Five sends a second in all: the fifteen chats fit in the drain's wait of 5 s, in three seconds.
    const paced = { ...sender, pacing: { limits: [{ scope: 'platform' as const, max: 5, perMs: 1_000 }] } };
    const dispatcher = createDispatcher({ store, senders: { local: paced }, clock, logger: silentLogger });
    const states = () => store.sqlite.prepare('select state, count(*) as n from outbox group by state order by state').all();
    const drain = dispatcher.drain();
    await new Promise((r) => setTimeout(r, 100));
    // The first second's five are out; the other ten are untouched, not claimed and left waiting.
    expect(sent).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(states()).toEqual([
      { state: 'pending', n: 10 },
      { state: 'sent', n: 5 },
    ]);
    expect(await drain).toEqual({ sent: 15, retried: 0, dead: 0 });
    expect(sent).toHaveLength(15);
    expect(new Set(sent).size).toBe(15);
    await store.close();
  });
});
