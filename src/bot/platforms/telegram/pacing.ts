import type { Pacing } from '../../engine/outbox/pacing.js';

/**
 * Telegram: about one message a second per chat, 20 a minute per group, 30 a second overall.
 * Group chat ids are negative numbers.
 */
export const TELEGRAM_PACING: Pacing = {
  limits: [
    { scope: 'chat', max: 1, perMs: 1_000 },
    { scope: 'group', max: 20, perMs: 60_000 },
    { scope: 'platform', max: 30, perMs: 1_000 },
  ],
  isGroup: (chatId) => chatId.startsWith('-'),
};
