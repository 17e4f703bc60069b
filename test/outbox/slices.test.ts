import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/bot/engine/outbox/dispatcher.js';
import { silentLogger } from '../../src/bot/engine/ports.js';
import { timeSlicer } from '../../src/bot/engine/yield.js';
import { storeWithQueued } from './queued-store.js';
import { recordingSender } from './recording-sender.js';

/** A drain over 200 chats whose sender answers at once, and what a timer set beside it saw. */
async function drainBesideATimer(sliceMs: number | undefined) {
  const { store, clock } = await storeWithQueued(200);
  const { sender, sent } = recordingSender();
  const dispatcher = createDispatcher({ store, senders: { local: sender }, clock, logger: silentLogger, ...(sliceMs === undefined ? {} : { sliceMs }) });
  let sentWhenTheTimerRan = -1;
  // Stands for a webhook that arrives while the drain runs: it can be answered only in a timer or I/O turn.
  setTimeout(() => {
    sentWhenTheTimerRan = sent.length;
  }, 0);
  const result = await dispatcher.drain();
  await store.close();
  return { result, sent, sentWhenTheTimerRan };
}

describe('an outbox drain lets requests in', () => {
  it('over many chats it stops for other work between slices, and still sends every row once', async () => {
    const { result, sent, sentWhenTheTimerRan } = await drainBesideATimer(0);
    expect(result).toEqual({ sent: 200, retried: 0, dead: 0 });
    expect(new Set(sent).size).toBe(200);
    // With a slice of 0 ms the drain stops after its first chat; the timer ran long before the end.
    expect(sentWhenTheTimerRan).toBeGreaterThanOrEqual(0);
    expect(sentWhenTheTimerRan).toBeLessThan(10);
  });

  it('a short drain runs through without stopping', async () => {
    const { result, sentWhenTheTimerRan } = await drainBesideATimer(60_000);
    expect(result.sent).toBe(200);
    // The whole drain ran in one turn: the timer had not had its turn when it ended.
    expect(sentWhenTheTimerRan).toBe(-1);
  });

  it('timeSlicer stops only once the budget has been used', async () => {
    let t = 0;
    const slice = timeSlicer(4, () => t);
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    t = 3;
    await slice();
    order.push('under budget');
    t = 4;
    await slice();
    order.push('over budget');
    expect(order).toEqual(['under budget', 'timer', 'over budget']);
  });
});
