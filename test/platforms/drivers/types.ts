import type { Bot } from '../../../src/bot/create-bot.js';
import type { SqliteStore } from '../../../src/db/sqlite.js';
import type { TestClock } from '../../support/bot.js';

/** The people of every scenario: a cadre and the group leader on the roster, and someone who is not. */
export type Who = 'zhang' | 'leader' | 'newcomer';

/**
 * One platform as the contract drives it: a bot with the platform configured (its village group
 * bound to 温泉村, 张卫东 and 杨建国 known by accounts there), speaking through the platform's real
 * payload shapes, and what it sent read back from the platform's fake API.
 */
export interface ContractBot {
  bot: Bot & { store: SqliteStore; clock: TestClock };
  /** The village group's chat id on the platform. */
  group: string;
  /** `who` says `text` in the village group; the same `eventId` is the same delivery again. Returns the HTTP status (200 for a connection). */
  say(text: string, eventId: string, who?: Who): Promise<number>;
  /** `who` presses the button carrying `value` on a message in the village group. */
  press(value: string, eventId: string, who?: Who): Promise<void>;
  /** Texts the bot sent through the platform, in order (one per message part). */
  sent(): string[];
  /** The values of the buttons the bot sent, in order. */
  buttons(): string[];
  /** The longest message part the platform takes, in its own unit (characters or UTF-8 bytes). */
  partLimit: { max: number; unit: 'chars' | 'bytes' };
  /** Makes the platform refuse the next send as over its rate limit; returns the wait it asks for (ms). Absent: no limit. */
  rateLimitNext?(): number;
  /** The bot is added to a new group; absent where the platform tells the bot no such thing. */
  addToGroup?(): Promise<{ chatId: string }>;
  close(): Promise<void>;
}

export interface PlatformEntry {
  /** The entry's name in the suite (a platform may run in more than one receive mode). */
  name: string;
  /** The platform's name in the registry. */
  platform: string;
  start(): Promise<ContractBot>;
  /** Whether the platform has rate limits to answer with a wait. */
  rateLimited: boolean;
  /** Whether the platform tells the bot it was added to a group. */
  tellsBotAdded: boolean;
}
