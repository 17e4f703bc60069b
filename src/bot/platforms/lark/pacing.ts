import type { Pacing } from '../../engine/outbox/pacing.js';

/**
 * Feishu's message API: 5 a second per user or per group (a group's shared with the other bots
 * there, so this bot keeps to 4), and per app 50 a second and 1,000 a minute.
 */
export const LARK_PACING: Pacing = {
  limits: [
    { scope: 'chat', max: 5, perMs: 1_000 },
    { scope: 'group', max: 4, perMs: 1_000 },
    { scope: 'platform', max: 50, perMs: 1_000 },
    { scope: 'platform', max: 1_000, perMs: 60_000 },
  ],
  isGroup: (chatId) => chatId.startsWith('oc_'),
};
