import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/bot/engine/outbox/dispatcher.js';
import { silentLogger } from '../../src/bot/engine/ports.js';
import { storeWithQueued } from './queued-store.js';
import { recordingSender } from './recording-sender.js';

describe('drain batch size', () => {
  it('takes at most batchSize rows a drain; the next drain takes the rest, in order', async () => {
    const { store, clock } = await storeWithQueued(5, (i) => `c${i % 2}`);
    const { sender, sent } = recordingSender();
    const dispatcher = createDispatcher({ store, senders: { local: sender }, clock, logger: silentLogger, batchSize: 2 });
    expect(await dispatcher.drain()).toMatchObject({ sent: 2 });
    expect(sent.sort()).toEqual(['k0', 'k1']);
    await dispatcher.drain();
    await dispatcher.drain();
    expect(sent).toHaveLength(5);
    expect(sent.filter((k) => ['k0', 'k2', 'k4'].includes(k))).toEqual(['k0', 'k2', 'k4']);
    await store.close();
  });
});
