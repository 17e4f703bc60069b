import { MESSAGE_LIMIT } from '../../../src/bot/platforms/telegram/html.js';
import { fixture, groupText, press, telegramTestBot, TG, VILLAGE_GROUP } from '../../telegram/support/telegram-bot.js';
import type { PlatformEntry, Who } from './types.js';

const PEOPLE: Record<Who, { id: number; name: string }> = { zhang: TG.zhang, leader: TG.leader, newcomer: { id: 2001, name: '赵小云' } };

export const telegram: PlatformEntry = {
  name: 'telegram',
  platform: 'telegram',
  rateLimited: true,
  tellsBotAdded: true,
  async start() {
    const bot = await telegramTestBot();
    const updates = new Map<string, unknown>();
    const post = async (eventId: string, make: () => unknown) => {
      const update = updates.get(eventId) ?? make();
      updates.set(eventId, update);
      const res = await bot.post(update);
      await bot.settle();
      return res.status;
    };
    // A refused send is a call the fake received, not a message anyone saw.
    const refused = new Set<number>();
    const delivered = () => bot.fake.sends().filter((_, i) => !refused.has(i));
    type Markup = { inline_keyboard?: { callback_data?: string }[][] } | undefined;
    return {
      bot,
      group: VILLAGE_GROUP,
      say: (text, eventId, who = 'zhang') => post(eventId, () => groupText(text, PEOPLE[who])),
      async press(value, eventId, who = 'leader') {
        await post(eventId, () => press(value, PEOPLE[who], eventId));
      },
      sent: () => delivered().map((c) => String(c.payload.text ?? c.payload.caption ?? '')),
      buttons: () => delivered().flatMap((c) => ((c.payload.reply_markup as Markup)?.inline_keyboard ?? []).flat().map((b) => String(b.callback_data))),
      partLimit: { max: MESSAGE_LIMIT, unit: 'chars' },
      rateLimitNext() {
        refused.add(bot.fake.sends().length);
        bot.fake.fail('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 30', parameters: { retry_after: 30 } });
        return 30_000;
      },
      async addToGroup() {
        const update = fixture<{ my_chat_member: { chat: { id: number } } }>('my-chat-member-added');
        await bot.post(update);
        await bot.settle();
        return { chatId: String(update.my_chat_member.chat.id) };
      },
      close: async () => {},
    };
  },
};
