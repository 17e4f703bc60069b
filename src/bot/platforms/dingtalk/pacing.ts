import type { Pacing } from '../../engine/outbox/pacing.js';
import { isGroupChat } from './ids.js';

/**
 * DingTalk: a robot may send 20 messages a minute to one group, and going over throttles it there
 * for ten minutes (DingTalk's robot docs, 「每个机器人每分钟最多发送20条。如果超过20条，会限流10分钟」),
 * so a group is never sent more. Per person and per app DingTalk states QPS limits on each API
 * without a fixed figure for these two; 5 a second per chat and 20 a second overall stay well
 * below what it throttles, and a throttle answer is retried later all the same.
 */
export const DINGTALK_PACING: Pacing = {
  limits: [
    { scope: 'chat', max: 5, perMs: 1_000 },
    { scope: 'group', max: 20, perMs: 60_000 },
    { scope: 'platform', max: 20, perMs: 1_000 },
  ],
  isGroup: isGroupChat,
};
