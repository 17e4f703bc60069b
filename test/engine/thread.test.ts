import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/bot/engine/ports.js';
import { oneThread, type OneThread } from '../../src/bot/engine/thread.js';
import type { EchoRequest } from './support/echo-thread.js';

const entry = new URL('./support/echo-thread.ts', import.meta.url);
let thread: OneThread<EchoRequest, number> | undefined;
afterEach(async () => thread?.close());

function start(idleMs?: number) {
  const errors: string[] = [];
  const logger: Logger = { info() {}, warn() {}, error: (m, f) => void errors.push(`${m} ${JSON.stringify(f)}`) };
  thread = oneThread<EchoRequest, number>({ name: 'echo', entry, logger, ...(idleMs === undefined ? {} : { idleMs }) });
  return { thread, errors };
}

describe('a worker thread for background reads', () => {
  it('answers requests in the order asked, and an error in one fails that one only', { timeout: 30_000 }, async () => {
    const { thread } = start();
    const answers = await Promise.allSettled([
      thread.ask({ op: 'double', value: 1 }),
      thread.ask({ op: 'fail' }),
      thread.ask({ op: 'double', value: 21 }),
    ]);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual([2, 'asked to fail', 42]);
  });

  it('fails what a dead thread held, and the next request starts a new one', { timeout: 30_000 }, async () => {
    const { thread } = start();
    await expect(thread.ask({ op: 'exit' })).rejects.toThrow('echo thread exited (3)');
    expect(await thread.ask({ op: 'double', value: 5 })).toBe(10);
  });

  it('is stopped once idle for its idle time, and the next request starts another', { timeout: 30_000 }, async () => {
    const kept = start().thread;
    const first = await kept.ask({ op: 'id' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await kept.ask({ op: 'id' })).toBe(first);
    await kept.close();
    const stopped = start(100).thread;
    const before = await stopped.ask({ op: 'id' });
    // Asked again at once: the same thread.
    expect(await stopped.ask({ op: 'id' })).toBe(before);
    await new Promise((r) => setTimeout(r, 300));
    expect(await stopped.ask({ op: 'id' })).not.toBe(before);
  });

  it.runIf(existsSync('/proc/thread-self/stat'))('runs at the lowest priority, leaving the main thread at its own', { timeout: 30_000 }, async () => {
    const { thread } = start();
    expect(await thread.ask({ op: 'nice' })).toBe(19);
    const mainNice = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ')[16]);
    expect(mainNice).toBeLessThan(19);
  });
});
