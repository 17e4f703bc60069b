/**
 * One contract over every platform: the same scenarios through each adapter's real webhook (or
 * connection, or console) with its real payload shapes and its fake API, asserting what people
 * see and what is stored. A new platform joins by adding a driver in ./drivers and a line to
 * PLATFORMS below: how to start a test bot with it configured (its village group bound to 温泉村,
 * 张卫东 and 杨建国 known by accounts there), how to speak and press buttons in that group, and how
 * to read back what the bot sent through its fake API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueStatement } from '../../src/db/repo/outbox.js';
import { platformDefinition } from '../../src/bot/platforms/registry.js';
import { COMMANDS } from '../../src/domain/commands.js';
import { msg } from '../../src/domain/messages.js';
import { dingtalk, dingtalkStream } from './drivers/dingtalk.js';
import { lark } from './drivers/lark.js';
import { local } from './drivers/local.js';
import { telegram } from './drivers/telegram.js';
import type { ContractBot, PlatformEntry } from './drivers/types.js';
import { wecom } from './drivers/wecom.js';

const PLATFORMS: PlatformEntry[] = [telegram, lark, dingtalk, dingtalkStream, wecom, local];

/** A help line ends with the command's summary; how the usage is written may differ per platform. */
const helpLineOf = (lines: readonly string[], name: string) => {
  const spec = COMMANDS.find((c) => c.name === name)!;
  return lines.find((l) => l.startsWith('· ') && l.endsWith(` — ${spec.summary}`));
};
const rows = (t: ContractBot, sql: string) => t.bot.store.sqlite.prepare(sql).all();
const sizeOf = (text: string, unit: 'chars' | 'bytes') => (unit === 'bytes' ? Buffer.byteLength(text) : [...text].length);

describe.each(PLATFORMS)('platform contract: $name', (platform) => {
  let t: ContractBot | null = null;
  const start = async () => (t = await platform.start());
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('answers help in a group with what the sender may do there, and only that', async () => {
    const t = await start();
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
    const t = await start();
    expect(await t.say('/visit 走访了五保户', 'visit-1')).toBe(200);
    expect(t.sent()).toEqual(['已记录 走访#1（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ✅实地走访 ⬜中肯建议 ⬜为民实事 ⬜村规民约']);
    expect(rows(t, 'select kind, seq, text from records')).toEqual([{ kind: 'visit', seq: 1, text: '走访了五保户' }]);
  });

  it('takes a redelivered event as already handled: nothing stored or sent twice', async () => {
    const t = await start();
    await t.say('/visit 走访了五保户', 'visit-again');
    expect(await t.say('/visit 走访了五保户', 'visit-again')).toBe(200);
    expect(t.sent()).toHaveLength(1);
    expect(rows(t, 'select count(*) as n from records')).toEqual([{ n: 1 }]);
    expect(rows(t, 'select count(*) as n from outbox')).toEqual([{ n: 1 }]);
  });

  it('sends choices as buttons whose press comes back as the choice, acted on once', async () => {
    const t = await start();
    await t.say('登记 赵小云', 'join-1', 'newcomer');
    // To the group, and where the platform can write first, to the leader and station in private too.
    expect(new Set(t.buttons())).toEqual(new Set(['approve:1', 'reject:1']));
    expect(rows(t, 'select status from join_requests')).toEqual([{ status: 'pending' }]);

    await t.press('approve:1', 'press-1', 'leader');
    expect(rows(t, 'select status from join_requests')).toEqual([{ status: 'approved' }]);
    expect(t.sent().filter((s) => s === msg.approved('赵小云', '江川区江城镇温泉村'))).toHaveLength(1);

    // A second tap (a new press of the same button) changes nothing more.
    const before = t.sent().length;
    await t.press('approve:1', 'press-2', 'leader');
    expect(rows(t, 'select status from join_requests')).toEqual([{ status: 'approved' }]);
    expect(t.sent().slice(before).filter((s) => s === msg.approved('赵小云', '江川区江城镇温泉村'))).toEqual([]);
  });

  it('sends a long message whole and in order, each part within the platform’s limit', async () => {
    const t = await start();
    const lines = Array.from({ length: 30 }, (_, i) => `第${i + 1}条：${'村庄规划'.repeat(100)}`);
    const text = lines.join('\n');
    const at = t.bot.clock().getTime();
    await t.bot.store.commit([enqueueStatement(t.bot.store.db, { to: { platform: platform.platform, chatId: t.group, threadId: null }, text }, 'long-1', at)]);
    await t.bot.dispatcher.drain(platform.platform);
    const parts = t.sent();
    for (const part of parts) expect(sizeOf(part, t.partLimit.unit)).toBeLessThanOrEqual(t.partLimit.max);
    // Every line arrives once, in order.
    const received = parts.join('\n').split('\n').filter((l) => l.startsWith('第'));
    expect(received).toEqual(lines);
    expect(rows(t, "select state from outbox where key = 'long-1'")).toEqual([{ state: 'sent' }]);
  });

  it.runIf(platform.rateLimited)('waits out a rate limit for as long as the platform asks, then sends once', async () => {
    const t = await start();
    const at = t.bot.clock().getTime();
    await t.bot.store.commit([enqueueStatement(t.bot.store.db, { to: { platform: platform.platform, chatId: t.group, threadId: null }, text: '会议提醒' }, 'limited-1', at)]);
    const wait = t.rateLimitNext!();
    await t.bot.dispatcher.drain(platform.platform);
    const row = () => rows(t, "select state, next_attempt_at as next from outbox where key = 'limited-1'")[0] as { state: string; next: number };
    expect(row().state).toBe('pending');
    expect(row().next - at).toBeGreaterThanOrEqual(wait);
    expect(t.sent()).toEqual([]);

    // Not before the wait is over…
    t.bot.clock.advance(wait - 1_000);
    await t.bot.dispatcher.drain(platform.platform);
    expect(t.sent()).toEqual([]);
    // …and once after it.
    t.bot.clock.advance(2_000);
    await t.bot.dispatcher.drain(platform.platform);
    await t.bot.dispatcher.drain(platform.platform);
    expect(t.sent()).toEqual(['会议提醒']);
    expect(row().state).toBe('sent');
  });

  it.runIf(platform.tellsBotAdded)('greets a group it is added to with how to bind it', async () => {
    const t = await start();
    const { chatId } = await t.addToGroup!();
    expect(t.sent()).toEqual([msg.greeting]);
    expect(rows(t, `select chat_id from chats where chat_id = '${chatId}'`)).toEqual([{ chat_id: chatId }]);
  });
});

describe.each(PLATFORMS)('platform contract, private messages: $name', (platform) => {
  let t: ContractBot | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('reminds each expected person once: in private where the platform can reach them, else by name in the group', async () => {
    t = await platform.start();
    await t.say('会议 12月3日下午3点 村民恳谈会 @村委会议室', 'meeting-1', 'leader');
    expect(rows(t, 'select seq, title from meetings')).toEqual([{ seq: 1, title: '村民恳谈会' }]);
    await t.bot.tick(new Date('2026-12-02T07:05:00.000Z'));
    const reminders = rows(t, "select chat_id as chatId, payload from outbox where key like '%:remind:24h:%' order by id") as { chatId: string; payload: string }[];
    const inGroup = reminders.filter((r) => r.chatId === t!.group);
    expect(inGroup).toHaveLength(1);
    const mentioned = ((JSON.parse(inGroup[0]!.payload) as { mentions?: { name: string }[] }).mentions ?? []).map((m) => m.name);
    const definition = platformDefinition(platform.platform)!;
    const accounts = rows(t, `select i.user_id as userId, p.name from identities i join people p on p.id = i.person_id where i.platform = '${platform.platform}'`) as { userId: string; name: string }[];
    const privately = reminders
      .filter((r) => r.chatId !== t!.group)
      .map((r) => accounts.find((a) => definition.privateChatId(a.userId) === r.chatId)?.name ?? `unknown chat ${r.chatId}`);
    // Each person once: a private reminder, or a mention in the group's, never both.
    expect(privately.filter((name) => mentioned.includes(name))).toEqual([]);
    expect(new Set(privately).size).toBe(privately.length);
    expect([...privately, ...mentioned]).toEqual(expect.arrayContaining(['张卫东', '杨建国']));
    // Where the person must open the private chat first, nobody who has not is written to there.
    if (definition.privateChatNeedsStart) expect(privately).toEqual([]);
    else expect(privately).toEqual(expect.arrayContaining(['张卫东', '杨建国']));
  });
});
