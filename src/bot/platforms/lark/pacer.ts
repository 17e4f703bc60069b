/**
 * Feishu allows 5 messages a second per group, shared by every bot in it. Spacing one chat's sends
 * 250 ms apart keeps this bot at 4 a second there, leaving room for others; chats do not wait for
 * each other. Real time, not the injected clock: this paces HTTP requests, not domain events.
 */
export interface Pacer {
  /** Resolves when a message may go to the chat; the slot is reserved on call. */
  wait(chatId: string): Promise<void>;
  /** Hold the chat back (Feishu said it is over its limit). */
  penalize(chatId: string, ms: number): void;
}

export interface PacerDeps {
  intervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const PRUNE_ABOVE = 1_000;

export function createPacer(deps: PacerDeps = {}): Pacer {
  const interval = deps.intervalMs ?? 250;
  const now = deps.now ?? (() => performance.now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const nextAt = new Map<string, number>();

  function prune(t: number): void {
    if (nextAt.size <= PRUNE_ABOVE) return;
    for (const [chat, at] of nextAt) if (at < t) nextAt.delete(chat);
  }

  return {
    async wait(chatId) {
      const t = now();
      prune(t);
      const slot = Math.max(t, nextAt.get(chatId) ?? 0);
      nextAt.set(chatId, slot + interval);
      if (slot > t) await sleep(slot - t);
    },
    penalize(chatId, ms) {
      nextAt.set(chatId, Math.max(nextAt.get(chatId) ?? 0, now() + ms));
    },
  };
}
