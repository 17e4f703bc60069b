import type { InboundEvent, OutMessage } from '../../domain/types.js';
import { msg } from '../../domain/messages.js';

/**
 * Per-sender limits on what the bot answers. One person's flood must not hold a group: Telegram
 * lets a bot send 20 messages a minute to a group, so a hundred `/help`s from one member would
 * put everyone else's replies an hour back in the outbox's per-chat queue.
 */
export interface SenderLimits {
  /** Events that get an answer, per sender, per window. */
  max: number;
  windowMs: number;
  /** The same words from the same sender in the same chat, when they change nothing, get one answer in this time. */
  coalesceMs: number;
}

export const SENDER_LIMITS: SenderLimits = { max: 10, windowMs: 60_000, coalesceMs: 60_000 };

/** What to do with an event's answer. */
export type Verdict = { kind: 'answer' } | { kind: 'coalesced' } | { kind: 'slow-down'; notice: OutMessage } | { kind: 'silent' };

interface SenderState {
  times: number[];
  noticed: boolean;
  last: number;
}

/** How often idle state is swept: per this many decisions. */
const SWEEP_EVERY = 500;

export function createFairness(limits: SenderLimits = SENDER_LIMITS) {
  const senders = new Map<string, SenderState>();
  const recent = new Map<string, number>();
  let decisions = 0;

  /** Forget senders and repeated words not seen for a window: state stays bounded by who is active. */
  function sweep(now: number) {
    for (const [k, s] of senders) if (now - s.last >= limits.windowMs) senders.delete(k);
    for (const [k, t] of recent) if (now - t >= limits.coalesceMs) recent.delete(k);
  }

  return {
    /**
     * Decides after routing, before the write: `writes` says whether the answer changes anything
     * (a read-only answer repeated is coalesced; a record is never dropped silently: over the
     * limit its sender is told to try again, and nothing of it is written).
     */
    decide(event: InboundEvent, now: number, answer: { messages: number; writes: boolean }): Verdict {
      if (answer.messages === 0 || event.payload.type === 'membership' || event.payload.type === 'migrated') return { kind: 'answer' };
      if (++decisions % SWEEP_EVERY === 0) sweep(now);
      const who = `${event.platform}|${event.sender.userId}`;
      if (!answer.writes && event.payload.type === 'message') {
        const words = `${who}|${event.chat.chatId}|${event.payload.text.trim()}`;
        const before = recent.get(words);
        if (before !== undefined && now - before < limits.coalesceMs) return { kind: 'coalesced' };
        recent.set(words, now);
      }
      let s = senders.get(who);
      if (!s) senders.set(who, (s = { times: [], noticed: false, last: now }));
      s.last = now;
      s.times = s.times.filter((t) => now - t < limits.windowMs);
      if (s.times.length < limits.max) {
        s.times.push(now);
        s.noticed = false;
        return { kind: 'answer' };
      }
      if (s.noticed) return { kind: 'silent' };
      s.noticed = true;
      const notice: OutMessage = { to: { platform: event.chat.platform, chatId: event.chat.chatId, threadId: event.chat.threadId }, text: msg.slowDown };
      // Quoting the message makes clear in a group whom the notice is for, without naming anyone.
      if (event.payload.type === 'message' && event.payload.messageId) notice.replyTo = event.payload.messageId;
      return { kind: 'slow-down', notice };
    },
    /** Senders and repeated words held now (for tests and diagnostics). */
    size: () => senders.size + recent.size,
  };
}

export type Fairness = ReturnType<typeof createFairness>;
