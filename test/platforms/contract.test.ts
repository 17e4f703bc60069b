/**
 * One contract over every platform: the same scenarios through each adapter's real webhook (or
 * console) with its real payload shapes and its fake API, asserting what people see and what is
 * stored. A new platform joins by adding an entry to PLATFORMS below: how to start a test bot with
 * it configured (its village group bound to 温泉村, 张卫东 known by an account there), how to say
 * something in that group, and how to read back what the bot sent through its fake API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/domain/commands.js';
import type { Bot } from '../../src/bot/create-bot.js';
import { startFakeOpenApi, type FakeOpenApi } from '../lark/fake-open-api.js';
import { deliver, larkTestBot, textEvent } from '../lark/support.js';
import { DEMO, say, testBot } from '../support/bot.js';
import { groupText, telegramTestBot, TG } from '../telegram/support/telegram-bot.js';

interface ContractBot {
  bot: Bot & { store: { sqlite: { prepare(sql: string): { all(): unknown[] } } } };
  /** 张卫东 says `text` in the village group; the same `eventId` is the same delivery again. */
  say(text: string, eventId: string): Promise<number>;
  /** Texts the bot sent through the platform, in order. */
  sent(): string[];
}

let lark: FakeOpenApi;
beforeAll(async () => {
  lark = await startFakeOpenApi();
});
afterAll(async () => {
  await lark.close();
});

const PLATFORMS: { name: string; start(): Promise<ContractBot> }[] = [
  {
    name: 'telegram',
    async start() {
      const bot = await telegramTestBot();
      const updates = new Map<string, ReturnType<typeof groupText>>();
      return {
        bot,
        async say(text, eventId) {
          const update = updates.get(eventId) ?? groupText(text, TG.zhang);
          updates.set(eventId, update);
          const res = await bot.post(update);
          await bot.settle();
          return res.status;
        },
        sent: () => bot.fake.sends().map((c) => String(c.payload.text)),
      };
    },
  },
  {
    name: 'lark',
    async start() {
      lark.reset();
      const bot = await larkTestBot(lark);
      return {
        bot,
        async say(text, eventId) {
          return (await deliver(bot, textEvent(eventId, 'ou_zhang', text))).status;
        },
        sent: () => lark.sends().map((c) => (JSON.parse(c.body.content as string) as { text: string }).text),
      };
    },
  },
  {
    name: 'local',
    async start() {
      const bot = await testBot();
      const texts: string[] = [];
      return {
        bot,
        async say(text, eventId) {
          const r = await say(bot, { ...DEMO.zhang, eventId }, text);
          texts.push(...r.texts);
          return r.status;
        },
        sent: () => texts,
      };
    },
  },
];

/** A help line ends with the command's summary; how the usage is written may differ per platform. */
const helpLineOf = (lines: readonly string[], name: string) => {
  const spec = COMMANDS.find((c) => c.name === name)!;
  return lines.find((l) => l.startsWith('· ') && l.endsWith(` — ${spec.summary}`));
};

describe.each(PLATFORMS)('platform contract: $name', (platform) => {
  it('answers help in a group with what the sender may do there, and only that', async () => {
    const t = await platform.start();
    expect(await t.say('/help', 'help-1')).toBe(200);
    const [help, ...more] = t.sent();
    expect(more).toEqual([]);
    const lines = help!.split('\n');
    expect(lines[0]).toBe('归乡 · 干部规划家乡行动助手');
    // The first screen of help: the records and 我的; binding is not the cadre's.
    expect(helpLineOf(lines, 'me')).toBeDefined();
    expect(helpLineOf(lines, 'bind')).toBeUndefined();
  });

  it('records a field visit with its number and the five-ones progress, and stores it once', async () => {
    const t = await platform.start();
    expect(await t.say('/visit 走访了五保户', 'visit-1')).toBe(200);
    expect(t.sent()).toEqual(['已记录 走访#1（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ✅实地走访 ⬜中肯建议 ⬜为民实事 ⬜村规民约']);
    expect(t.bot.store.sqlite.prepare('select kind, seq, text from records').all()).toEqual([{ kind: 'visit', seq: 1, text: '走访了五保户' }]);
  });

  it('takes a redelivered event as already handled: nothing stored or sent twice', async () => {
    const t = await platform.start();
    await t.say('/visit 走访了五保户', 'visit-again');
    expect(await t.say('/visit 走访了五保户', 'visit-again')).toBe(200);
    expect(t.sent()).toHaveLength(1);
    expect(t.bot.store.sqlite.prepare('select count(*) as n from records').all()).toEqual([{ n: 1 }]);
    expect(t.bot.store.sqlite.prepare('select count(*) as n from outbox').all()).toEqual([{ n: 1 }]);
  });
});
